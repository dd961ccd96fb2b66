package dev.berth.sharing;

import dev.berth.accounts.BerthUser;
import dev.berth.audit.PullLog;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog;
import dev.berth.testing.MutableClock;
import dev.berth.testing.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * One Spring context (demo data, in-memory H2, a movable clock) for the sharing and audit tests
 * that do not need a browser. Each test starts with no shares, no audit events and no pulls.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
public abstract class SharingTestBase {

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected ImageCatalog catalog;

	@Autowired
	protected ImageAccess access;

	@Autowired
	private UserDetailsService users;

	@Autowired
	private PullLog pulls;

	@Autowired
	private SharePulls sharePulls;

	@Autowired
	private org.springframework.transaction.support.TransactionTemplate transactions;

	@BeforeEach
	protected void startClean() {
		this.clock.reset();
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();
		this.jdbc.sql("update image set share_count = 0").update();
		this.jdbc.sql("update image set visibility = 'PRIVATE' where organization_name = 'acme-apps'").update();
		this.jdbc.sql("delete from audit_event").update();
		this.jdbc.sql("delete from pull_event").update();
		this.jdbc.sql("delete from registry_event").update();
	}

	protected BerthUser user(String username) {
		return (BerthUser) this.users.loadUserByUsername(username);
	}

	/** Logs the request in as a demo user, the way the session would. */
	protected org.springframework.test.web.servlet.request.RequestPostProcessor loggedInAs(String username) {
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(user(username));
	}

	/** The image as that user sees it (a 404 when they may not). */
	protected VisibleImage image(BerthUser user, String path) {
		return this.access.visible(user, this.catalog.findByPath(path).orElseThrow().image().id());
	}

	protected long imageId(String path) {
		return this.catalog.findByPath(path).orElseThrow().image().id();
	}

	protected long accountId(String name) {
		return this.jdbc.sql("select id from account where name = :name").param("name", name).query(Long.class).single();
	}

	protected int shareCount(String path) {
		return this.jdbc.sql("select count(*) from image_share where image_id = :id")
			.param("id", imageId(path))
			.query(Integer.class)
			.single();
	}

	protected java.util.List<String> auditActions() {
		return this.jdbc.sql("select action from audit_event order by id").query(String.class).list();
	}

	protected java.util.List<String> auditDetails() {
		return this.jdbc.sql("select coalesce(detail, '') from audit_event order by id").query(String.class).list();
	}

	/** A pull by a user of another account, as the registry integration records it. */
	protected void pull(String path, String account, String username, String tag, String at) {
		var image = this.catalog.findByPath(path).orElseThrow();
		java.time.Instant pulledAt = java.time.Instant.parse(at);
		String digest = "sha256:" + "ab".repeat(32);
		this.transactions.executeWithoutResult(status -> {
			this.pulls.record(new PullLog.Pull(java.util.UUID.randomUUID().toString(), image.image().id(),
					image.organization().id(), image.organization().accountId(), path, accountId(account), account,
					username, tag, digest, pulledAt));
			this.sharePulls.pulled(image.image().id(), accountId(account), pulledAt, username, tag, digest);
		});
	}

}

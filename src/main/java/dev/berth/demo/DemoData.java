package dev.berth.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.User;
import dev.berth.accounts.UserRepository;
import dev.berth.images.Image;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.images.Visibility;
import dev.berth.organizations.GrantTarget;
import dev.berth.organizations.Grants;
import dev.berth.organizations.Grants.Member;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.support.InstallationLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo of docs/demo-data.md, loaded once on the first start with the demo profile (the embedded
 * default), as soon as the application's beans exist. A marker row makes a restart on the same
 * data folder leave it alone; the installation lock makes a second node that starts at the same
 * moment on the same database wait, and then find the marker.
 */
@Component
@Profile("demo")
public class DemoData implements SmartInitializingSingleton {

	public static final String PASSWORD = "demo12345";

	/** The platform operator of the demo. */
	public static final String OPERATOR = "admin";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final String MARKER = "demo-loaded";

	private final JdbcClient jdbc;

	private final AccountRepository accounts;

	private final UserRepository users;

	private final OrganizationRepository organizations;

	private final ImageRepository images;

	private final Grants grants;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final InstallationLock lock;

	DemoData(JdbcClient jdbc, AccountRepository accounts, UserRepository users, OrganizationRepository organizations,
			ImageRepository images, Grants grants, PasswordEncoder passwordEncoder, Clock clock, InstallationLock lock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.organizations = organizations;
		this.images = images;
		this.grants = grants;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.lock = lock;
	}

	/** Before the web server accepts a request, so that the demo users can log in from the first one. */
	@Override
	@Transactional
	public void afterSingletonsInstantiated() {
		this.lock.hold();
		operator();
		boolean loaded = this.jdbc.sql("select count(*) from installation where name = :name")
			.param("name", MARKER)
			.query(Integer.class)
			.single() > 0;
		if (loaded) {
			log.info("Demo data already loaded; leaving it as it is");
			return;
		}
		Instant now = this.clock.instant();
		String password = this.passwordEncoder.encode(PASSWORD);

		Account acme = this.accounts.save(Account.create("acme", "eu-west-1", now));
		Account globex = this.accounts.save(Account.create("globex", "eu-west-1", now));
		Account initech = this.accounts.save(Account.create("initech", "ap-southeast-1", now));
		Account umbrella = this.accounts.save(Account.create("umbrella", "eu-west-1", now));

		this.users.save(User.create("alice", password, acme.id(), true, now));
		User bob = this.users.save(User.create("bob", password, acme.id(), false, now));
		this.users.save(User.create("carol", password, globex.id(), true, now));
		this.users.save(User.create("dave", password, initech.id(), true, now));
		this.users.save(User.create("erin", password, umbrella.id(), true, now));

		Organization acmeApps = organization("acme-apps", acme, now);
		Organization acmePublic = organization("acme-public", acme, now);
		Organization globexMl = organization("globex-ml", globex, now);
		Organization initechWeb = organization("initech-web", initech, now);

		image(acmeApps, "nginx", Visibility.PRIVATE, "Web server", "NGINX built for acme's apps", now, "1.25", "1.26",
				"latest");
		image(acmeApps, "billing/api", Visibility.PRIVATE, "Application", "Billing REST API", now, "v1", "v2");
		image(acmeApps, "internal-tools", Visibility.PRIVATE, "Tooling", "Internal command-line tools", now, "0.1");
		image(acmePublic, "hello", Visibility.PUBLIC, "Example", "Hello world, public to everyone", now, "latest");
		image(globexMl, "trainer", Visibility.PRIVATE, "Machine learning", "Model training job", now, "2024.1");
		image(initechWeb, "portal", Visibility.PRIVATE, "Web application", "Customer portal", now, "3.0");

		// The console itself grants (no actor), so this is no audit event.
		this.grants.grant(null, GrantTarget.organization(acmeApps), new Member(bob.id(), bob.username(), false, null, null),
				Permission.READ);

		this.jdbc.sql("insert into installation (name, fact) values (:name, :fact)")
			.param("name", MARKER)
			.param("fact", now.toString())
			.update();
		log.info("Demo data loaded: log in as alice, bob, carol, dave or erin (or the operator admin) with password {}", PASSWORD);
	}

	/**
	 * The platform operator {@code admin} with the demo password (no change required), unless there
	 * is an operator already: also on a demo data folder from before the operator existed.
	 */
	private void operator() {
		boolean exists = this.jdbc.sql("select count(*) from app_user where operator").query(Integer.class).single() > 0;
		if (exists) {
			return;
		}
		this.jdbc.sql("""
				insert into app_user (username, password, account_id, administrator, operator, password_change_required,
				                      created_at)
				values (:username, :password, null, false, true, false, :now)
				""")
			.param("username", OPERATOR)
			.param("password", this.passwordEncoder.encode(PASSWORD))
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
		log.info("Demo operator created: log in as {} with password {}", OPERATOR, PASSWORD);
	}

	private Organization organization(String name, Account owner, Instant now) {
		return this.organizations.save(Organization.create(name, owner.id(), owner.region(), now));
	}

	private void image(Organization organization, String name, Visibility visibility, String category,
			String description, Instant now, String... tags) {
		Image image = Image.create(organization, name, visibility, category, description, now);
		int i = 0;
		for (String tag : tags) {
			Instant pushedAt = now.minus(Duration.ofDays(3L * (tags.length - i)));
			String path = organization.name() + "/" + name + ":" + tag;
			image = image.withTag(new Tag(tag, "sha256:" + sha256(path), 1_048_576L * (7 + 3L * i) + path.length(),
					pushedAt), now);
			i++;
		}
		this.images.save(image);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package dev.berth.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.audit.PullLog;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog;
import dev.berth.sharing.Share;
import dev.berth.sharing.ShareForm;
import dev.berth.sharing.SharePulls;
import dev.berth.sharing.ShareService;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shares and pulls made the way the console and the registry make them, for tests that then look
 * at the result in a browser.
 */
@TestComponent
public class ShareFixture {

	private final ShareService service;

	private final ImageAccess access;

	private final ImageCatalog catalog;

	private final UserDetailsService users;

	private final AccountRepository accounts;

	private final PullLog pulls;

	private final SharePulls sharePulls;

	private final TransactionTemplate transactions;

	ShareFixture(ShareService service, ImageAccess access, ImageCatalog catalog, UserDetailsService users,
			AccountRepository accounts, PullLog pulls, SharePulls sharePulls, TransactionTemplate transactions) {
		this.service = service;
		this.access = access;
		this.catalog = catalog;
		this.users = users;
		this.accounts = accounts;
		this.pulls = pulls;
		this.sharePulls = sharePulls;
		this.transactions = transactions;
	}

	public BerthUser user(String username) {
		return (BerthUser) this.users.loadUserByUsername(username);
	}

	public VisibleImage image(String username, String path) {
		int slash = path.indexOf('/');
		return this.access.visible(user(username), path.substring(0, slash), path.substring(slash + 1));
	}

	/** A share by {@code owner} of {@code path}; {@code validUntil} null means Permanently valid. */
	public Share share(String owner, String path, String grantee, LocalDate validUntil, String description) {
		return this.service.share(user(owner), image(owner, path), new ShareForm(grantee, validUntil,
				validUntil == null, description));
	}

	public void revoke(String owner, String path, String grantee) {
		VisibleImage image = image(owner, path);
		this.service.revoke(user(owner), image, this.service.shareWith(user(owner), image, grantee));
	}

	/** A pull of {@code path:tag} by a user of {@code account}, as the registry reports it. */
	public void pull(String path, String account, String username, String tag, Instant at) {
		var image = this.catalog.findByPath(path).orElseThrow();
		long puller = this.accounts.findByName(account).orElseThrow().id();
		String digest = image.image().tags().stream().filter(t -> t.name().equals(tag)).findFirst().orElseThrow().digest();
		this.transactions.executeWithoutResult(status -> {
			this.pulls.record(new PullLog.Pull(UUID.randomUUID().toString(), image.image().id(),
					image.organization().id(), image.organization().accountId(), path, puller, account, username, tag,
					digest, at));
			this.sharePulls.pulled(image.image().id(), puller, at, username, tag, digest);
		});
	}

}

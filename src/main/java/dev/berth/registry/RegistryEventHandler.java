package dev.berth.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.berth.accounts.AccessToken;
import dev.berth.accounts.AccessTokens;
import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.User;
import dev.berth.accounts.UserRepository;
import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditEntry;
import dev.berth.audit.AuditLog;
import dev.berth.audit.PullLog;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageCatalog.CatalogImage;
import dev.berth.sharing.SharePulls;
import dev.berth.support.Formats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * Applies one registry event, once: a manifest push upserts the tag (creating the image in an
 * existing organization), a delete removes the tags with that digest, and both go into the Activity
 * of the image's account; a pull of an image by a user of another account is recorded as a pull
 * event. Event ids already handled change nothing; blob events are ignored.
 *
 * <p>
 * The transaction is explicit ({@link TransactionTemplate}) because a push first reads the image's
 * size from the registry, a network call that must not hold a database connection.
 */
@Component
class RegistryEventHandler {

	private static final Logger log = LoggerFactory.getLogger(RegistryEventHandler.class);

	private static final Formats FORMATS = new Formats();

	private final JdbcClient jdbc;

	private final RegistryImages registryImages;

	private final RegistryClient registry;

	private final ImageCatalog catalog;

	private final UserRepository users;

	private final AccountRepository accounts;

	private final PullLog pulls;

	private final SharePulls sharePulls;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final RegistryMetrics metrics;

	private final AccessTokens tokens;

	private final AuditLog audit;

	private final MessageSourceAccessor messages;

	RegistryEventHandler(JdbcClient jdbc, RegistryImages registryImages, RegistryClient registry,
			ImageCatalog catalog, UserRepository users, AccountRepository accounts, PullLog pulls,
			SharePulls sharePulls, TransactionTemplate transactions, Clock clock, RegistryMetrics metrics,
			AccessTokens tokens, AuditLog audit, MessageSourceAccessor messages) {
		this.tokens = tokens;
		this.audit = audit;
		this.messages = messages;
		this.jdbc = jdbc;
		this.registryImages = registryImages;
		this.registry = registry;
		this.catalog = catalog;
		this.users = users;
		this.accounts = accounts;
		this.pulls = pulls;
		this.sharePulls = sharePulls;
		this.transactions = transactions;
		this.clock = clock;
		this.metrics = metrics;
	}

	void handle(RegistryEvent event) {
		if (event == null || !event.isWellFormed()) {
			log.warn("Ignored a registry event that is not one the registry sends: {}", event);
			return;
		}
		String action = String.valueOf(event.action());
		boolean relevant = switch (action) {
			case "push", "pull" -> event.isManifest();
			case "delete" -> event.target().mediaType() == null || event.isManifest();
			default -> false;
		};
		if (!relevant) {
			return;
		}
		// The image size is read from the registry before the transaction (a network call).
		long size = action.equals("push") ? imageSize(event) : 0;
		this.transactions.executeWithoutResult(status -> {
			if (!markHandled(event.id())) {
				return;
			}
			switch (action) {
				case "push" -> pushed(event, size);
				case "delete" -> deleted(event);
				default -> pulled(event);
			}
		});
	}

	private void pushed(RegistryEvent event, long size) {
		RegistryEvent.Target target = event.target();
		if (target.tag() == null || target.digest() == null) {
			return; // a push by digest only: no tag to record
		}
		this.registryImages.upsertTag(target.repository(), target.tag(), target.digest(), size,
				event.occurredAt(this.clock.instant()));
		recordInActivity(event, AuditAction.PUSHED, List.of(target.tag()));
	}

	private void deleted(RegistryEvent event) {
		RegistryEvent.Target target = event.target();
		List<String> removed = List.of();
		if (target.digest() != null) {
			removed = this.registryImages.removeTagsWithDigest(target.repository(), target.digest());
		}
		else if (target.tag() != null && this.registryImages.removeTag(target.repository(), target.tag())) {
			removed = List.of(target.tag());
		}
		if (!removed.isEmpty()) {
			recordInActivity(event, AuditAction.TAGS_DELETED, removed);
		}
	}

	/**
	 * A push or a delete, in the Activity of the image's account: who (and with which of their access
	 * tokens), the tags and the digest. A repository with no organization in the console is nobody's.
	 */
	private void recordInActivity(RegistryEvent event, AuditAction action, List<String> tags) {
		if (Requester.CONSOLE_SUBJECT.equals(event.actorName())) {
			// The console's own: the demo images it pushes on a first start, and the deletions a user asked
			// for, which are on record as that user's (ImageDeletion).
			return;
		}
		Optional<CatalogImage> image = this.catalog.findByPath(event.target().repository());
		if (image.isEmpty()) {
			return;
		}
		Requester.Actor actor = Requester.actor(event.actorName());
		String detail = String.join(", ", tags);
		if (event.target().digest() != null) {
			detail += " (" + FORMATS.shortDigest(event.target().digest()) + ")";
		}
		String tokenName = tokenName(actor);
		if (tokenName != null) {
			detail = this.messages.getMessage("audit.registry.withToken", new Object[] { detail, tokenName });
		}
		CatalogImage changed = image.get();
		this.audit.record(new AuditEntry(changed.organization().accountId(), actor.username(), action,
				changed.organization().id(), changed.image().id(), changed.path(), null, null, null, detail));
	}

	/** The name of the access token the registry event's actor used, if one. */
	private String tokenName(Requester.Actor actor) {
		return (actor.tokenId() != null) ? this.tokens.find(actor.tokenId())
			.filter(token -> token.username().equals(actor.username()))
			.map(AccessToken::name)
			.orElse(null) : null;
	}

	private void pulled(RegistryEvent event) {
		// A pull made with an access token names it in the actor (Requester.TOKEN_MARK).
		Requester.Actor actor = Requester.actor(event.actorName());
		String username = actor.username();
		if (username.isEmpty() || event.target().digest() == null) {
			return;
		}
		Optional<User> user = this.users.findByUsername(username);
		Optional<CatalogImage> image = this.catalog.findByPath(event.target().repository());
		// The operator (no account) pulls public images only, which are nobody's share.
		if (user.isEmpty() || image.isEmpty() || user.get().accountId() == null
				|| user.get().accountId().equals(image.get().organization().accountId())) {
			return;
		}
		CatalogImage pulled = image.get();
		Account puller = this.accounts.findById(user.get().accountId()).orElseThrow();
		Instant at = event.occurredAt(this.clock.instant());
		String tokenName = tokenName(actor);
		this.pulls.record(new PullLog.Pull(event.id(), pulled.image().id(), pulled.organization().id(),
				pulled.organization().accountId(), pulled.path(), puller.id(), puller.name(), username, tokenName,
				event.target().tag(), event.target().digest(), at));
		this.sharePulls.pulled(pulled.image().id(), puller.id(), at, username, tokenName, event.target().tag(),
				event.target().digest());
		this.metrics.pullRecorded();
	}

	private boolean markHandled(String eventId) {
		boolean seen = this.jdbc.sql("select count(*) from registry_event where event_id = :id")
			.param("id", eventId)
			.query(Integer.class)
			.single() > 0;
		if (seen) {
			return false;
		}
		this.jdbc.sql("insert into registry_event (event_id, received_at) values (:id, :at)")
			.param("id", eventId)
			.param("at", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
		return true;
	}

	/** Config plus layers from the manifest itself; the manifest's own length if it cannot be read. */
	private long imageSize(RegistryEvent event) {
		RegistryEvent.Target target = event.target();
		if (target.digest() == null || !this.registry.configured()) {
			return target.sizeOrZero();
		}
		try {
			return this.registry.manifest(target.repository(), target.digest())
				.map(RegistryClient.Manifest::size)
				.orElse(target.sizeOrZero());
		}
		catch (RestClientException ex) {
			log.warn("Cannot read manifest {}@{} for its size: {}", target.repository(), target.digest(),
					ex.getMessage());
			return target.sizeOrZero();
		}
	}

}

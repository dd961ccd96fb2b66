package dev.berth.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.berth.accounts.Account;
import dev.berth.accounts.AccountLocks;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Names;
import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditEntry;
import dev.berth.audit.AuditLog;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog;
import dev.berth.support.Fingerprint;
import dev.berth.support.KeyedLocks;
import dev.berth.support.NotFoundException;
import dev.berth.support.PlainText;
import dev.berth.support.UtcDay;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every sharing rule (docs/sharing-rules.md), enforced in one transaction per change: Manage only,
 * private images only, an existing other account of the same region, no duplicate, at most 500
 * accounts per image (a place is taken on the image row, which locks it), a description of at most
 * 1,000 characters and a Valid Until of today (UTC) or later. A change and its audit event commit
 * together.
 *
 * <p>
 * It is one class on purpose, longer than most: every rule of sharing sits side by side, so that
 * a reader sees the whole decision in one place.
 *
 * <p>
 * Transactions are explicit ({@link TransactionTemplate}) rather than {@code @Transactional}
 * because a refusal must be audited after its change rolled back, in a transaction of its own,
 * and a lock wait that timed out is tried again in a fresh transaction.
 * <p>
 * One class on purpose: every sharing rule is checked in the transaction that saves the share
 * (docs/sharing-rules.md), so the rules sit together.
 */
@Service
public class ShareService {

	private static final int LOCK_ATTEMPTS = 20;

	private final KeyedLocks imageLocks = new KeyedLocks(64, Duration.ofSeconds(30));

	private final ShareRepository shares;

	private final AccountRepository accounts;

	private final AccountLocks accountLocks;

	private final ImageCatalog catalog;

	private final AuditLog audit;

	private final Clock clock;

	private final MessageSourceAccessor messages;

	private final TransactionTemplate transaction;

	private final SharingMetrics metrics;

	private final SharingVersions versions;

	ShareService(ShareRepository shares, AccountRepository accounts, AccountLocks accountLocks, ImageCatalog catalog,
			AuditLog audit, Clock clock, MessageSourceAccessor messages, PlatformTransactionManager transactionManager,
			SharingMetrics metrics, SharingVersions versions) {
		this.shares = shares;
		this.accounts = accounts;
		this.accountLocks = accountLocks;
		this.catalog = catalog;
		this.audit = audit;
		this.clock = clock;
		this.messages = messages;
		this.transaction = new TransactionTemplate(transactionManager);
		this.metrics = metrics;
		this.versions = versions;
	}

	/** Today in UTC, the day every Valid Until is compared with. */
	public LocalDate today() {
		return UtcDay.today(this.clock);
	}

	/** Shares the image with the account named in the form, or says why not (and audits that). */
	public Share share(BerthUser actor, VisibleImage image, ShareForm form) {
		// Shares of one image queue here, in memory, rather than on the image row with a connection each.
		Share created = refusalsAudited(actor, image, form.shareWith(), () -> this.imageLocks.withLock(image.image().id(),
				() -> withLockRetry(() -> this.transaction.execute(status -> create(actor, image, form)))));
		this.metrics.created();
		return created;
	}

	/**
	 * Changes Valid Until and Description of a share of the image to the form's, unless the share's
	 * terms are no longer those the form was opened with ({@code seenTerms}, from
	 * {@link Share#termsTag()}; null: not checked): then nothing changes and the user is told.
	 */
	public Share update(BerthUser actor, VisibleImage image, Share seen, ShareForm form, String seenTerms) {
		return update(actor, image, seen, current -> {
			if (seenTerms != null && !seenTerms.equals(current.termsTag())) {
				throw refused(Refusal.CHANGED_MEANWHILE, changedMeanwhile(current, seenTerms));
			}
			return form;
		});
	}

	/** What another user saved since the form was opened: each term that changed, as it is now. */
	private String changedMeanwhile(Share current, String seenTerms) {
		boolean[] changed = Fingerprint.differing(seenTerms, current.termsTag());
		List<String> now = new ArrayList<>();
		if (changed[0]) {
			now.add(current.isPermanent() ? message("sharing.changed.permanent")
					: message("sharing.changed.until", current.validUntil()));
		}
		if (changed[1]) {
			now.add(current.description().isEmpty() ? message("sharing.changed.noDescription")
					: message("sharing.changed.description", abbreviated(current.description(), 80)));
		}
		return String.join(message("sharing.changed.and"), now);
	}

	/**
	 * Changes the share's terms to those {@code change} makes of the share as it is now: read with
	 * its row locked, so that a change from another request at the same moment is not undone.
	 */
	public Share update(BerthUser actor, VisibleImage image, Share seen, Function<Share, ShareForm> change) {
		String grantee = accountName(seen.granteeAccountId());
		return refusalsAudited(actor, image, grantee, () -> this.transaction.execute(status -> {
			requireManage(image);
			// The image's row first, as a push, a new share and a revoke take it before the shares' rows.
			this.catalog.lock(image.image().id());
			Share current = this.shares.lockById(seen.id()).orElseThrow(() -> new NotFoundException("problem.404.share"));
			ShareForm form = change.apply(current);
			checkTerms(form);
			if (Objects.equals(current.validUntil(), form.effectiveValidUntil())
					&& Objects.equals(current.description(), form.description())) {
				// Nothing to change: Activity shows no "Share changed" without a change.
				return current;
			}
			Share changed = this.shares
				.save(current.withTerms(form.effectiveValidUntil(), form.description(), this.clock.instant()));
			this.versions.changed(image.image().id());
			AuditEntry event = entry(actor, image, AuditAction.SHARE_CHANGED, grantee, terms(current), terms(changed),
					null, changes(current, changed));
			this.audit.record(event);
			this.audit.record(event.forAccount(current.granteeAccountId(), AuditAction.SHARE_RECEIVED_CHANGED,
					image.owner().name()));
			return changed;
		}));
	}

	/**
	 * Ends a share of the image at once. False when it had ended already (revoked by a request just
	 * before this one, a double click): nothing is counted or recorded twice.
	 */
	public boolean revoke(BerthUser actor, VisibleImage image, Share current) {
		String grantee = accountName(current.granteeAccountId());
		return refusalsAudited(actor, image, grantee, () -> this.transaction.execute(status -> {
			requireManage(image);
			// The image's row first, as a push and a new share take it before the shares' rows: two
			// changes that took them in the other order each waited for the other (PostgreSQL: a deadlock).
			this.catalog.releaseShare(image.image().id());
			if (!this.shares.deleteShare(current.id())) {
				status.setRollbackOnly();
				return false;
			}
			this.versions.changed(image.image().id());
			AuditEntry event = entry(actor, image, AuditAction.SHARE_REVOKED, grantee, terms(current), null, null);
			this.audit.record(event);
			this.audit.record(event.forAccount(current.granteeAccountId(), AuditAction.SHARE_RECEIVED_REVOKED,
					image.owner().name()));
			return true;
		}));
	}

	/**
	 * The share of the image with the account of that name, for a user who may manage the image's
	 * shares, or a 404. Anybody else gets the refusal (on record as any refused change) before the
	 * share is looked up, so that nobody learns with which accounts an image is shared from whether
	 * a change was refused or not found.
	 */
	public Share shareWith(BerthUser actor, VisibleImage image, String accountName) {
		requireManage(actor, image, accountName);
		return this.accounts.named(accountName)
			.flatMap(account -> this.shares.findByImageIdAndGranteeAccountId(image.image().id(), account.id()))
			.orElseThrow(() -> new NotFoundException("problem.404.share"));
	}

	/** The share of the image with that id, for a user who may manage its shares (as {@link #shareWith}), or a 404. */
	public Share shareOf(BerthUser actor, VisibleImage image, long shareId) {
		requireManage(actor, image, null);
		return this.shares.findById(shareId)
			.filter(share -> share.imageId().equals(image.image().id()))
			.orElseThrow(() -> new NotFoundException("problem.404.share"));
	}

	String accountName(long accountId) {
		return this.accounts.findById(accountId).map(Account::name).orElse("?");
	}

	/**
	 * The refusals of a share of the actor's account's images that hold whatever the image: no
	 * account, an unknown one, the actor's own, one of another region, or terms that break a rule.
	 * The batch form shows them next to its fields before it tries any image.
	 */
	public void checkGrantee(BerthUser actor, ShareForm form) {
		grantee(this.accounts.findById(actor.accountId()).orElseThrow(() -> new NotFoundException("problem.404")), form);
	}

	/**
	 * The account a share of the owner's image with these terms goes to, or the refusals that hold
	 * whatever the image: the account's first, then each broken term, so that the form shows them all
	 * at once, each next to its field.
	 */
	private Account grantee(Account owner, ShareForm form) {
		String name = form.shareWith();
		List<ShareRefusedException.Problem> problems = new ArrayList<>();
		Account grantee = name.isEmpty() ? null : this.accounts.named(name).orElse(null);
		if (name.isEmpty()) {
			problems.add(problem(Refusal.ACCOUNT_REQUIRED));
		}
		else if (grantee == null) {
			problems.add(problem(Refusal.UNKNOWN_ACCOUNT, abbreviated(name)));
		}
		else if (grantee.id().equals(owner.id())) {
			problems.add(problem(Refusal.OWN_ACCOUNT, name));
		}
		else if (!grantee.region().equals(owner.region())) {
			problems.add(problem(Refusal.CROSS_REGION, name, grantee.region(), owner.name(), owner.region()));
		}
		problems.addAll(termProblems(form));
		if (!problems.isEmpty()) {
			throw new ShareRefusedException(problems, null);
		}
		return grantee;
	}

	private Share create(BerthUser actor, VisibleImage image, ShareForm form) {
		requireManage(image);
		if (!image.image().isPrivate()) {
			throw refused(Refusal.NOT_PRIVATE, image.path());
		}
		String name = form.shareWith();
		Account owner = image.owner();
		Account grantee = grantee(owner, form);
		this.shares.findByImageIdAndGranteeAccountId(image.image().id(), grantee.id()).ifPresent(existing -> {
			throw new ShareRefusedException(List.of(problem(Refusal.ALREADY_SHARED, name)), existing.id());
		});
		// Concurrent shares of one image queue on its row here, so no 501st share is ever saved.
		if (!this.catalog.reserveShare(image.image().id(), Share.MAX_ACCOUNTS_PER_IMAGE)) {
			throw refused(Refusal.QUOTA_REACHED, image.path(), Share.MAX_ACCOUNTS_PER_IMAGE);
		}
		// Made public since it was read (ImageCatalog#saveAttributes): the reservation rolls back.
		ImageCatalog.Figures current = this.catalog.current(image.image().id());
		if (!current.isPrivate()) {
			throw refused(Refusal.NOT_PRIVATE, image.path());
		}
		// Deleted since it was read (an operator's deletion checks, under this lock, that it receives no shares).
		if (!this.accountLocks.lockIfNotDeleted(grantee.id())) {
			throw refused(Refusal.UNKNOWN_ACCOUNT, abbreviated(name));
		}
		Share share;
		try {
			share = this.shares.save(Share.create(image.image(), current, owner.name(), grantee.id(), form.effectiveValidUntil(),
					form.description(), actor.getUsername(), this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			throw refused(Refusal.ALREADY_SHARED, name);
		}
		this.versions.shareCreated(image.image().id());
		AuditEntry event = entry(actor, image, AuditAction.SHARE_CREATED, name, null, terms(share), null);
		this.audit.record(event);
		this.audit.record(event.forAccount(grantee.id(), AuditAction.SHARE_RECEIVED, owner.name()));
		return share;
	}

	/**
	 * A name as typed, as a message shows it: no account's name is longer than
	 * {@link Names#MAX_LENGTH} characters, and the API took 100 KB and said them all back.
	 */
	private static String abbreviated(String name) {
		return abbreviated(name, Names.MAX_LENGTH);
	}

	private static String abbreviated(String text, int characters) {
		if (text.codePointCount(0, text.length()) <= characters) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, characters)) + "…";
	}

	/** The refusal to a user who may not manage the image's shares, on record as any refused change. */
	private void requireManage(BerthUser actor, VisibleImage image, String grantee) {
		refusalsAudited(actor, image, grantee, () -> {
			requireManage(image);
			return image;
		});
	}

	private void requireManage(VisibleImage image) {
		if (!image.viewer().canManage()) {
			throw refused(Refusal.NOT_MANAGER, image.path());
		}
	}

	private void checkTerms(ShareForm form) {
		List<ShareRefusedException.Problem> problems = termProblems(form);
		if (!problems.isEmpty()) {
			throw new ShareRefusedException(problems, null);
		}
	}

	private List<ShareRefusedException.Problem> termProblems(ShareForm form) {
		List<ShareRefusedException.Problem> problems = new ArrayList<>();
		LocalDate today = today();
		if (!form.permanent()) {
			if (form.validUntil() == null) {
				problems.add(problem(Refusal.VALID_UNTIL_REQUIRED));
			}
			else if (form.validUntil().isBefore(today)) {
				problems.add(problem(Refusal.VALID_UNTIL_PAST, today));
			}
			else if (form.validUntil().isAfter(UtcDay.LAST)) {
				problems.add(problem(Refusal.VALID_UNTIL_TOO_LATE, UtcDay.LAST.toString()));
			}
		}
		if (form.descriptionLength() > Share.MAX_DESCRIPTION_LENGTH) {
			problems.add(problem(Refusal.DESCRIPTION_TOO_LONG, Share.MAX_DESCRIPTION_LENGTH, form.descriptionLength()));
		}
		else if (form.description() != null && !form.description().matches(PlainText.LINES)) {
			// The grantee's account reads it on Images From Others
			problems.add(problem(Refusal.DESCRIPTION_CHARACTERS));
		}
		return problems;
	}

	private <T> T refusalsAudited(BerthUser actor, VisibleImage image, String grantee, Supplier<T> change) {
		try {
			return change.get();
		}
		catch (ShareRefusedException ex) {
			this.metrics.refused(ex.reason());
			if (ex.reason().audited()) {
				this.audit.recordOnItsOwn(entry(actor, image, AuditAction.SHARE_REFUSED, accountNamed(grantee), null,
						null, ex.reasonMessage()));
			}
			throw ex;
		}
	}

	/**
	 * The account a refused request named, if one has that name. What the requester typed is not
	 * written into the owner's Activity: a user who may not share the image could write text of their
	 * own there.
	 */
	private String accountNamed(String name) {
		return (name != null && this.accounts.named(name).isPresent()) ? name : null;
	}

	/**
	 * A lock wait that timed out (H2's default is one second; another node may hold the row) is
	 * tried again, not reported as an error.
	 */
	private <T> T withLockRetry(Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (PessimisticLockingFailureException | QueryTimeoutException ex) {
				if (attempt >= LOCK_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private AuditEntry entry(BerthUser actor, VisibleImage image, AuditAction action, String grantee, String oldValue,
			String newValue, String detail) {
		return entry(actor, image, action, grantee, oldValue, newValue, detail, List.of());
	}

	private AuditEntry entry(BerthUser actor, VisibleImage image, AuditAction action, String grantee, String oldValue,
			String newValue, String detail, List<AuditEntry.Change> changes) {
		return new AuditEntry(image.owner().id(), actor.getUsername(), action, image.organization().id(),
				image.image().id(), image.path(), (grantee == null || grantee.isEmpty()) ? null : grantee, oldValue,
				newValue, detail, changes);
	}

	/** What a change of terms changed, field by field, as Activity shows it. */
	private List<AuditEntry.Change> changes(Share before, Share after) {
		List<AuditEntry.Change> changes = new ArrayList<>();
		if (!Objects.equals(before.validUntil(), after.validUntil())) {
			changes.add(new AuditEntry.Change("sharing.validUntil", validUntil(before), validUntil(after)));
		}
		if (!before.description().equals(after.description())) {
			changes.add(new AuditEntry.Change("sharing.description", description(before), description(after)));
		}
		return changes;
	}

	private String validUntil(Share share) {
		return share.isPermanent() ? message("sharing.permanent") : share.validUntil().toString();
	}

	private String description(Share share) {
		return share.description().isEmpty() ? message("sharing.noDescription") : share.description();
	}

	/** The terms of a share as the audit shows them. */
	private String terms(Share share) {
		String validUntil = validUntil(share);
		return share.description().isEmpty() ? message("audit.terms.noDescription", validUntil, message("sharing.pull"))
				: message("audit.terms", validUntil, message("sharing.pull"), share.description());
	}

	private ShareRefusedException.Problem problem(Refusal reason, Object... args) {
		return new ShareRefusedException.Problem(reason, message(reason.messageKey(), args));
	}

	private ShareRefusedException refused(Refusal reason, Object... args) {
		return new ShareRefusedException(List.of(problem(reason, args)), null);
	}

	String message(String key, Object... args) {
		return this.messages.getMessage(key, args);
	}

}

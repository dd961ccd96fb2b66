package dev.berth.sharing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog.AttributesChange;
import dev.berth.images.ImageCatalog.AttributesSaved;
import dev.berth.images.Visibility;
import dev.berth.support.NotFoundException;
import dev.berth.testing.LockWaits;
import dev.berth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every sharing rule of docs/sharing-rules.md, one test each, through the service the controllers use. */
class ShareServiceTests extends SharingTestBase {

	@Autowired
	ShareService service;

	@Autowired
	ShareRepository shares;

	@Autowired
	AccountRepository accounts;

	static ShareForm permanently(String account) {
		return new ShareForm(account, null, true, "");
	}

	@Test
	void shareWhenEveryRuleHoldsThenSavedWithPullOnlyAndAudited() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2026-12-31"), false, "CI of globex"));

		assertThat(share.permission()).isEqualTo("PULL");
		assertThat(share.validUntil()).isEqualTo(LocalDate.parse("2026-12-31"));
		assertThat(share.createdBy()).isEqualTo("alice");
		assertThat(share.createdAt()).isEqualTo(MutableClock.START);
		assertThat(shareCount("acme-apps/nginx")).isEqualTo(1);
		var event = this.jdbc.sql("""
				select account_id, actor, action, image_name, grantee_account, new_value from audit_event
				where action = 'SHARE_CREATED'
				""").query().singleRow();
		assertThat(event).containsEntry("ACCOUNT_ID", accountId("acme"))
			.containsEntry("ACTOR", "alice")
			.containsEntry("ACTION", "SHARE_CREATED")
			.containsEntry("IMAGE_NAME", "acme-apps/nginx")
			.containsEntry("GRANTEE_ACCOUNT", "globex");
		assertThat((String) event.get("NEW_VALUE")).contains("2026-12-31", "CI of globex");
		var received = this.jdbc.sql("""
				select account_id, actor, grantee_account from audit_event where action = 'SHARE_RECEIVED'
				""").query().singleRow();
		assertThat(received).containsEntry("ACCOUNT_ID", accountId("globex"))
			.containsEntry("ACTOR", "alice")
			.containsEntry("GRANTEE_ACCOUNT", "acme");
	}

	@Test
	void shareWhenTheAccountIsTypedInCapitalsThenSharedWithThatAccount() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm(" GLOBEX ", null, true, ""));
		assertThat(share.granteeAccountId()).isEqualTo(accountId("globex"));
	}

	@Test
	void shareWhenPermanentlyValidThenNoValidUntilIsSaved() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2020-01-01"), true, ""));
		assertThat(share.isPermanent()).isTrue();
	}

	@Test
	void shareWhenImageIsPublicThenRefusedAndNothingSaved() {
		assertRefused("alice", "acme-public/hello", permanently("globex"), Refusal.NOT_PRIVATE,
				"Public images cannot be shared");
	}

	/** Made public between reading the image and taking the share: refused, and its share count is as before. */
	@Test
	void shareWhenTheImageWasMadePublicMeanwhileThenRefusedAndNothingSaved() {
		var nginx = image(user("alice"), "acme-apps/nginx");
		this.jdbc.sql("update image set visibility = 'PUBLIC' where id = :id").param("id", nginx.image().id()).update();

		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.share(user("alice"), nginx, permanently("globex")));
		assertThat(refused).isNotNull();
		assertThat(refused.reason()).isEqualTo(Refusal.NOT_PRIVATE);
		assertThat(shareCount("acme-apps/nginx")).isZero();
		assertThat(this.catalog.find("acme-apps", "nginx").orElseThrow().image().shareCount()).isZero();
	}

	/** Only private images can be shared: a shared image stays private, and is made public once its shares are revoked. */
	@Test
	void makePublicWhenSharedThenRefusedUntilItsSharesAreRevoked() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		var nginx = image(user("alice"), "acme-apps/nginx").image();

		AttributesChange makePublic = new AttributesChange(Visibility.PUBLIC, "Web", "", null);
		AttributesSaved refused = this.catalog.saveAttributes(nginx.id(), true, makePublic, MutableClock.START);
		assertThat(refused.outcome()).isEqualTo(AttributesSaved.Outcome.SHARED);
		assertThat(refused.current().shareCount()).isEqualTo(1);
		assertThat(image(user("alice"), "acme-apps/nginx").image().isPrivate()).isTrue();

		this.service.revoke(user("alice"), image(user("alice"), "acme-apps/nginx"), share);
		assertThat(this.catalog.saveAttributes(nginx.id(), true, makePublic, MutableClock.START).outcome())
			.isEqualTo(AttributesSaved.Outcome.SAVED);
		assertThat(image(user("alice"), "acme-apps/nginx").image().isPrivate()).isFalse();
	}

	/**
	 * A save of the attributes from an image read before another change (a push's new tag, another
	 * user's edit): the other change stays. The form's seen attributes tell an edit made meanwhile.
	 */
	@Test
	void saveAttributesWhenTheImageChangedAfterItWasReadThenTheOtherChangeStays() {
		var before = image(user("alice"), "acme-apps/nginx").image();
		this.jdbc.sql("insert into tag (image_id, name, digest, size, pushed_at) values (:id, 'pushed-meanwhile', :digest, 1, :now)")
			.param("id", before.id())
			.param("digest", "sha256:" + "b".repeat(64))
			.param("now", java.sql.Timestamp.from(MutableClock.START))
			.update();

		try {
			AttributesSaved saved = this.catalog.saveAttributes(before.id(), true,
					new AttributesChange(Visibility.PRIVATE, "Proxy", "", before.attributesTag()), MutableClock.START);
			assertThat(saved.outcome()).isEqualTo(AttributesSaved.Outcome.SAVED);
			assertThat(image(user("alice"), "acme-apps/nginx").image().tag("pushed-meanwhile")).isPresent();

			AttributesSaved stale = this.catalog.saveAttributes(before.id(), true,
					new AttributesChange(Visibility.PUBLIC, "Web", "", before.attributesTag()), MutableClock.START);
			assertThat(stale.outcome()).isEqualTo(AttributesSaved.Outcome.CHANGED_MEANWHILE);
			assertThat(stale.current().category()).isEqualTo("Proxy");
			assertThat(image(user("alice"), "acme-apps/nginx").image().isPrivate()).isTrue();
		}
		finally {
			// The tag first: the save that follows counts the image's tags again.
			this.jdbc.sql("delete from tag where name = 'pushed-meanwhile'").update();
			this.catalog.saveAttributes(before.id(), true, new AttributesChange(before.visibility(), before.category(),
					before.description(), null), before.updatedAt());
		}
	}

	/** An editor without Manage cannot make public an image made private after the page read it. */
	@Test
	void saveAttributesWhenTheUserMayNotPublishAndTheImageIsPrivateNowThenRefused() {
		var nginx = image(user("alice"), "acme-apps/nginx").image();
		assertThat(this.catalog.saveAttributes(nginx.id(), false, new AttributesChange(Visibility.PUBLIC, "Web", "", null),
				MutableClock.START).outcome()).isEqualTo(AttributesSaved.Outcome.NEEDS_MANAGE);
		assertThat(image(user("alice"), "acme-apps/nginx").image().isPrivate()).isTrue();
	}

	/** Shares of an image made public before that was refused: its owner still sees them and can revoke them. */
	@Test
	void revokeWhenTheImageWasMadePublicWithItsSharesThenTheSharingTabAndRevokeStill() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		this.jdbc.sql("update image set visibility = 'PUBLIC' where id = :id").param("id", share.imageId()).update();

		assertThat(image(user("alice"), "acme-apps/nginx").hasSharingTab()).isTrue();
		this.service.revoke(user("alice"), image(user("alice"), "acme-apps/nginx"), share);
		assertThat(shareCount("acme-apps/nginx")).isZero();
		assertThat(image(user("alice"), "acme-apps/nginx").hasSharingTab()).isFalse();
	}

	@Test
	void shareWhenUserLacksManageThenRefusedAndAuditedAsRefused() {
		assertRefused("bob", "acme-apps/nginx", permanently("globex"), Refusal.NOT_MANAGER, "needs the Manage permission");
		assertThat(this.jdbc.sql("select actor from audit_event").query(String.class).single()).isEqualTo("bob");
	}

	@Test
	void shareWhenImageIsOfAnotherAccountThenNotFound() {
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(
				() -> this.service.share(user("carol"), image(user("carol"), "acme-apps/nginx"), permanently("umbrella")));
		assertThat(shareCount("acme-apps/nginx")).isZero();
	}

	@Test
	void shareWhenAccountDoesNotExistThenRefused() {
		assertRefused("alice", "acme-apps/nginx", permanently("nobody"), Refusal.UNKNOWN_ACCOUNT,
				"There is no account named nobody.");
		// A NUL, which PostgreSQL refuses in a statement (a 500 there): no account has such a name.
		assertRefused("alice", "acme-apps/nginx", permanently("glo\u0000bex"), Refusal.UNKNOWN_ACCOUNT,
				"There is no account named");
	}

	@Test
	void shareWhenAccountIsBlankThenRefused() {
		assertRefused("alice", "acme-apps/nginx", permanently("  "), Refusal.ACCOUNT_REQUIRED,
				"Enter the account to share with.");
	}

	@Test
	void shareWhenAccountIsTheOwnerThenRefused() {
		assertRefused("alice", "acme-apps/nginx", permanently("acme"), Refusal.OWN_ACCOUNT,
				"acme is your own account: share with another account.");
	}

	@Test
	void shareWhenAlreadySharedThenRefusedWithTheExistingShareToEdit() {
		Share existing = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex")));
		assertThat(refused.reason()).isEqualTo(Refusal.ALREADY_SHARED);
		assertThat(refused.getMessage()).isEqualTo("The image is already shared with account globex.");
		assertThat(refused.existingShareId()).isEqualTo(existing.id());
		assertThat(shareCount("acme-apps/nginx")).isEqualTo(1);
	}

	@Test
	void shareWhenAccountIsInAnotherRegionThenRefused() {
		assertRefused("alice", "acme-apps/nginx", permanently("initech"), Refusal.CROSS_REGION,
				"Account initech is in region ap-southeast-1 and acme in eu-west-1: cross-region sharing is not supported.");
	}

	@Test
	void shareWhenDescriptionHas1000EmojiThenSavedBecauseCharactersAreCounted() {
		String emoji = "🚢".repeat(1000);
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", null, true, emoji));
		assertThat(this.shares.findById(share.id()).orElseThrow().description()).isEqualTo(emoji);
	}

	@Test
	void shareWhenDescriptionHas1001CharactersThenRefused() {
		assertRefused("alice", "acme-apps/nginx", new ShareForm("globex", null, true, "é".repeat(1001)),
				Refusal.DESCRIPTION_TOO_LONG, "Enter at most 1000 characters (this has 1001).");
	}

	@Test
	void shareWhenValidUntilIsTodayThenSaved() {
		this.clock.set("2026-11-29T23:59:59Z");
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2026-11-29"), false, ""));
		assertThat(share.validUntil()).isEqualTo(LocalDate.parse("2026-11-29"));
	}

	@Test
	void shareWhenValidUntilIsYesterdayThenRefused() {
		this.clock.set("2026-11-30T00:00:00Z");
		assertRefused("alice", "acme-apps/nginx", new ShareForm("globex", LocalDate.parse("2026-11-29"), false, ""),
				Refusal.VALID_UNTIL_PAST, "Valid Until must be today (2026-11-30, UTC) or later.");
	}

	@Test
	void shareWhenNeitherValidUntilNorPermanentThenRefused() {
		assertRefused("alice", "acme-apps/nginx", new ShareForm("globex", null, false, ""),
				Refusal.VALID_UNTIL_REQUIRED, "Choose a Valid Until date");
	}

	@Test
	void shareWhenSeveralFieldsAreWrongThenEveryProblemIsReported() {
		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
						new ShareForm("", LocalDate.parse("2000-01-01"), false, "x".repeat(1001))));
		assertThat(refused.problems()).extracting(ShareRefusedException.Problem::reason)
			.containsExactly(Refusal.ACCOUNT_REQUIRED, Refusal.VALID_UNTIL_PAST, Refusal.DESCRIPTION_TOO_LONG);
	}

	@Test
	void shareWhenImageHas500AccountsThenThe501stIsRefused() {
		List<Account> tenants = tenants(501);
		var image = this.catalog.findByPath("acme-apps/billing/api").orElseThrow().image();
		Instant now = this.clock.instant();
		for (Account tenant : tenants.subList(0, 500)) {
			this.shares.save(Share.create(image, "acme", tenant.id(), null, "", "alice", now));
		}
		// Shares saved past the service keep the image's count by hand, as the service does.
		this.jdbc.sql("update image set share_count = 500 where id = :id").param("id", image.id()).update();
		assertRefused("alice", "acme-apps/billing/api", permanently(tenants.get(500).name()), Refusal.QUOTA_REACHED,
				"already shared with 500 accounts, the maximum");
	}

	@Test
	void updateWhenManagerChangesTermsThenSavedAndAuditedWithOldAndNewValues() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		this.clock.set("2026-11-29T13:00:00Z");
		Share changed = this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("ignored", LocalDate.parse("2027-01-31"), false, "until the migration"), null);
		assertThat(changed.validUntil()).isEqualTo(LocalDate.parse("2027-01-31"));
		assertThat(changed.updatedAt()).isEqualTo(Instant.parse("2026-11-29T13:00:00Z"));
		var event = this.jdbc.sql("select old_value, new_value from audit_event where action = 'SHARE_CHANGED'")
			.query().singleRow();
		assertThat((String) event.get("OLD_VALUE")).contains("Permanently valid");
		assertThat((String) event.get("NEW_VALUE")).contains("2027-01-31", "until the migration");
	}

	@Test
	void updateWhenValidUntilIsPastThenRefusedAndUnchanged() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
						new ShareForm("", LocalDate.parse("2026-11-28"), false, ""), null));
		assertThat(refused.reason()).isEqualTo(Refusal.VALID_UNTIL_PAST);
		assertThat(this.shares.findById(share.id()).orElseThrow().isPermanent()).isTrue();
	}

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactionManager;

	@Autowired
	SharedImages sharedImages;

	/**
	 * An operator deletes globex (its row locked, then marked deleted) while alice shares with it:
	 * the share, which found globex before, waits for the deletion and then finds it gone. It was
	 * saved for a deleted account, counted against the image and beyond the API's reach.
	 */
	@Test
	void shareWhileTheGranteeAccountIsDeletedThenRefusedAsNoSuchAccount() throws Exception {
		java.util.concurrent.ExecutorService alice = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			List<java.util.concurrent.Future<Throwable>> shared = new ArrayList<>();
			new org.springframework.transaction.support.TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
				this.jdbc.sql("select id from account where name = 'globex' for update").query(Long.class).single();
				this.jdbc.sql("update account set deleted_at = created_at where name = 'globex'").update();
				shared.add(alice.submit(() -> catchThrowableOfType(ShareRefusedException.class, () -> this.service
					.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex")))));
				// The share's own transaction reaches the account's row, and waits for it.
				LockWaits.awaitASessionWaitingForALock(this.jdbc);
			});
			Throwable refused = shared.get(0).get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(refused).as("the share's refusal").isInstanceOf(ShareRefusedException.class);
			assertThat(((ShareRefusedException) refused).reason()).isEqualTo(Refusal.UNKNOWN_ACCOUNT);
			assertThat(shareCount("acme-apps/nginx")).isZero();
		}
		finally {
			alice.shutdown();
			this.jdbc.sql("update account set deleted_at = null where name = 'globex'").update();
		}
	}

	/**
	 * A tag pushed between the page that opened the dialog and its OK: the share copies the image's
	 * figures as they are when the share is saved, not as the page read them, so that Images From
	 * Others shows the new tag count and size.
	 */
	@Test
	void shareAfterAPushSinceTheImageWasReadThenTheShareCopiesTheFiguresOfNow() {
		VisibleImage readBefore = image(user("alice"), "acme-apps/nginx");
		this.jdbc.sql("""
				insert into tag (image_id, name, digest, size, pushed_at)
				values (:id, 'pushed-meanwhile', :digest, 1000, :now)
				""")
			.param("id", readBefore.image().id())
			.param("digest", "sha256:" + "a".repeat(64))
			.param("now", java.time.OffsetDateTime.parse("2026-11-29T11:00:00Z"))
			.update();
		// As the push's save of the image writes its counts.
		this.jdbc.sql("update image set tag_count = tag_count + 1, total_size = total_size + 1000 where id = :id")
			.param("id", readBefore.image().id())
			.update();
		Share share = this.service.share(user("alice"), readBefore, permanently("globex"));
		long[] copy = this.jdbc.sql("select image_tag_count, image_size from image_share where id = :id")
			.param("id", share.id())
			.query((row, number) -> new long[] { row.getLong(1), row.getLong(2) })
			.single();
		assertThat(copy).containsExactly(readBefore.image().tagCount() + 1, readBefore.image().totalSize() + 1000);
	}

	/** The Sharing tab's row of a share revoked meanwhile: a 404, not a failure. */
	@Test
	void rowOfAShareRevokedMeanwhileThenNotFound() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		this.service.revoke(user("alice"), image(user("alice"), "acme-apps/nginx"), share);
		assertThat(catchThrowableOfType(NotFoundException.class, () -> this.sharedImages.row(share))).isNotNull();
	}

	/** The refusal of a form opened before another user's change names what that change was, and only that. */
	@Test
	void updateWhenOnlyTheDescriptionChangedMeanwhileThenTheRefusalSaysThatAndNothingElse() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2027-01-31"), false, "CI"));
		String opened = share.termsTag();
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2027-01-31"), false, "CI of globex"), null);

		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
						new ShareForm("", LocalDate.parse("2027-02-28"), false, "CI"), opened));
		assertThat(refused.reason()).isEqualTo(Refusal.CHANGED_MEANWHILE);
		assertThat(refused.getMessage()).isEqualTo("This share was changed since you opened it: its description is now"
				+ " \u201cCI of globex\u201d. The form shows that change, except in the fields you changed yourself; OK saves the form.");
		assertThat(this.shares.findById(share.id()).orElseThrow().validUntil()).isEqualTo(LocalDate.parse("2027-01-31"));
	}

	/** Saved without a change (the same terms sent again): nothing recorded as changed. */
	@Test
	void updateWhenTheTermsAreTheSameThenNothingRecorded() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2027-01-31"), false, "CI"));
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2027-01-31"), false, " CI "), null);
		assertThat(auditActions()).containsExactly("SHARE_CREATED", "SHARE_RECEIVED");
	}

	/** Changed by one request while another revoked the share: a 404 that says so, not a failure. */
	@Test
	void updateWhenTheShareWasRevokedMeanwhileThenNotFoundAndNothingSaved() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		this.service.revoke(user("alice"), image(user("alice"), "acme-apps/nginx"), share);
		NotFoundException gone = catchThrowableOfType(NotFoundException.class,
				() -> this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
						new ShareForm("", LocalDate.parse("2027-01-31"), false, ""), null));
		assertThat(gone).isNotNull();
		assertThat(shareCount("acme-apps/nginx")).isZero();
		assertThat(auditActions()).doesNotContain("SHARE_CHANGED");
	}

	/** The API's change takes what it leaves out from the share as it is when saved, not as first read. */
	@Test
	void updateWhenTheChangeLeavesTermsOutThenTheyAreTheSharesAsItIsNow() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2026-12-24"), false, ""), null);
		Share changed = this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				current -> new ShareForm("", current.validUntil(), false, "build cache"));
		assertThat(changed.validUntil()).isEqualTo(LocalDate.parse("2026-12-24"));
		assertThat(changed.description()).isEqualTo("build cache");
	}

	@Test
	void revokeWhenManagerRevokesThenGoneAndAudited() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		this.service.revoke(user("alice"), image(user("alice"), "acme-apps/nginx"), share);
		assertThat(shareCount("acme-apps/nginx")).isZero();
		assertThat(auditActions()).containsExactly("SHARE_CREATED", "SHARE_RECEIVED", "SHARE_REVOKED",
				"SHARE_RECEIVED_REVOKED");
	}

	@Test
	void revokeWhenUserLacksManageThenRefusedAndAudited() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.revoke(user("bob"), image(user("bob"), "acme-apps/nginx"), share));
		assertThat(refused.reason()).isEqualTo(Refusal.NOT_MANAGER);
		assertThat(shareCount("acme-apps/nginx")).isEqualTo(1);
		assertThat(auditActions()).containsExactly("SHARE_CREATED", "SHARE_RECEIVED", "SHARE_REFUSED");
	}

	@Test
	void revokeWhenGranteeTriesThenRefused() {
		Share share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), permanently("globex"));
		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.revoke(user("carol"), image(user("carol"), "acme-apps/nginx"), share));
		assertThat(refused.reason()).isEqualTo(Refusal.NOT_MANAGER);
		assertThat(shareCount("acme-apps/nginx")).isEqualTo(1);
	}

	private void assertRefused(String username, String path, ShareForm form, Refusal reason, String message) {
		int before = shareCount(path);
		ShareRefusedException refused = catchThrowableOfType(ShareRefusedException.class,
				() -> this.service.share(user(username), image(user(username), path), form));
		assertThat(refused).as("refusal").isNotNull();
		assertThat(refused.reason()).isEqualTo(reason);
		assertThat(refused.getMessage()).contains(message);
		assertThat(shareCount(path)).as("shares saved").isEqualTo(before);
		if (reason.audited()) {
			assertThat(auditActions()).containsExactly("SHARE_REFUSED");
			assertThat(auditDetails().get(0)).contains(message);
		}
		else {
			// A form mistake is a message in the form, not an audit event.
			assertThat(auditActions()).isEmpty();
		}
	}

	/** Accounts tenant-001… of eu-west-1, created once per context. */
	private List<Account> tenants(int count) {
		List<Account> tenants = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			String name = String.format("tenant-%03d", i);
			tenants.add(this.accounts.findByName(name)
				.orElseGet(() -> this.accounts.save(Account.create(name, "eu-west-1", this.clock.instant()))));
		}
		return tenants;
	}

}

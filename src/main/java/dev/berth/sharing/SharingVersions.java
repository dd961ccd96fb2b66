package dev.berth.sharing;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import dev.berth.accounts.AccountEvent;
import dev.berth.accounts.AccountEvent.AccountDeleted;
import dev.berth.accounts.AccountEvent.AccountDisabled;
import dev.berth.accounts.AccountEvent.AccountEnabled;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The version of what an image's Sharing tab shows: its shares, their pulls, the standing of their
 * grantee accounts and the image's sharing history (V25). Each change draws a new one at random in
 * its own transaction, so the {@link SharingTab} keeps the tab's page of shares and its history by
 * it, on any node, and is never stale: a version that changed names a different entry, and a random
 * one never comes back. Every change the tab shows passes here: a share created, changed or revoked
 * ({@link ShareService}), a pull by another account ({@link SharePulls}), a grantee account
 * disabled, enabled or deleted (the accounts module's events); a new day changes the tab's key.
 */
@Component
class SharingVersions {

	private final JdbcClient jdbc;

	SharingVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The image's version, or none while it has none (never shared): then its tab is not kept. */
	OptionalLong of(long imageId) {
		return this.jdbc.sql("select version from sharing_version where image_id = :image")
			.param("image", imageId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElseGet(OptionalLong::empty);
	}

	/**
	 * A change of one of the image's shares, in its transaction, which holds the image's row (as
	 * every change of a share takes it first): the first share of an image makes its version, with
	 * no other transaction making it at the same moment.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void shareChanged(long imageId) {
		long version = ThreadLocalRandom.current().nextLong();
		if (changed(imageId, version) == 0) {
			this.jdbc.sql("insert into sharing_version (image_id, version) values (:image, :version)")
				.param("image", imageId)
				.param("version", version)
				.update();
		}
	}

	/**
	 * A pull of the image by another account, in the transaction that records it: the image's history
	 * and the share's last pull change. An image with no version yet has no tab kept to change.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void pulled(long imageId) {
		changed(imageId, ThreadLocalRandom.current().nextLong());
	}

	/** A grantee account's shares say "Account disabled", or no longer do: each image shared with it changes. */
	@EventListener({ AccountDisabled.class, AccountEnabled.class, AccountDeleted.class })
	void standingChanged(AccountEvent event) {
		this.jdbc.sql("""
				update sharing_version set version = :version
				where image_id in (select s.image_id from image_share s where s.grantee_account_id = :account)
				""")
			.param("version", ThreadLocalRandom.current().nextLong())
			.param("account", event.accountId())
			.update();
	}

	private int changed(long imageId, long version) {
		return this.jdbc.sql("update sharing_version set version = :version where image_id = :image")
			.param("version", version)
			.param("image", imageId)
			.update();
	}

}

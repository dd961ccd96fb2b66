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
	 * A new share of the image, in its transaction, which holds the image's row
	 * ({@code ImageCatalog#reserveShare}): the image's first share makes its version, and no other
	 * transaction makes it at the same moment.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void shareCreated(long imageId) {
		long version = ThreadLocalRandom.current().nextLong();
		if (redraw(imageId, version) == 0) {
			this.jdbc.sql("insert into sharing_version (image_id, version) values (:image, :version)")
				.param("image", imageId)
				.param("version", version)
				.update();
		}
	}

	/**
	 * A change of the image's shares or history, in its transaction: a share changed or revoked
	 * ({@link ShareService}), or a pull by another account ({@link SharePulls}), which changes a
	 * share's last pull and the history. An image without a version has no tab kept to change.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void changed(long imageId) {
		redraw(imageId, ThreadLocalRandom.current().nextLong());
	}

	/**
	 * A grantee account's shares say "Account disabled", or no longer do: each image shared with it
	 * changes. Their rows are locked in the order of their images first: two such changes for
	 * accounts that share images could otherwise each wait for the other (on PostgreSQL, a deadlock).
	 */
	@EventListener({ AccountDisabled.class, AccountEnabled.class, AccountDeleted.class })
	void standingChanged(AccountEvent event) {
		String shared = "select s.image_id from image_share s where s.grantee_account_id = :account";
		this.jdbc.sql("select image_id from sharing_version where image_id in (" + shared
				+ ") order by image_id for update")
			.param("account", event.accountId())
			.query(Long.class)
			.list();
		this.jdbc.sql("update sharing_version set version = :version where image_id in (" + shared + ")")
			.param("version", ThreadLocalRandom.current().nextLong())
			.param("account", event.accountId())
			.update();
	}

	private int redraw(long imageId, long version) {
		return this.jdbc.sql("update sharing_version set version = :version where image_id = :image")
			.param("version", version)
			.param("image", imageId)
			.update();
	}

}

package dev.berth.sharing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.berth.accounts.AccountStanding;
import dev.berth.support.SqlCondition;
import dev.berth.support.UtcDay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pulls through shares, for the registry: whether a share lets an account pull an image now, and
 * each share's pull figures (count, last pull) as the registry reports pulls, kept in the
 * transaction that records the pull, so that the Sharing tab reads them from the share row.
 */
@Component
public class SharePulls {

	private final JdbcClient jdbc;

	private final AccountStanding standing;

	private final Clock clock;

	SharePulls(JdbcClient jdbc, AccountStanding standing, Clock clock) {
		this.jdbc = jdbc;
		this.standing = standing;
		this.clock = clock;
	}

	/**
	 * Whether users of the grantee account may pull the image through a share now: a pull share valid
	 * today ({@link Share#validOn}, written in SQL), while the grantee account is
	 * enabled and the owner's shares are not suspended. Asked on every token request that rests on a
	 * share, so that a revoke, an expiry or a disable takes effect at once: one query with the
	 * accounts' standing, as such a request is a few short round trips to the database.
	 */
	public boolean allowed(long imageId, long granteeAccountId) {
		SqlCondition standing = this.standing.sharePullsAllowed("i.account_id", "s.grantee_account_id");
		return this.jdbc.sql("""
				select count(*) from image_share s join image i on i.id = s.image_id
				where s.image_id = :image and s.grantee_account_id = :grantee and s.permission = :permission
				  and (s.valid_until is null or s.valid_until >= :today) and %s
				""".formatted(standing.sql()))
			.params(standing.params())
			.param("image", imageId)
			.param("grantee", granteeAccountId)
			.param("permission", Share.PULL)
			.param("today", UtcDay.today(this.clock))
			.query(Integer.class)
			.single() > 0;
	}

	/** A pull of the image by a user of the grantee account (nothing when it is not shared with it). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void pulled(long imageId, long granteeAccountId, Instant at, String username, String tag, String digest) {
		pulled(imageId, granteeAccountId, at, username, null, tag, digest);
	}

	/** A pull made with an access token ({@code tokenName}; null: a password). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void pulled(long imageId, long granteeAccountId, Instant at, String username, String tokenName, String tag,
			String digest) {
		this.jdbc.sql("""
				update image_share set pull_count = pull_count + 1
				where image_id = :image and grantee_account_id = :account
				""").param("image", imageId).param("account", granteeAccountId).update();
		// The last pull is the latest by time: events may arrive out of order.
		this.jdbc.sql("""
				update image_share
				set last_pull_at = :at, last_pull_user = :user, last_pull_token = :token, last_pull_tag = :tag,
				    last_pull_digest = :digest
				where image_id = :image and grantee_account_id = :account
				  and (last_pull_at is null or last_pull_at <= :at)
				""")
			.param("image", imageId)
			.param("account", granteeAccountId)
			.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
			.param("user", username)
			.param("token", tokenName)
			.param("tag", tag)
			.param("digest", digest)
			.update();
	}

}

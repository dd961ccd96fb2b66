package dev.berth.sharing;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

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

	private final SharingVersions versions;

	SharePulls(JdbcClient jdbc, AccountStanding standing, Clock clock, SharingVersions versions) {
		this.jdbc = jdbc;
		this.standing = standing;
		this.clock = clock;
		this.versions = versions;
	}

	/**
	 * Whether users of the grantee account may pull the image {@code i} through a share now, as a
	 * condition on the image's columns: a pull share valid today ({@link Share#validOn}, written in
	 * SQL), while the grantee account is enabled and the owner's shares are not suspended. Asked on
	 * every token request that may rest on a share, so that a revoke, an expiry or a disable takes
	 * effect at once. The registry asks it in the statement that finds the image: each round trip
	 * counts in a token request (in a statement of its own, a pull through a share cost 1.3 times the
	 * CPU of a pull of the account's own image on PostgreSQL; bench/RESULTS.md).
	 */
	public SqlCondition pullableBy(long granteeAccountId) {
		SqlCondition share = new SqlCondition("""
				s.image_id = i.id and s.grantee_account_id = :shareGrantee and s.permission = :sharePermission
				and (s.valid_until is null or s.valid_until >= :shareToday)""",
				Map.of("shareGrantee", granteeAccountId, "sharePermission", Share.PULL, "shareToday",
						UtcDay.today(this.clock)))
			.and(this.standing.sharePullsAllowed("i.account_id", "s.grantee_account_id"));
		// An account's own image is never pulled through a share: its pulls look no share up.
		return new SqlCondition("i.account_id <> :shareGrantee and exists (select 1 from image_share s where "
				+ share.sql() + ")", share.params());
	}

	/**
	 * A pull of the image by a user of another account: the share's figures (nothing when the image
	 * is not shared with that account) and the image's history change.
	 */
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
		this.versions.changed(imageId);
	}

}

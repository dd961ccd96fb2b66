package dev.berth.sharing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each share's pull figures (count, last pull) as the registry reports pulls, in the
 * transaction that records the pull, so that the Sharing tab reads them from the share row.
 */
@Component
public class SharePulls {

	private final JdbcClient jdbc;

	SharePulls(JdbcClient jdbc) {
		this.jdbc = jdbc;
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

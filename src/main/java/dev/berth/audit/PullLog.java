package dev.berth.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pulls of an account's images by users of other accounts, as the registry reports them: written
 * once per registry event, listed in Activity and in an image's history.
 */
@Component
public class PullLog {

	private final JdbcClient jdbc;

	PullLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Pull pull) {
		this.jdbc.sql("""
				insert into pull_event (event_id, image_id, organization_id, owner_account_id, image_name,
				                        puller_account_id, puller_account, username, token_name, tag, digest,
				                        pulled_at)
				values (:eventId, :image, :organization, :owner, :imageName, :puller, :pullerName, :username, :token,
				        :tag, :digest, :at)
				""")
			.param("eventId", pull.eventId())
			.param("image", pull.imageId())
			.param("organization", pull.organizationId())
			.param("owner", pull.ownerAccountId())
			.param("imageName", AuditLog.truncate(pull.imagePath(), 200))
			.param("puller", pull.pullerAccountId())
			.param("pullerName", pull.pullerAccount())
			.param("username", pull.username())
			.param("token", pull.tokenName())
			.param("tag", pull.tag())
			.param("digest", pull.digest())
			.param("at", OffsetDateTime.ofInstant(pull.at(), ZoneOffset.UTC))
			.update();
	}

	/** One pull of an image by a user of another account ({@code tokenName}: the access token it was made with, or null). */
	public record Pull(String eventId, long imageId, long organizationId, long ownerAccountId, String imagePath,
			long pullerAccountId, String pullerAccount, String username, String tokenName, String tag, String digest,
			Instant at) {

		public Pull(String eventId, long imageId, long organizationId, long ownerAccountId, String imagePath,
				long pullerAccountId, String pullerAccount, String username, String tag, String digest, Instant at) {
			this(eventId, imageId, organizationId, ownerAccountId, imagePath, pullerAccountId, pullerAccount, username,
					null, tag, digest, at);
		}

	}

}

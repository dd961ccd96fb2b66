package dev.berth.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pulls of an account's images by users of other accounts, as the registry reports them: written
 * once per registry event, read per share (the Sharing tab) and in Activity.
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
				                        puller_account_id, puller_account, username, tag, digest, pulled_at)
				values (:eventId, :image, :organization, :owner, :imageName, :puller, :pullerName, :username, :tag,
				        :digest, :at)
				""")
			.param("eventId", pull.eventId())
			.param("image", pull.imageId())
			.param("organization", pull.organizationId())
			.param("owner", pull.ownerAccountId())
			.param("imageName", AuditLog.truncate(pull.imagePath(), 200))
			.param("puller", pull.pullerAccountId())
			.param("pullerName", pull.pullerAccount())
			.param("username", pull.username())
			.param("tag", pull.tag())
			.param("digest", pull.digest())
			.param("at", OffsetDateTime.ofInstant(pull.at(), ZoneOffset.UTC))
			.update();
	}

	/** Per puller account: how often it pulled the image, and its last pull. */
	public Map<Long, PullSummary> summaries(long imageId) {
		Map<Long, PullSummary> summaries = new HashMap<>();
		this.jdbc.sql("""
				select p.puller_account_id, p.pulled_at, p.username, p.tag, p.digest,
				       count(*) over (partition by p.puller_account_id) as pulls,
				       row_number() over (partition by p.puller_account_id order by p.pulled_at desc, p.id desc) as rn
				from pull_event p
				where p.image_id = :image
				""").param("image", imageId).query(rs -> {
			if (rs.getInt("rn") == 1) {
				summaries.put(rs.getLong(1), new PullSummary(rs.getLong("pulls"),
						rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
						rs.getString(5)));
			}
		});
		return summaries;
	}

	/** One pull of an image by a user of another account. */
	public record Pull(String eventId, long imageId, long organizationId, long ownerAccountId, String imagePath,
			long pullerAccountId, String pullerAccount, String username, String tag, String digest, Instant at) {

	}

	/** How often an account pulled an image, and its last pull. */
	public record PullSummary(long count, Instant lastAt, String lastUser, String lastTag, String lastDigest) {

		public static final PullSummary NONE = new PullSummary(0, null, null, null, null);

	}

}

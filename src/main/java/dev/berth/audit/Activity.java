package dev.berth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Permission;
import dev.berth.support.Formats;
import dev.berth.support.PageOf;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to an account's shares, newest first: the audit events, and the pulls of its
 * images by other accounts (from the registry's pull events).
 */
@Component
public class Activity {

	public static final int PAGE_SIZE = 20;

	public static final int IMAGE_HISTORY_SIZE = 10;

	private static final Formats FORMATS = new Formats();

	private static final String EVENTS = """
			select e.occurred_at, e.actor, e.action, e.image_id, e.image_name, e.grantee_account as account,
			       e.old_value, e.new_value, e.detail, e.id as seq, 0 as kind
			from audit_event e
			where e.account_id = :account %s
			union all
			select p.pulled_at, p.username, 'PULLED', p.image_id, p.image_name, p.puller_account,
			       null, p.digest, p.tag, p.id, 1
			from pull_event p
			where p.owner_account_id = :account and p.puller_account_id <> :account %s
			""";

	private final JdbcClient jdbc;

	private final AccessPolicy policy;

	Activity(JdbcClient jdbc, AccessPolicy policy) {
		this.jdbc = jdbc;
		this.policy = policy;
	}

	/**
	 * The account's events. Administrators see all of them; other users the events of the images
	 * they may read.
	 */
	public PageOf<ActivityRow> forAccount(BerthUser user, int page) {
		Map<String, Object> params = new HashMap<>();
		params.put("account", user.accountId());
		String auditFilter = "";
		String pullFilter = "";
		if (!user.administrator()) {
			SqlCondition events = this.policy.imagesAtLeast(user, Permission.READ, "e.account_id", "e.organization_id",
					"e.image_id");
			SqlCondition pulls = this.policy.imagesAtLeast(user, Permission.READ, "p.owner_account_id",
					"p.organization_id", "p.image_id");
			auditFilter = " and e.image_id is not null and " + events.sql();
			pullFilter = " and " + pulls.sql();
			events.addTo(params);
			pulls.addTo(params);
		}
		String union = EVENTS.formatted(auditFilter, pullFilter);
		long total = this.jdbc.sql("select count(*) from (" + union + ") x").params(params).query(Long.class).single();
		int current = Math.max(1, page);
		List<ActivityRow> rows = this.jdbc
			.sql("select * from (" + union + ") x order by occurred_at desc, kind desc, seq desc limit :limit offset :offset")
			.params(params)
			.param("limit", PAGE_SIZE)
			.param("offset", (long) (current - 1) * PAGE_SIZE)
			.query(Activity::row)
			.list();
		return new PageOf<>(rows, current, PAGE_SIZE, total);
	}

	/** The latest sharing history of one image, pulls by other accounts included. */
	public List<ActivityRow> forImage(long accountId, long imageId) {
		return this.jdbc
			.sql("select * from (" + EVENTS.formatted(" and e.image_id = :image", " and p.image_id = :image")
					+ ") x order by occurred_at desc, kind desc, seq desc limit :limit")
			.param("account", accountId)
			.param("image", imageId)
			.param("limit", IMAGE_HISTORY_SIZE)
			.query(Activity::row)
			.list();
	}

	private static ActivityRow row(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("image_id");
		Long imageId = rs.wasNull() ? null : id;
		AuditAction action = AuditAction.valueOf(rs.getString("action"));
		String newValue = rs.getString("new_value");
		String detail = rs.getString("detail");
		if (action == AuditAction.PULLED) {
			// A pull reads "tag (digest…)", or just the digest when pulled by digest.
			String digest = FORMATS.shortDigest(newValue);
			detail = (detail == null || detail.isEmpty()) ? digest : detail + " (" + digest + ")";
			newValue = null;
		}
		return new ActivityRow(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				action, imageId, rs.getString("image_name"), rs.getString("account"), rs.getString("old_value"),
				newValue, detail);
	}

}

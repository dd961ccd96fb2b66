package dev.berth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import dev.berth.accounts.AccessPolicy;
import dev.berth.accounts.BerthUser;
import dev.berth.images.PageOf;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to an account's shares, newest first: the audit events, and the pulls of its
 * images by other accounts (from the registry's pull events).
 */
@Component("activity")
public class Activity {

	public static final int PAGE_SIZE = 20;

	public static final int IMAGE_HISTORY_SIZE = 10;

	private static final String EVENTS = """
			select e.occurred_at, e.actor, e.action, e.image_id, e.image_name, e.grantee_account as account,
			       e.old_value, e.new_value, e.detail, e.id as seq, 0 as kind
			from audit_event e
			where e.account_id = :account %s
			union all
			select p.pulled_at, p.username, 'PULLED', p.image_id, o.name || '/' || i.name, pa.name,
			       null, p.digest, p.tag,
			       p.id, 1
			from pull_event p
			join image i on i.id = p.image_id
			join organization o on o.id = i.organization_id
			join account pa on pa.id = p.puller_account_id
			where o.account_id = :account and p.puller_account_id <> :account %s
			""";

	private final JdbcClient jdbc;

	Activity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The account's events. Administrators see all of them; other users the events of the images
	 * they may read.
	 */
	public PageOf<ActivityRow> forAccount(BerthUser user, int page) {
		String auditFilter = "";
		String pullFilter = "";
		if (!user.administrator()) {
			auditFilter = " and exists (select 1 from image i join organization o on o.id = i.organization_id"
					+ " where i.id = e.image_id and " + AccessPolicy.readableByGrantSql() + ")";
			pullFilter = " and " + AccessPolicy.readableByGrantSql();
		}
		String events = EVENTS.formatted(auditFilter, pullFilter);
		var params = new java.util.HashMap<String, Object>();
		params.put("account", user.accountId());
		if (!user.administrator()) {
			params.put("user", user.id());
		}
		long total = this.jdbc.sql("select count(*) from (" + events + ") x").params(params).query(Long.class).single();
		int current = Math.max(1, page);
		List<ActivityRow> rows = this.jdbc
			.sql("select * from (" + events + ") x order by occurred_at desc, kind desc, seq desc limit :limit offset :offset")
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
			String digest = (newValue.length() > 19) ? newValue.substring(0, 19) + "…" : newValue;
			detail = (detail == null || detail.isEmpty()) ? digest : detail + " (" + digest + ")";
			newValue = null;
		}
		return new ActivityRow(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				action, imageId, rs.getString("image_name"), rs.getString("account"), rs.getString("old_value"), newValue,
				detail);
	}

}

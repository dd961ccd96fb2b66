package dev.berth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
 * images by other accounts (from the registry's pull events). The two are read separately, each
 * newest first on its own index and only as far as the page needs, and merged here; the newest
 * {@value #MAX_LISTED} are listed (filters reach further back).
 */
@Component
public class Activity {

	public static final int PAGE_SIZE = 20;

	public static final int IMAGE_HISTORY_SIZE = 10;

	/** How many events the pager reaches; the total says "more than" beyond it. */
	public static final int MAX_LISTED = 10_000;

	private static final Formats FORMATS = new Formats();

	private static final String EVENTS = """
			select e.occurred_at, e.actor, e.action, e.image_id, e.image_name, e.grantee_account as account,
			       e.old_value, e.new_value, e.detail, e.id as seq
			from audit_event e
			where e.account_id = :account and %s
			""";

	private static final String PULLS = """
			select p.pulled_at as occurred_at, p.username as actor, 'PULLED' as action, p.image_id,
			       p.image_name, p.puller_account as account, null as old_value, p.digest as new_value,
			       p.tag as detail, p.id as seq
			from pull_event p
			where p.owner_account_id = :account and p.puller_account_id <> :account and %s
			""";

	/** Newest first; at the same instant a pull before the event that led to it, then by id. */
	private static final Comparator<Ranked> NEWEST_FIRST = Comparator.comparing((Ranked r) -> r.row().occurredAt())
		.thenComparing(Ranked::pull)
		.thenComparingLong(Ranked::seq)
		.reversed();

	private final JdbcClient jdbc;

	private final AccessPolicy policy;

	Activity(JdbcClient jdbc, AccessPolicy policy) {
		this.jdbc = jdbc;
		this.policy = policy;
	}

	/**
	 * One page of the account's events. Administrators see all of them; other users the events of
	 * the images they may read.
	 */
	public PageOf<ActivityRow> forAccount(BerthUser user, int page) {
		SqlCondition events = SqlCondition.ALWAYS;
		SqlCondition pulls = SqlCondition.ALWAYS;
		if (!user.administrator()) {
			events = SqlCondition.of("e.image_id is not null")
				.and(this.policy.imagesAtLeast(user, Permission.READ, "e.account_id", "e.organization_id", "e.image_id"));
			pulls = this.policy.imagesAtLeast(user, Permission.READ, "p.owner_account_id", "p.organization_id",
					"p.image_id");
		}
		int current = Math.min(Math.max(1, page), MAX_LISTED / PAGE_SIZE);
		int window = current * PAGE_SIZE;
		List<ActivityRow> rows = merged(user.accountId(), events, pulls, window).stream()
			.skip((long) (current - 1) * PAGE_SIZE)
			.limit(PAGE_SIZE)
			.toList();
		long total = count(EVENTS, user.accountId(), events) + count(PULLS, user.accountId(), pulls);
		return new PageOf<>(rows, current, PAGE_SIZE, total);
	}

	/** The latest sharing history of one image, pulls by other accounts included. */
	public List<ActivityRow> forImage(long accountId, long imageId) {
		return merged(accountId, SqlCondition.of("e.image_id = :image", "image", imageId),
				SqlCondition.of("p.image_id = :image", "image", imageId), IMAGE_HISTORY_SIZE);
	}

	/** The newest {@code window} events and pulls, merged. */
	private List<ActivityRow> merged(long accountId, SqlCondition events, SqlCondition pulls, int window) {
		List<Ranked> rows = new ArrayList<>(query(EVENTS, "e.occurred_at desc, e.id desc", accountId, events, window, false));
		rows.addAll(query(PULLS, "p.pulled_at desc, p.id desc", accountId, pulls, window, true));
		return rows.stream().sorted(NEWEST_FIRST).limit(window).map(Ranked::row).toList();
	}

	private List<Ranked> query(String select, String order, long accountId, SqlCondition condition, int limit,
			boolean pull) {
		return this.jdbc.sql(select.formatted(condition.sql()) + " order by " + order + " limit :limit")
			.params(condition.params())
			.param("account", accountId)
			.param("limit", limit)
			.query((rs, n) -> new Ranked(row(rs), pull, rs.getLong("seq")))
			.list();
	}

	/** How many there are, counted up to just past what the pager reaches. */
	private long count(String select, long accountId, SqlCondition condition) {
		return this.jdbc.sql("select count(*) from (" + select.formatted(condition.sql()) + " limit :cap) c")
			.params(condition.params())
			.param("account", accountId)
			.param("cap", MAX_LISTED + 1)
			.query(Long.class)
			.single();
	}

	private static ActivityRow row(ResultSet rs) throws SQLException {
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

	private record Ranked(ActivityRow row, boolean pull, long seq) {
	}

}

package dev.berth.administration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditEntry;
import dev.berth.audit.FieldChanges;
import dev.berth.support.PageOf;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Everything that happened in the installation, newest first, for the operator: every account's
 * audit events (refused logins of unknown names too) and the pulls of shared images, optionally of
 * one account and of one kind. Like an account's Activity, events and pulls are read separately,
 * newest first on their own indexes and only as far as the page needs, and merged here; the newest
 * {@value #MAX_LISTED} are listed.
 */
@Component
class OperatorActivity {

	static final int PAGE_SIZE = 25;

	static final int MAX_LISTED = 10_000;

	private static final String EVENTS = """
			select e.occurred_at, e.actor, e.action, e.image_name, e.grantee_account as other, a.name as account,
			       e.old_value, e.new_value, e.detail, e.id as seq
			from audit_event e left join account a on a.id = e.account_id
			where %s
			""";

	private static final String PULLS = """
			select p.pulled_at as occurred_at, p.username as actor, 'PULLED' as action, p.image_name,
			       p.puller_account as other, a.name as account, null as old_value, p.digest as new_value,
			       p.tag as detail, p.id as seq
			from pull_event p left join account a on a.id = p.owner_account_id
			where %s
			""";

	private static final Comparator<Ranked> NEWEST_FIRST = Comparator.comparing((Ranked r) -> r.row().occurredAt())
		.thenComparing(Ranked::pull)
		.thenComparingLong(Ranked::seq)
		.reversed();

	private final JdbcClient jdbc;

	private final FieldChanges fieldChanges;

	OperatorActivity(JdbcClient jdbc, FieldChanges fieldChanges) {
		this.jdbc = jdbc;
		this.fieldChanges = fieldChanges;
	}

	/** One page; {@code accountId} null: every account (and none). */
	PageOf<OperatorActivityRow> page(Long accountId, Kind kind, int page) {
		SqlCondition events = SqlCondition.ALWAYS;
		SqlCondition pulls = SqlCondition.ALWAYS;
		if (accountId != null) {
			events = SqlCondition.of("e.account_id = :account", "account", accountId);
			pulls = SqlCondition.of("p.owner_account_id = :account", "account", accountId);
		}
		if (!kind.actions().isEmpty()) {
			events = events.and(SqlCondition.of("e.action in " + kind.actions()
				.stream()
				.map(action -> "'" + action.name() + "'")
				.collect(Collectors.joining(", ", "(", ")"))));
		}
		boolean withPulls = kind == Kind.ALL || kind == Kind.SHARING;
		int current = Math.min(Math.max(1, page), MAX_LISTED / PAGE_SIZE);
		int window = current * PAGE_SIZE;
		List<Ranked> rows = new ArrayList<>(query(EVENTS, "e.occurred_at desc, e.id desc", events, window, false));
		if (withPulls) {
			rows.addAll(query(PULLS, "p.pulled_at desc, p.id desc", pulls, window, true));
		}
		List<Ranked> shown = rows.stream()
			.sorted(NEWEST_FIRST)
			.skip((long) (current - 1) * PAGE_SIZE)
			.limit(PAGE_SIZE)
			.toList();
		Map<Long, List<AuditEntry.Change>> changes = this.fieldChanges
			.ofEvents(shown.stream().filter(r -> !r.pull()).map(Ranked::seq).toList());
		List<OperatorActivityRow> items = shown.stream()
			.map(r -> (!r.pull() && changes.containsKey(r.seq())) ? r.row().withChanges(changes.get(r.seq())) : r.row())
			.toList();
		long total = count(EVENTS, events) + (withPulls ? count(PULLS, pulls) : 0);
		PageOf<OperatorActivityRow> asked = new PageOf<>(items, current, PAGE_SIZE, total);
		return asked.isPastEnd() ? page(accountId, kind, asked.pages()) : asked;
	}

	private List<Ranked> query(String select, String order, SqlCondition condition, int limit, boolean pull) {
		return this.jdbc.sql(select.formatted(condition.sql()) + " order by " + order + " limit :limit")
			.params(condition.params())
			.param("limit", limit)
			.query((rs, n) -> new Ranked(row(rs), pull, rs.getLong("seq")))
			.list();
	}

	private long count(String select, SqlCondition condition) {
		return this.jdbc.sql("select count(*) from (" + select.formatted(condition.sql()) + " limit :cap) c")
			.params(condition.params())
			.param("cap", MAX_LISTED + 1)
			.query(Long.class)
			.single();
	}

	private static OperatorActivityRow row(ResultSet rs) throws SQLException {
		return new OperatorActivityRow(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("account"), rs.getString("actor"), AuditAction.valueOf(rs.getString("action")),
				rs.getString("image_name"), rs.getString("other"), rs.getString("old_value"), rs.getString("new_value"),
				rs.getString("detail"), List.of());
	}

	private record Ranked(OperatorActivityRow row, boolean pull, long seq) {
	}

	/** Which events: all, refused logins, the operator's and administrators' changes, or sharing. */
	enum Kind {

		ALL(List.of()),

		LOGINS(List.of(AuditAction.LOGIN_FAILED, AuditAction.LOGIN_THROTTLED)),

		ADMINISTRATION(List.of(AuditAction.ACCOUNT_CREATED, AuditAction.ACCOUNT_DISABLED, AuditAction.ACCOUNT_ENABLED,
				AuditAction.ACCOUNT_DELETED, AuditAction.USER_CREATED, AuditAction.USER_PASSWORD_RESET,
				AuditAction.USER_DISABLED, AuditAction.USER_ENABLED, AuditAction.USER_DELETED,
				AuditAction.PASSWORD_CHANGED, AuditAction.USER_MANAGEMENT_REFUSED, AuditAction.TOKEN_CREATED,
				AuditAction.TOKEN_REVOKED, AuditAction.TOKEN_EXPIRED_USED, AuditAction.TOKEN_NEW_ADDRESS,
				AuditAction.TOKEN_POLICY_CHANGED)),

		SHARING(List.of(AuditAction.SHARE_CREATED, AuditAction.SHARE_CHANGED, AuditAction.SHARE_REVOKED,
				AuditAction.SHARE_REFUSED, AuditAction.PERMISSION_GRANTED, AuditAction.PERMISSION_CHANGED,
				AuditAction.PERMISSION_REMOVED));

		private final List<AuditAction> actions;

		Kind(List<AuditAction> actions) {
			this.actions = actions;
		}

		List<AuditAction> actions() {
			return this.actions;
		}

		/** The parameter value, e.g. {@code logins}. */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		public String messageKey() {
			return "administration.activity.kind." + value();
		}

		static Kind of(String value) {
			for (Kind kind : values()) {
				if (kind.value().equals(value)) {
					return kind;
				}
			}
			return ALL;
		}

	}

}

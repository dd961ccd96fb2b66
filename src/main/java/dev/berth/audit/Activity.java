package dev.berth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import dev.berth.accounts.AccountStanding;
import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.AccessPolicy.Granted;
import dev.berth.organizations.Permission;
import dev.berth.support.Formats;
import dev.berth.support.PageOf;
import dev.berth.support.PageOf.Counted;
import dev.berth.support.SqlCondition;
import dev.berth.support.UtcDay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happened to an account's shares, newest first, from three sources: the audit events (the
 * account's own and, for shares it received, the grantee's side of them), the pulls of its images by
 * other accounts (from the registry's pull events), and the expiry of the shares it received (read
 * from the shares: an expiry is no one's action). Each source is read newest first on its own index
 * and only as far as the page needs, and the three are merged here; the newest {@value #MAX_LISTED}
 * are paged through (filters reach further back, and the CSV export has no limit).
 * <p>
 * One class on purpose: the three sources, their common filter and the merge must agree on one order,
 * so they are read and merged in one place.
 */
@Component
public class Activity {

	public static final int PAGE_SIZE = 20;

	public static final int IMAGE_HISTORY_SIZE = 10;

	/** How many events the pager reaches at most. */
	public static final int MAX_LISTED = 10_000;

	/**
	 * How many grants a user's events and pulls are read by, one organization or image at a time; a
	 * user with more has the account's read in one pass (they may read enough of it to find theirs
	 * soon).
	 */
	private static final int GRANTS_READ_APART = 16;

	/** Rows the export reads per round trip, and whose field changes it reads at once. */
	private static final int EXPORT_BATCH = 500;

	private static final Formats FORMATS = new Formats();

	private static final Source EVENTS = new Source("""
			e.occurred_at, e.actor, e.action, e.image_id, e.image_name, e.grantee_account as account,
			e.old_value, e.new_value, e.detail, e.id as seq""", """
			from audit_event e
			where e.account_id = :account and %s
			""", "e.account_id", "e.occurred_at desc, e.id desc", 0, Activity::eventRow);

	private static final Source PULLS = new Source("""
			p.pulled_at as occurred_at, p.username as actor, p.image_id, p.image_name,
			p.puller_account as account, p.digest, p.tag, p.id as seq""", """
			from pull_event p
			where p.owner_account_id = :account and p.puller_account_id <> :account and %s
			""", "p.owner_account_id", "p.pulled_at desc, p.id desc", 1, Activity::pullRow);

	private static final Source EXPIRIES = new Source("""
			s.valid_until, s.image_id, s.image_organization, s.image_name, s.owner_account, s.id as seq""", """
			from image_share s
			where s.grantee_account_id = :account and s.valid_until < :today and %s
			""", "s.grantee_account_id", "s.valid_until desc, s.id desc", 2, Activity::expiryRow);

	/** Newest first; at the same instant an expiry, then a pull, then the event that led to it, then by id. */
	private static final Comparator<Ranked> NEWEST_FIRST = Comparator.comparing((Ranked r) -> r.row().occurredAt())
		.thenComparingInt(r -> r.source().rank())
		.thenComparingLong(Ranked::seq)
		.reversed();

	private final JdbcClient jdbc;

	/** Reads the export in batches (a cursor on PostgreSQL) rather than all at once. */
	private final JdbcClient exportJdbc;

	private final AccessPolicy policy;

	private final Clock clock;

	private final FieldChanges fieldChanges;

	private final AccountStanding standing;

	Activity(JdbcClient jdbc, DataSource dataSource, AccessPolicy policy, Clock clock, FieldChanges fieldChanges,
			AccountStanding standing) {
		this.jdbc = jdbc;
		JdbcTemplate batched = new JdbcTemplate(dataSource);
		batched.setFetchSize(EXPORT_BATCH);
		this.exportJdbc = JdbcClient.create(batched);
		this.policy = policy;
		this.clock = clock;
		this.fieldChanges = fieldChanges;
		this.standing = standing;
	}

	/**
	 * One page of the account's activity as the filter narrows it. Administrators see all of it;
	 * other users the events of the images they may read, and every user the account's side of the
	 * shares it received.
	 */
	public PageOf<ActivityRow> forAccount(BerthUser user, ActivityFilter filter) {
		int current = Math.min(filter.page(), MAX_LISTED / PAGE_SIZE);
		int window = current * PAGE_SIZE;
		int cap = counted(current);
		List<Ranked> newest = new ArrayList<>();
		long total = 0;
		for (List<Part> read : reads(user, filter)) {
			// Counted together to one past what the pager reaches: once the parts before hold more,
			// the rest are read for their rows alone (the parts of one read each count to the same cap).
			for (List<Counted<Ranked>> rows : counted(read, user.accountId(), window, (int) Math.max(0, cap - total))) {
				newest.addAll(Counted.rows(rows));
				// A part without rows has none to count.
				total = Math.min(total + Counted.count(rows, () -> 0), cap + 1);
			}
		}
		List<Ranked> page = newest.stream()
			.sorted(NEWEST_FIRST)
			.skip((long) (current - 1) * PAGE_SIZE)
			.limit(PAGE_SIZE)
			.toList();
		PageOf<ActivityRow> asked = new PageOf<>(withImagesOpen(user.accountId(), withChanges(page)), current,
				PAGE_SIZE, total);
		return asked.isPastEnd() ? forAccount(user, filter.withPage(asked.pages())) : asked;
	}

	/** The latest sharing history of one image: shares created, changed and revoked, and pulls by other accounts. */
	public List<ActivityRow> forImage(long accountId, long imageId) {
		SqlCondition events = SqlCondition.of("e.image_id = :image", "image", imageId)
			.and(SqlCondition.of("e.action in (" + quoted(AuditAction.SHARE_HISTORY.stream().map(Enum::name).sorted().toList()) + ")"));
		List<Ranked> newest = new ArrayList<>(
				query(new Part(EVENTS, events, "e.image_id", EVENTS.account()), accountId, IMAGE_HISTORY_SIZE));
		SqlCondition pulls = SqlCondition.of("p.image_id = :image", "image", imageId);
		newest.addAll(query(new Part(PULLS, pulls, "p.image_id", PULLS.account()), accountId, IMAGE_HISTORY_SIZE));
		return withChanges(newest.stream().sorted(NEWEST_FIRST).limit(IMAGE_HISTORY_SIZE).toList());
	}

	/**
	 * Every row the filter admits, newest first, handed to {@code sink} one by one as the parts of
	 * the three sources are read side by side (no limit, and never all of them in memory).
	 */
	@Transactional(readOnly = true)
	public void export(BerthUser user, ActivityFilter filter, Consumer<ActivityRow> sink) {
		List<Stream<Ranked>> streams = new ArrayList<>();
		try {
			PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::current, NEWEST_FIRST));
			for (Part part : reads(user, filter).stream().flatMap(List::stream).toList()) {
				Stream<Ranked> stream = this.exportJdbc.sql(part.sql() + " order by " + part.orderBy())
					.params(part.condition().params())
					.param("account", user.accountId())
					.param("today", UtcDay.today(this.clock))
					.query((rs, n) -> part.source().ranked(rs))
					.stream();
				streams.add(stream);
				Head head = new Head(stream.iterator());
				if (head.advance()) {
					heads.add(head);
				}
			}
			List<Ranked> batch = new ArrayList<>(EXPORT_BATCH);
			while (!heads.isEmpty()) {
				Head head = heads.poll();
				batch.add(head.current());
				if (head.advance()) {
					heads.add(head);
				}
				if (batch.size() == EXPORT_BATCH) {
					withChanges(batch).forEach(sink);
					batch.clear();
				}
			}
			withChanges(batch).forEach(sink);
		}
		finally {
			streams.forEach(Stream::close);
		}
	}

	/**
	 * The parts of the sources the filter admits, each with its condition (who may see what, and the
	 * filter), in the statements that read a page of them: the parts of one list in one. No row is
	 * in two parts.
	 */
	private List<List<Part>> reads(BerthUser user, ActivityFilter filter) {
		List<List<Part>> parts = new ArrayList<>();
		Granted granted = user.administrator() ? null : this.policy.grantedAtLeast(user, Permission.READ);
		if (filter.action() == null || (filter.action() != AuditAction.PULLED && filter.action() != AuditAction.SHARE_EXPIRED)) {
			parts.addAll(eventParts(user, granted, filter));
		}
		if (filter.admits(AuditAction.PULLED)) {
			SqlCondition pulls = equal("p.image_name", "image", filter.image())
				.and(equal("p.puller_account", "other", filter.account()))
				.and(equal("p.username", "user", filter.user()))
				.and(from("p.pulled_at", filter.from()))
				.and(to("p.pulled_at", filter.to()));
			parts.addAll(user.administrator()
					? alone(new Part(PULLS, pulls, filtered(PULLS, filter, "p.image_name", "p.puller_account")))
					: alone(readable(user, granted, PULLS, "p", pulls)));
		}
		if (filter.admits(AuditAction.SHARE_EXPIRED) && filter.user() == null) {
			SqlCondition expiries = SqlCondition.ALWAYS;
			if (filter.image() != null) {
				int slash = filter.image().indexOf('/');
				expiries = (slash < 0) ? SqlCondition.NEVER
						: equal("s.image_organization", "organization", filter.image().substring(0, slash))
							.and(equal("s.image_name", "name", filter.image().substring(slash + 1)));
			}
			// Expired at 00:00 UTC the day after Valid Until.
			expiries = expiries.and(equal("s.owner_account", "other", filter.account()));
			if (filter.from() != null) {
				expiries = expiries.and(SqlCondition.of("s.valid_until >= :fromDay", "fromDay", filter.from().minusDays(1)));
			}
			if (filter.to() != null) {
				expiries = expiries.and(SqlCondition.of("s.valid_until < :toDay", "toDay", filter.to()));
			}
			parts.add(List.of(new Part(EXPIRIES, expiries, EXPIRIES.account())));
		}
		return parts;
	}

	/**
	 * The events the user sees. An administrator sees the account's; another user the events of the
	 * images they may read, the account's side of the shares it received and their own access
	 * tokens' events, each action read on its own index (V12). The actions' parts, a few rows each,
	 * are read in one statement; the images' each in its own. The parts do not overlap: received
	 * shares are of other accounts' images, which no grant covers, and token events name no image.
	 */
	private List<List<Part>> eventParts(BerthUser user, Granted granted, ActivityFilter filter) {
		SqlCondition filters = eventFilters(filter);
		if (user.administrator()) {
			return alone(new Part(EVENTS, filters, filtered(EVENTS, filter, "e.image_name", "e.grantee_account")));
		}
		List<Part> actions = new ArrayList<>();
		AuditAction.RECEIVED.stream().filter(a -> a != AuditAction.SHARE_EXPIRED).filter(filter::admits).sorted()
			.forEach(action -> actions.add(new Part(EVENTS, SqlCondition.of("e.action = '" + action.name() + "'").and(filters),
					"e.account_id", "e.action")));
		AuditAction.TOKENS.stream().filter(filter::admits).sorted()
			.forEach(action -> actions.add(new Part(EVENTS,
					SqlCondition.of("e.actor = :me and e.action = '" + action.name() + "'", "me", user.getUsername())
						.and(filters),
					"e.account_id", "e.actor", "e.action")));
		List<List<Part>> parts = new ArrayList<>();
		if (!actions.isEmpty()) {
			parts.add(actions);
		}
		parts.addAll(alone(readable(user, granted, EVENTS, "e", filters)));
		return parts;
	}

	/** Parts each read in a statement of its own. */
	private static List<List<Part>> alone(Part... parts) {
		return alone(List.of(parts));
	}

	private static List<List<Part>> alone(List<Part> parts) {
		return parts.stream().map(List::of).toList();
	}

	/**
	 * The rows of a source (aliased {@code alias}) about the images a user who is not an
	 * administrator may read: a part for each organization and each image they hold a grant on,
	 * each read newest first on its own index (V9, V12). Read as one condition over the account's
	 * rows, a user who may read one organization of a large account would have every row of the
	 * account tested to find theirs. With more than {@value #GRANTS_READ_APART} grants it is that one
	 * condition: such a user reads enough of the account to find their rows soon.
	 */
	private List<Part> readable(BerthUser user, Granted granted, Source source, String alias, SqlCondition filters) {
		String organizationColumn = alias + ".organization_id";
		String imageColumn = alias + ".image_id";
		SqlCondition anImage = SqlCondition.of(imageColumn + " is not null");
		if (granted.size() > GRANTS_READ_APART) {
			return List.of(new Part(source, anImage
				.and(this.policy.imagesAtLeast(user, Permission.READ, source.account(), organizationColumn, imageColumn))
				.and(filters), source.account()));
		}
		List<Part> parts = new ArrayList<>();
		for (long organization : granted.organizations()) {
			parts.add(new Part(source, SqlCondition.of(organizationColumn + " = :granted", "granted", organization)
				.and(anImage)
				.and(filters), source.account(), organizationColumn));
		}
		for (long image : granted.images()) {
			parts.add(new Part(source, SqlCondition.of(imageColumn + " = :granted", "granted", image).and(filters),
					imageColumn, source.account()));
		}
		return parts;
	}

	/**
	 * The leading columns of an administrator's part: the account, then the image or the other
	 * account the filter fixes, so that the part is read in the order of that index (V16, V19), a
	 * page's rows and no more, instead of every row of the image or account found and sorted.
	 */
	private static String[] filtered(Source source, ActivityFilter filter, String image, String account) {
		if (filter.image() != null) {
			return new String[] { source.account(), image };
		}
		return (filter.account() != null) ? new String[] { source.account(), account }
				: new String[] { source.account() };
	}

	/** What the filter asks of the events. */
	private static SqlCondition eventFilters(ActivityFilter filter) {
		return SqlCondition.ALWAYS.and(equal("e.image_name", "image", filter.image()))
			.and(equal("e.grantee_account", "other", filter.account()))
			.and(equal("e.actor", "user", filter.user()))
			.and(equal("e.action", "action", (filter.action() != null) ? filter.action().name() : null))
			.and(from("e.occurred_at", filter.from()))
			.and(to("e.occurred_at", filter.to()));
	}

	/** Constant names only (the enum's), never user input. */
	private static String quoted(List<String> names) {
		return String.join(", ", names.stream().map(name -> "'" + name + "'").toList());
	}

	private static SqlCondition equal(String column, String parameter, String value) {
		return (value == null) ? SqlCondition.ALWAYS : SqlCondition.of(column + " = :" + parameter, parameter, value);
	}

	private static SqlCondition from(String column, LocalDate from) {
		return (from == null) ? SqlCondition.ALWAYS
				: SqlCondition.of(column + " >= :from", "from", from.atStartOfDay().atOffset(ZoneOffset.UTC));
	}

	private static SqlCondition to(String column, LocalDate to) {
		return (to == null) ? SqlCondition.ALWAYS
				: SqlCondition.of(column + " < :to", "to", to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
	}

	/** The newest rows of a part. */
	private List<Ranked> query(Part part, long accountId, int limit) {
		return this.jdbc.sql(part.sql() + " order by " + part.orderBy() + " limit :limit")
			.params(part.condition().params())
			.param("account", accountId)
			.param("today", UtcDay.today(this.clock))
			.param("limit", limit)
			.query((rs, n) -> part.source().ranked(rs))
			.list();
	}

	/**
	 * How many events are counted for a page: as many as any list ({@link PageOf#countedTo}), at most
	 * what the pager reaches. A page's total above it reads "more than" it, and its cost does not
	 * grow with the data.
	 */
	public static int counted(int page) {
		return (int) Math.min(MAX_LISTED, PageOf.countedTo(Math.min(Math.max(1, page), MAX_LISTED / PAGE_SIZE), PAGE_SIZE));
	}

	/**
	 * The newest rows of each part, each with how many rows its part has up to just past {@code cap}
	 * (the keys only, no columns to read), in one statement: a part's own, or for several parts of one
	 * source the union of theirs, each still read in the order of its index. Most of what reading a
	 * part of a few rows costs is its round trip to the database. The union is inside a select, which
	 * H2 keeps parsed (a statement that is a union at its top it parses every time).
	 */
	private List<List<Counted<Ranked>>> counted(List<Part> parts, long accountId, int limit, int cap) {
		Source source = parts.get(0).source();
		List<String> reads = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			Part part = parts.get(i);
			String from = source.from(part.condition());
			reads.add("select " + source.columns() + ", " + PageOf.countColumn(from) + ", " + i + " as part " + from
					+ " order by " + part.orderBy() + " limit :limit");
		}
		String sql = (reads.size() == 1) ? reads.get(0)
				: "select * from ((" + String.join(") union all (", reads) + ")) parts";
		List<List<Counted<Ranked>>> rows = new ArrayList<>();
		parts.forEach(part -> rows.add(new ArrayList<>()));
		this.jdbc.sql(sql)
			.params(parts.stream().map(Part::condition).reduce(SqlCondition.ALWAYS, SqlCondition::and).params())
			.param("account", accountId)
			.param("today", UtcDay.today(this.clock))
			.param("limit", limit)
			.param("cap", cap + 1)
			.query((rs) -> {
				rows.get(rs.getInt("part")).add(new Counted<>(source.ranked(rs), rs.getLong("counted")));
			});
		return rows;
	}

	/**
	 * The rows, each saying whether its image opens for the viewer now, in one query for the page:
	 * an image of the account while it is not deleted; another account's while the share the account
	 * received is there (expired or not: Images From Others lists it so) and its owner's shares are
	 * not suspended.
	 */
	private List<ActivityRow> withImagesOpen(long accountId, List<ActivityRow> rows) {
		Set<Long> images = rows.stream().map(ActivityRow::imageId).filter(Objects::nonNull).collect(Collectors.toSet());
		if (images.isEmpty()) {
			return rows;
		}
		SqlCondition opens = SqlCondition.of("i.account_id = :account")
			.or(this.standing.givingShares("i.account_id")
				.and(SqlCondition.of("exists (select 1 from image_share s where s.image_id = i.id"
						+ " and s.grantee_account_id = :account)")));
		Set<Long> open = new HashSet<>(this.jdbc.sql("select i.id from image i where i.id in (:images) and " + opens.sql())
			.params(opens.params())
			.param("images", images)
			.param("account", accountId)
			.query(Long.class)
			.list());
		return rows.stream()
			.map(row -> (row.imageId() == null || open.contains(row.imageId())) ? row : row.withImageOpens(false))
			.toList();
	}

	/** The rows, each event with the fields it changed (one query for all of them). */
	private List<ActivityRow> withChanges(List<Ranked> rows) {
		Map<Long, List<AuditEntry.Change>> changes = this.fieldChanges
			.ofEvents(rows.stream().filter(r -> r.source() == EVENTS).map(Ranked::seq).toList());
		return rows.stream()
			.map(r -> (r.source() == EVENTS && changes.containsKey(r.seq())) ? r.row().withChanges(changes.get(r.seq()))
					: r.row())
			.toList();
	}

	private static ActivityRow eventRow(ResultSet rs) throws SQLException {
		long id = rs.getLong("image_id");
		Long imageId = rs.wasNull() ? null : id;
		return new ActivityRow(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				AuditAction.valueOf(rs.getString("action")), imageId, rs.getString("image_name"),
				rs.getString("account"), rs.getString("old_value"), rs.getString("new_value"), rs.getString("detail"),
				List.of());
	}

	/** A pull reads "tag (digest…)", or just the digest when pulled by digest. */
	private static ActivityRow pullRow(ResultSet rs) throws SQLException {
		String digest = FORMATS.shortDigest(rs.getString("digest"));
		String tag = rs.getString("tag");
		return new ActivityRow(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				AuditAction.PULLED, rs.getLong("image_id"), rs.getString("image_name"), rs.getString("account"), null,
				null, (tag == null || tag.isEmpty()) ? digest : tag + " (" + digest + ")", List.of());
	}

	/** A share received expired at 00:00 UTC the day after its Valid Until; the account is its owner. */
	private static ActivityRow expiryRow(ResultSet rs) throws SQLException {
		LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
		return new ActivityRow(validUntil.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), null,
				AuditAction.SHARE_EXPIRED, rs.getLong("image_id"),
				rs.getString("image_organization") + "/" + rs.getString("image_name"), rs.getString("owner_account"),
				validUntil.toString(), null, null, List.of());
	}

	private interface RowReader {

		ActivityRow read(ResultSet rs) throws SQLException;

	}

	/**
	 * One source of rows: its columns, its {@code from … where} (with a slot for the condition), the
	 * column of the account it belongs to, its order (newest first) and its rank at equal instants.
	 */
	private record Source(String columns, String from, String account, String order, int rank, RowReader reader) {

		/** {@code from … where …} with the condition in its slot. */
		String from(SqlCondition condition) {
			return this.from.formatted(condition.sql());
		}

		Ranked ranked(ResultSet rs) throws SQLException {
			return new Ranked(this.reader.read(rs), this, rs.getLong("seq"));
		}

	}

	/**
	 * The rows of a source that a condition admits; {@code leading} are the columns the condition
	 * holds to one value each.
	 */
	private record Part(Source source, SqlCondition condition, List<String> leading) {

		Part(Source source, SqlCondition condition, String... leading) {
			this(source, condition, List.of(leading));
		}

		String sql() {
			return "select " + this.source.columns() + " " + this.source.from(this.condition);
		}

		/**
		 * Newest first after the leading columns: exactly the order of an index on (leading…, time,
		 * id), all descending (V9, V12), which H2 then reads instead of sorting every matching row.
		 */
		String orderBy() {
			return this.leading.stream().map(column -> column + " desc, ").collect(Collectors.joining())
					+ this.source.order();
		}

	}

	private record Ranked(ActivityRow row, Source source, long seq) {
	}

	/** A source's cursor in the export's merge, at its current row. */
	private static final class Head {

		private final Iterator<Ranked> rows;

		private Ranked current;

		Head(Iterator<Ranked> rows) {
			this.rows = rows;
		}

		boolean advance() {
			this.current = this.rows.hasNext() ? this.rows.next() : null;
			return this.current != null;
		}

		Ranked current() {
			return this.current;
		}

	}

}

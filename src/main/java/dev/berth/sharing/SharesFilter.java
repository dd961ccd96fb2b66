package dev.berth.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.support.PageOf;

/**
 * The Sharing tab's paging and sort: by account (the default), Valid Until or last pull, 50 per
 * page. Unknown sorts and out-of-range pages fall back to the defaults.
 */
public record SharesFilter(String sort, String dir, Integer page) {

	public static final int PAGE_SIZE = 50;

	/** The sorts other than by account, with their columns. */
	private static final Map<String, String> COLUMNS = Map.of("validUntil", "valid_until", "lastPull", "last_pull_at");

	public SharesFilter {
		sort = (sort != null && COLUMNS.containsKey(sort)) ? sort : "account";
		dir = "desc".equals(dir) ? "desc" : "asc";
		page = (page != null) ? Math.max(page, 1) : 1;
	}

	public static SharesFilter first() {
		return new SharesFilter(null, null, 1);
	}

	/** The column of the shares that this sort reads besides their accounts, or none. */
	Optional<String> column() {
		return Optional.ofNullable(COLUMNS.get(this.sort));
	}

	/**
	 * A share as this sort reads it: its id, its account and the value of its sort's column as a
	 * number that sorts as the column did in SQL (a day, or a time in microseconds; no Valid Until
	 * after every day, never pulled before every pull, as the statement's {@code coalesce} had it).
	 * The columns by their places (id, account, the sort's column): up to 500 rows are read so, and
	 * H2 looks a column's name up anew for every value read by name.
	 */
	Key key(ResultSet rs) throws SQLException {
		long value = switch (this.sort) {
			case "validUntil" -> Optional.ofNullable(rs.getObject(3, LocalDate.class))
				.map(LocalDate::toEpochDay)
				.orElse(Long.MAX_VALUE);
			case "lastPull" -> Optional.ofNullable(rs.getObject(3, OffsetDateTime.class))
				.map(at -> ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant()))
				.orElse(Long.MIN_VALUE);
			default -> 0;
		};
		return new Key(rs.getLong(1), rs.getLong(2), value);
	}

	/**
	 * The ids of an image's shares in the tab's order, given their accounts' names: the sort's column,
	 * then the account's name ascending; by account, the name in the sort's direction. Names compare
	 * as Java strings do, which is the order of H2 and of PostgreSQL's C collation.
	 */
	List<Long> ordered(List<Key> keys, Map<Long, String> names) {
		boolean byColumn = COLUMNS.containsKey(this.sort);
		int direction = "desc".equals(this.dir) ? -1 : 1;
		int nameDirection = byColumn ? 1 : direction;
		return keys.stream()
			.map(key -> new Named(key.share(), names.getOrDefault(key.account(), ""), key.value()))
			.sorted((a, b) -> {
				int order = byColumn ? direction * Long.compare(a.value(), b.value()) : 0;
				order = (order != 0) ? order : nameDirection * a.name().compareTo(b.name());
				return (order != 0) ? order : Long.compare(a.share(), b.share());
			})
			.map(Named::share)
			.toList();
	}

	/** This page of a list already in order (the last page if this one is past the end). */
	<T> PageOf<T> pageOf(List<T> ordered) {
		int last = Math.max(1, (ordered.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int shown = Math.min(this.page, last);
		int from = Math.min((shown - 1) * PAGE_SIZE, ordered.size());
		return new PageOf<>(ordered.subList(from, Math.min(from + PAGE_SIZE, ordered.size())), shown, PAGE_SIZE,
				ordered.size());
	}

	/** An image's share as its sort reads it: see {@link #key}. */
	record Key(long share, long account, long value) {
	}

	/** The same with its account's name, as it is sorted. */
	private record Named(long share, String name, long value) {
	}

	/** The same list on another page (for the pager). */
	public SharesFilter withPage(int page) {
		return new SharesFilter(this.sort, this.dir, page);
	}

	/** Sorted by this column: the other direction if it is the current sort, else ascending. */
	public SharesFilter withSort(String column) {
		return new SharesFilter(column, column.equals(this.sort) && "asc".equals(this.dir) ? "desc" : "asc", 1);
	}

	/** aria-sort value of a column header. */
	public String ariaSort(String column) {
		if (!column.equals(this.sort)) {
			return "none";
		}
		return "asc".equals(this.dir) ? "ascending" : "descending";
	}

}

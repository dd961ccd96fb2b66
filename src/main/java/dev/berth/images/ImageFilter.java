package dev.berth.images;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import dev.berth.support.PageOf;
import dev.berth.support.QueryString;
import dev.berth.support.SqlCondition;

/**
 * What a list of images is narrowed to: a name search, an organization, a sort and a page. Built
 * from request parameters; unknown sorts and out-of-range pages fall back to the defaults.
 * {@code after} is the id of the last image of the page before, where the list's Next link came
 * from: the list reads on from that image rather than skipping the pages before it
 * ({@link #readOn}). {@code before} is the id of the first image of the page after, where its
 * Previous link came from: the list reads back from that image ({@link #readBack}).
 */
public record ImageFilter(String q, String org, String sort, String dir, Integer page, Integer size, Boolean shared,
		Long after, Long before) {

	public static final int DEFAULT_SIZE = 10;

	/** The page sizes a user may choose. */
	public static final List<Integer> SIZES = List.of(10, 25, 50, 100);

	/** Marks a sort column whose null means "no end" and sorts after every value. */
	public static final String NULLS_HIGH = " nulls high";

	/** The sorts a list may offer; each list says which columns each one orders by. */
	private static final Set<String> SORTS = Set.of("name", "updated", "size", "tags", "owner", "validUntil");

	public ImageFilter {
		q = (q != null) ? q.strip() : "";
		org = (org != null) ? org.strip() : "";
		sort = (sort != null && SORTS.contains(sort)) ? sort : "updated";
		dir = "asc".equals(dir) || "desc".equals(dir) ? dir : ("name".equals(sort) ? "asc" : "desc");
		page = (page != null) ? Math.max(page, 1) : 1;
		size = (size != null && SIZES.contains(size)) ? size : DEFAULT_SIZE;
		shared = Boolean.TRUE.equals(shared);
		after = (page > 1) ? after : null;
		before = (page > 1 && after == null) ? before : null;
	}

	public ImageFilter(String q, String org, String sort, String dir, Integer page, Integer size, Boolean shared) {
		this(q, org, sort, dir, page, size, shared, null, null);
	}

	public static ImageFilter defaults() {
		return new ImageFilter(null, null, null, null, 1, DEFAULT_SIZE, false);
	}

	/**
	 * The ORDER BY of a list query: {@code leading} (the columns the list's condition holds to one
	 * value, such as the account), the columns the list gives for this sort (a fixed list, never user
	 * text), then {@code tieBreak}, all in the chosen direction. Pages never overlap, the other
	 * direction is the same list reversed, and the order is that of an index on (leading, sort
	 * columns, tie-break): H2 reads such an index in order (either way) instead of sorting every
	 * matching row, and prefers it to other indexes when its directions are the order's exactly.
	 * A sort the list does not offer orders by {@code updated}.
	 */
	public String orderBy(String leading, Map<String, String> sortColumns, String tieBreak) {
		String direction = "asc".equals(this.dir) ? " asc" : " desc";
		String columns = sortColumns.getOrDefault(this.sort, sortColumns.get("updated"));
		StringBuilder order = new StringBuilder();
		for (String column : (leading + ", " + columns + ", " + tieBreak).split(", ")) {
			if (!order.isEmpty()) {
				order.append(", ");
			}
			if (column.endsWith(NULLS_HIGH)) {
				// No value means no end (Permanently valid): after every date, the same on H2 and PostgreSQL.
				order.append(column, 0, column.length() - NULLS_HIGH.length())
					.append(direction)
					.append("asc".equals(this.dir) ? " nulls last" : " nulls first");
			}
			else {
				order.append(column).append(direction);
			}
		}
		return order.toString();
	}

	/**
	 * How a list reads one page of its rows: those {@code listed} keeps, in {@code order} from
	 * {@code offset} on, {@link #size} of them shown in the list's own order ({@link #orderBy}); and
	 * their count, the rows {@code counted} keeps, {@code skipped} rows of the list coming before
	 * those (to {@link PageOf#countedTo(int, int, long)}).
	 */
	@FunctionalInterface
	public interface PageReader<T> {

		PageOf<T> read(SqlCondition listed, String order, long offset, SqlCondition counted, long skipped);

	}

	/**
	 * This filter's page of the rows {@code all} keeps (the list's condition and this filter's), the
	 * list ordered by {@code leading}, {@code sortColumns} and {@code tieBreak} ({@link #orderBy}).
	 * Asked for by a Next link ({@link #after}), it is read on from that row and counted from
	 * there; by a Previous link ({@link #before}), read back from that row and counted from its own
	 * first row, so that its total and "more" are those of the page by its number. It is read by its
	 * number when asked for by its number alone, when {@code listed} (the list's condition, which
	 * the {@code cursor} row must meet, {@link #readOn}) is null, when the row is not in the list,
	 * or when less than a full page comes back from before it (the list changed).
	 */
	public <T> PageOf<T> read(SqlCondition all, String leading, Map<String, String> sortColumns, String tieBreak,
			String cursor, SqlCondition listed, PageReader<T> reader) {
		String order = orderBy(leading, sortColumns, tieBreak);
		PageOf<T> page = null;
		SqlCondition after = (listed != null) ? readOn(sortColumns, tieBreak, cursor, listed) : null;
		SqlCondition before = (listed != null) ? readBack(sortColumns, tieBreak, cursor, listed) : null;
		if (after != null) {
			page = reader.read(all.and(after), order, 0, all.and(after), offset());
		}
		else if (before != null) {
			SqlCondition from = compared(this.before, true, true, sortColumns, tieBreak, cursor, listed);
			page = reader.read(all.and(before), orderBackBy(leading, sortColumns, tieBreak), 0, all.and(from),
					offset() + this.size);
		}
		if (page == null || page.items().size() < ((after != null) ? 1 : this.size)) {
			page = reader.read(all, order, offset(), all, 0);
		}
		return page;
	}

	/**
	 * The rows after the row {@link #after} in the list's order ({@link #orderBy} of the same sort
	 * columns and tie-break), or null when the filter does not read on from a row or its sort has
	 * a column whose null sorts last. Each column is compared with that row's, which
	 * {@code cursor} reads ({@code from … where …} naming {@code :cursor}, one row at most): its
	 * value where the row is one {@code listed} keeps, else null, which keeps no row (a row that
	 * the user cannot see in the list tells nothing). The test is in the select list, so that the
	 * row is read by its key alone: given the list's condition too, H2 read the account's index of
	 * the images for it. For (a, b, id) ascending:
	 * {@code a >= a' and (a > a' or (b >= b' and (b > b' or id > id')))}, the first column compared
	 * alone so that the list's index is read from there on.
	 */
	private SqlCondition readOn(Map<String, String> sortColumns, String tieBreak, String cursor, SqlCondition listed) {
		return compared(this.after, true, false, sortColumns, tieBreak, cursor, listed);
	}

	/**
	 * The rows before the row {@link #before} in the list's order, or null as for {@link #readOn}:
	 * read in {@link #orderBackBy} order, the first {@link #size} of them are the page.
	 */
	private SqlCondition readBack(Map<String, String> sortColumns, String tieBreak, String cursor, SqlCondition listed) {
		return compared(this.before, false, false, sortColumns, tieBreak, cursor, listed);
	}

	/**
	 * The rows beyond {@code row} in the list's order ({@code onwards}) or before it, as
	 * {@link #readOn} compares them; {@code withRow} keeps the row itself too.
	 */
	private SqlCondition compared(Long row, boolean onwards, boolean withRow, Map<String, String> sortColumns,
			String tieBreak, String cursor, SqlCondition listed) {
		String columns = sortColumns.getOrDefault(this.sort, sortColumns.get("updated")) + ", " + tieBreak;
		if (row == null || columns.contains(NULLS_HIGH)) {
			return null;
		}
		boolean greater = onwards == "asc".equals(this.dir);
		String beyond = greater ? " > " : " < ";
		String reached = greater ? " >= " : " <= ";
		String condition = null;
		String[] each = columns.split(", ");
		for (int i = each.length - 1; i >= 0; i--) {
			String column = each[i];
			String value = "(select case when " + listed.sql() + " then " + column + " end " + cursor + ")";
			condition = (condition == null) ? column + (withRow ? reached : beyond) + value
					: column + reached + value + " and (" + column + beyond + value + " or " + condition + ")";
		}
		Map<String, Object> params = new HashMap<>(listed.params());
		params.put("cursor", row);
		return new SqlCondition(condition, params);
	}

	/** {@link #orderBy}, every column the other way: the order {@link #readBack} reads in. */
	private String orderBackBy(String leading, Map<String, String> sortColumns, String tieBreak) {
		return new ImageFilter(this.q, this.org, this.sort, "asc".equals(this.dir) ? "desc" : "asc", this.page,
				this.size, this.shared).orderBy(leading, sortColumns, tieBreak);
	}

	public long offset() {
		return (long) (this.page - 1) * this.size;
	}

	/**
	 * The name search (inside the image's name, any case, wildcards taken as text) and the
	 * organization filter (its exact name) as a condition on the given columns;
	 * {@link SqlCondition#ALWAYS} when neither is set.
	 */
	public SqlCondition condition(String imageName, String organizationName) {
		SqlCondition condition = SqlCondition.ALWAYS;
		if (!this.q.isEmpty()) {
			condition = condition.and(SqlCondition.of("lower(" + imageName + ") like :q escape '\\'", "q",
					"%" + escapedForLike(this.q.toLowerCase(Locale.ROOT)) + "%"));
		}
		if (!this.org.isEmpty()) {
			condition = condition.and(SqlCondition.of(organizationName + " = :org", "org", this.org));
		}
		return condition;
	}

	private static String escapedForLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	public ImageFilter withPage(int page) {
		return new ImageFilter(this.q, this.org, this.sort, this.dir, page, this.size, this.shared);
	}

	/**
	 * The page after {@code shown} (a page of this list), read on from its last image, whose id
	 * {@code id} gives; null for a page without images.
	 */
	public <T> ImageFilter next(PageOf<T> shown, ToLongFunction<T> id) {
		if (shown.isEmpty()) {
			return null;
		}
		long last = id.applyAsLong(shown.items().get(shown.items().size() - 1));
		return new ImageFilter(this.q, this.org, this.sort, this.dir, shown.page() + 1, this.size, this.shared, last,
				null);
	}

	/**
	 * The page before {@code shown}, read back from its first image; the first page by its number;
	 * null for the first page or a page without images.
	 */
	public <T> ImageFilter previous(PageOf<T> shown, ToLongFunction<T> id) {
		if (shown.isEmpty() || shown.page() <= 1) {
			return null;
		}
		long first = id.applyAsLong(shown.items().get(0));
		return new ImageFilter(this.q, this.org, this.sort, this.dir, shown.page() - 1, this.size, this.shared, null,
				first);
	}

	/** The page sizes to choose from. */
	public List<Integer> sizes() {
		return SIZES;
	}

	public ImageFilter withSize(int size) {
		return new ImageFilter(this.q, this.org, this.sort, this.dir, 1, size, this.shared);
	}

	public ImageFilter withSort(String column) {
		return new ImageFilter(this.q, this.org, column, nextDir(column), 1, this.size, this.shared);
	}

	/** The query string of this filter, with defaults and empty values left out ("" or "?q=…"). */
	public String query() {
		QueryString query = new QueryString();
		query.add("q", this.q);
		query.add("org", this.org);
		if (!"updated".equals(this.sort) || !"desc".equals(this.dir)) {
			query.add("sort", this.sort);
			query.add("dir", this.dir);
		}
		if (this.shared) {
			query.add("shared", "true");
		}
		if (this.size != DEFAULT_SIZE) {
			query.add("size", String.valueOf(this.size));
		}
		if (this.page > 1) {
			query.add("page", String.valueOf(this.page));
		}
		if (this.after != null) {
			query.add("after", String.valueOf(this.after));
		}
		if (this.before != null) {
			query.add("before", String.valueOf(this.before));
		}
		return query.toString();
	}


	/** aria-sort value of a column header. */
	public String ariaSort(String column) {
		if (!column.equals(this.sort)) {
			return "none";
		}
		return "asc".equals(this.dir) ? "ascending" : "descending";
	}

	public boolean isFiltered() {
		return isSearched() || this.shared;
	}

	/** Whether a name or an organization narrows the list. */
	public boolean isSearched() {
		return !this.q.isEmpty() || !this.org.isEmpty();
	}

	/** The opposite direction when the column is already the sort, else the column's natural one. */
	public String nextDir(String column) {
		if (column.equals(this.sort)) {
			return "asc".equals(this.dir) ? "desc" : "asc";
		}
		return "name".equals(column) ? "asc" : "desc";
	}

}

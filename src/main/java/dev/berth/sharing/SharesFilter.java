package dev.berth.sharing;

import java.util.Map;

import dev.berth.support.PageOf;

/**
 * The Sharing tab's paging and sort: by account (the default), Valid Until or last pull, 50 per
 * page. Unknown sorts and out-of-range pages fall back to the defaults.
 */
public record SharesFilter(String sort, String dir, Integer page) {

	public static final int PAGE_SIZE = 50;

	private static final Map<String, String> COLUMNS = Map.of("account", "a.name", "validUntil",
			"coalesce(s.valid_until, date '9999-12-31')", "lastPull", "coalesce(s.last_pull_at, timestamp '0001-01-01 00:00:00')");

	public SharesFilter {
		sort = (sort != null && COLUMNS.containsKey(sort)) ? sort : "account";
		dir = "desc".equals(dir) ? "desc" : "asc";
		page = (page != null) ? Math.max(page, 1) : 1;
	}

	public static SharesFilter first() {
		return new SharesFilter(null, null, 1);
	}

	String orderBy() {
		return COLUMNS.get(this.sort) + " " + this.dir + ", a.name asc";
	}

	long offset() {
		return (long) (this.page - 1) * PAGE_SIZE;
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

	/** A page of {@code total} shares as the pager needs it. */
	public <T> PageOf<T> pageOf(java.util.List<T> rows, long total) {
		return new PageOf<>(rows, this.page, PAGE_SIZE, total);
	}

}

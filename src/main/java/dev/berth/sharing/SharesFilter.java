package dev.berth.sharing;

import java.util.Map;

import dev.berth.support.PageOf;

/**
 * The Sharing tab's paging and sort: by account (the default), Valid Until or last pull, 50 per
 * page. Unknown sorts and out-of-range pages fall back to the defaults.
 */
public record SharesFilter(String sort, String dir, Integer page) {

	public static final int PAGE_SIZE = 50;

	/** The sorts other than by account (the grantee account's name), with their columns. */
	private static final Map<String, String> COLUMNS = Map.of("validUntil",
			"coalesce(s.valid_until, date '9999-12-31')", "lastPull", "coalesce(s.last_pull_at, timestamp '0001-01-01 00:00:00')");

	/** The grantee account's name of the share {@code s}, looked up by its key. */
	private static final String ACCOUNT_NAME = "(select g.name from account g where g.id = s.grantee_account_id)";

	public SharesFilter {
		sort = (sort != null && COLUMNS.containsKey(sort)) ? sort : "account";
		dir = "desc".equals(dir) ? "desc" : "asc";
		page = (page != null) ? Math.max(page, 1) : 1;
	}

	public static SharesFilter first() {
		return new SharesFilter(null, null, 1);
	}

	/** The order of the shares {@code s} of an image, without their accounts joined. */
	String idOrder() {
		return order(ACCOUNT_NAME);
	}

	/** The same order with the shares' accounts joined as {@code a}. */
	String rowOrder() {
		return order("a.name");
	}

	/** The sort's column, then the account's name. */
	private String order(String accountName) {
		String column = COLUMNS.get(this.sort);
		return (column != null) ? column + " " + this.dir + ", " + accountName + " asc" : accountName + " " + this.dir;
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

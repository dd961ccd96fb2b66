package dev.berth.administration;

import java.util.Locale;
import java.util.Map;

import dev.berth.support.QueryString;
import dev.berth.support.SqlCondition;

/**
 * What the account list is narrowed to: a name search, a region, a status, a sort and a page.
 * Built from request parameters; unknown values fall back to the defaults.
 */
public record AccountFilter(String q, String region, String status, String sort, String dir, Integer page) {

	public static final int PAGE_SIZE = 20;

	/** What each sort orders by (fixed SQL, never user text). */
	private static final Map<String, String> SORTS = Map.of("name", "a.name", "created", "a.created_at", "region",
			"a.region, a.name");

	public AccountFilter {
		q = (q != null) ? q.strip() : "";
		region = (region != null) ? region.strip() : "";
		status = ("active".equals(status) || "disabled".equals(status)) ? status : "";
		sort = (sort != null && SORTS.containsKey(sort)) ? sort : "name";
		dir = ("asc".equals(dir) || "desc".equals(dir)) ? dir : ("created".equals(sort) ? "desc" : "asc");
		page = (page != null) ? Math.max(1, Math.min(page, 100_000)) : 1;
	}

	public static AccountFilter defaults() {
		return new AccountFilter(null, null, null, null, null, 1);
	}

	/** The search, region and status as a condition on {@code account a}. */
	SqlCondition condition() {
		SqlCondition condition = SqlCondition.of("a.deleted_at is null");
		if (!this.q.isEmpty()) {
			condition = condition.and(SqlCondition.of("lower(a.name) like :q escape '\\'", "q",
					"%" + this.q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
							+ "%"));
		}
		if (!this.region.isEmpty()) {
			condition = condition.and(SqlCondition.of("a.region = :region", "region", this.region));
		}
		if ("active".equals(this.status)) {
			condition = condition.and(SqlCondition.of("a.disabled_at is null"));
		}
		else if ("disabled".equals(this.status)) {
			condition = condition.and(SqlCondition.of("a.disabled_at is not null"));
		}
		return condition;
	}

	/** The ORDER BY: the sort's columns in the chosen direction, then the id, so that pages never overlap. */
	String orderBy() {
		String direction = "asc".equals(this.dir) ? " asc" : " desc";
		StringBuilder order = new StringBuilder();
		for (String column : SORTS.get(this.sort).split(", ")) {
			order.append(column).append(direction).append(", ");
		}
		return order.append("a.id asc").toString();
	}

	long offset() {
		return (long) (this.page - 1) * PAGE_SIZE;
	}

	public AccountFilter withPage(int page) {
		return new AccountFilter(this.q, this.region, this.status, this.sort, this.dir, page);
	}

	public AccountFilter withSort(String column) {
		String next = column.equals(this.sort) ? ("asc".equals(this.dir) ? "desc" : "asc")
				: ("created".equals(column) ? "desc" : "asc");
		return new AccountFilter(this.q, this.region, this.status, column, next, 1);
	}

	/** aria-sort of a column header. */
	public String ariaSort(String column) {
		if (!column.equals(this.sort)) {
			return "none";
		}
		return "asc".equals(this.dir) ? "ascending" : "descending";
	}

	public boolean isFiltered() {
		return !this.q.isEmpty() || !this.region.isEmpty() || !this.status.isEmpty();
	}

	/** The query string of this filter, defaults left out ("" or "?q=…"). */
	public String query() {
		QueryString query = new QueryString();
		query.add("q", this.q);
		query.add("region", this.region);
		query.add("status", this.status);
		if (!"name".equals(this.sort) || !"asc".equals(this.dir)) {
			query.add("sort", this.sort);
			query.add("dir", this.dir);
		}
		if (this.page > 1) {
			query.add("page", String.valueOf(this.page));
		}
		return query.toString();
	}


}

package dev.berth.images;

import java.util.Map;

import dev.berth.support.SqlCondition;

/**
 * What a list of images is narrowed to: a name search, an organization, a sort and a page. Built
 * from request parameters; unknown sorts and out-of-range pages fall back to the defaults.
 */
public record ImageFilter(String q, String org, String sort, String dir, Integer page, Integer size, Boolean shared) {

	public static final int DEFAULT_SIZE = 10;

	private static final Map<String, String> SORT_COLUMNS = Map.of("name", "organization, name", "updated",
			"last_update", "size", "size", "tags", "tag_count");

	public ImageFilter {
		q = (q != null) ? q.strip() : "";
		org = (org != null) ? org.strip() : "";
		sort = (sort != null && SORT_COLUMNS.containsKey(sort)) ? sort : "updated";
		dir = "asc".equals(dir) || "desc".equals(dir) ? dir : ("name".equals(sort) ? "asc" : "desc");
		page = (page != null) ? Math.max(page, 1) : 1;
		size = (size != null && (size == 10 || size == 20 || size == 50)) ? size : DEFAULT_SIZE;
		shared = Boolean.TRUE.equals(shared);
	}

	public static ImageFilter defaults() {
		return new ImageFilter(null, null, null, null, 1, DEFAULT_SIZE, false);
	}

	/** The ORDER BY of the list query: a fixed column list chosen by name, never user text. */
	public String orderBy() {
		String direction = "asc".equals(this.dir) ? " asc" : " desc";
		String columns = SORT_COLUMNS.get(this.sort);
		StringBuilder order = new StringBuilder();
		for (String column : columns.split(", ")) {
			if (!order.isEmpty()) {
				order.append(", ");
			}
			order.append(column).append(direction);
		}
		return order.append(", id asc").toString();
	}

	public long offset() {
		return (long) (this.page - 1) * this.size;
	}

	/**
	 * The name search and the organization filter as a condition on the given columns (the image's
	 * name and its organization's name); {@link SqlCondition#ALWAYS} when neither is set.
	 */
	public SqlCondition condition(String imageName, String organizationName) {
		SqlCondition condition = SqlCondition.ALWAYS;
		if (!this.q.isEmpty()) {
			condition = condition.and(SqlCondition.of("lower(" + imageName + ") like :q escape '\\'", "q", likePattern()));
		}
		if (!this.org.isEmpty()) {
			condition = condition.and(SqlCondition.of(organizationName + " = :org", "org", this.org));
		}
		return condition;
	}

	/** The search text as a LIKE pattern with its wildcards escaped. */
	public String likePattern() {
		String escaped = this.q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

	public ImageFilter withPage(int page) {
		return new ImageFilter(this.q, this.org, this.sort, this.dir, page, this.size, this.shared);
	}

	public ImageFilter withSort(String column) {
		return new ImageFilter(this.q, this.org, column, nextDir(column), 1, this.size, this.shared);
	}

	/** The query string of this filter, with defaults and empty values left out ("" or "?q=…"). */
	public String query() {
		StringBuilder query = new StringBuilder();
		append(query, "q", this.q);
		append(query, "org", this.org);
		if (!"updated".equals(this.sort) || !"desc".equals(this.dir)) {
			append(query, "sort", this.sort);
			append(query, "dir", this.dir);
		}
		if (this.shared) {
			append(query, "shared", "true");
		}
		if (this.size != DEFAULT_SIZE) {
			append(query, "size", String.valueOf(this.size));
		}
		if (this.page > 1) {
			append(query, "page", String.valueOf(this.page));
		}
		return query.isEmpty() ? "" : "?" + query;
	}

	private static void append(StringBuilder query, String name, String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		if (!query.isEmpty()) {
			query.append('&');
		}
		query.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
	}

	/** aria-sort value of a column header. */
	public String ariaSort(String column) {
		if (!column.equals(this.sort)) {
			return "none";
		}
		return "asc".equals(this.dir) ? "ascending" : "descending";
	}

	public boolean isFiltered() {
		return !this.q.isEmpty() || !this.org.isEmpty() || this.shared;
	}

	/** The opposite direction when the column is already the sort, else the column's natural one. */
	public String nextDir(String column) {
		if (column.equals(this.sort)) {
			return "asc".equals(this.dir) ? "desc" : "asc";
		}
		return "name".equals(column) ? "asc" : "desc";
	}

}

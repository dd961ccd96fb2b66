package dev.berth.images;

import java.util.Map;

/**
 * What a list of images is narrowed to: a name search, an organization, a sort and a page. Built
 * from request parameters; unknown sorts and out-of-range pages fall back to the defaults.
 */
public record ImageFilter(String q, String org, String sort, String dir, int page, int size, boolean shared) {

	public static final int DEFAULT_SIZE = 10;

	private static final Map<String, String> SORT_COLUMNS = Map.of("name", "organization, name", "updated",
			"last_update", "size", "size", "tags", "tag_count");

	public ImageFilter {
		q = (q != null) ? q.strip() : "";
		org = (org != null) ? org.strip() : "";
		sort = SORT_COLUMNS.containsKey(sort) ? sort : "updated";
		dir = "asc".equals(dir) || "desc".equals(dir) ? dir : ("name".equals(sort) ? "asc" : "desc");
		page = Math.max(page, 1);
		size = (size == 10 || size == 20 || size == 50) ? size : DEFAULT_SIZE;
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

	/** The search text as a LIKE pattern with its wildcards escaped. */
	public String likePattern() {
		String escaped = this.q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

	/** The opposite direction when the column is already the sort, else the column's natural one. */
	public String nextDir(String column) {
		if (column.equals(this.sort)) {
			return "asc".equals(this.dir) ? "desc" : "asc";
		}
		return "name".equals(column) ? "asc" : "desc";
	}

}

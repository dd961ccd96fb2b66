package dev.berth.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A piece of a WHERE clause with its named parameters, as a policy hands it to the queries of the
 * lists it governs. The SQL text is fixed by the policy; only the parameters carry user data.
 */
public record SqlCondition(String sql, Map<String, Object> params) {

	/** The condition that keeps every row. */
	public static final SqlCondition ALWAYS = new SqlCondition("1 = 1", Map.of());

	/** The condition that keeps no row. */
	public static final SqlCondition NEVER = new SqlCondition("1 = 0", Map.of());

	public SqlCondition {
		params = Map.copyOf(params);
	}

	public static SqlCondition of(String sql) {
		return new SqlCondition(sql, Map.of());
	}

	public static SqlCondition of(String sql, String name, Object value) {
		return new SqlCondition(sql, Map.of(name, value));
	}

	public SqlCondition and(SqlCondition other) {
		if (this == ALWAYS) {
			return other;
		}
		if (other == ALWAYS) {
			return this;
		}
		return new SqlCondition("(" + this.sql + ") and (" + other.sql + ")", merged(other));
	}

	/** Either condition, in parentheses of its own: {@code x and } + it keeps the {@code x} for both. */
	public SqlCondition or(SqlCondition other) {
		return new SqlCondition("((" + this.sql + ") or (" + other.sql + "))", merged(other));
	}

	private Map<String, Object> merged(SqlCondition other) {
		Map<String, Object> all = new LinkedHashMap<>(this.params);
		other.params.forEach((name, value) -> {
			Object previous = all.putIfAbsent(name, value);
			if (previous != null && !previous.equals(value)) {
				throw new IllegalArgumentException("Two conditions bind :" + name + " differently");
			}
		});
		return all;
	}

}

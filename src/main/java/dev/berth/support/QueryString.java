package dev.berth.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The query string of a list's links (sort, page, filters): only the parameters that have a value,
 * URL-encoded, in the order added; empty when none has one.
 */
public final class QueryString {

	private final StringBuilder query = new StringBuilder();

	/** Adds {@code name=value} unless the value is null or empty. */
	public QueryString add(String name, String value) {
		if (value != null && !value.isEmpty()) {
			this.query.append(this.query.isEmpty() ? "" : "&")
				.append(name)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
		return this;
	}

	/** {@code ?a=1&b=2}, or the empty string. */
	@Override
	public String toString() {
		return this.query.isEmpty() ? "" : "?" + this.query;
	}

}

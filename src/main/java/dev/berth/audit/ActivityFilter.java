package dev.berth.audit;

import java.time.LocalDate;

import dev.berth.support.QueryString;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * What Activity is narrowed to, from query parameters: an image ({@code organization/name}),
 * the other account (the grantee of a share, the puller, the owner of a share received), the user
 * who acted, the action, and a range of UTC days; and the page.
 */
public record ActivityFilter(String image, String account, String user, AuditAction action,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer page) {

	public ActivityFilter {
		image = blankToNull(image);
		account = blankToNull(account);
		user = blankToNull(user);
		page = (page != null) ? Math.max(page, 1) : 1;
	}

	public static ActivityFilter none() {
		return new ActivityFilter(null, null, null, null, null, null, 1);
	}

	public static ActivityFilter ofImage(String image) {
		return new ActivityFilter(image, null, null, null, null, null, 1);
	}

	public boolean isFiltered() {
		return this.image != null || this.account != null || this.user != null || this.action != null
				|| this.from != null || this.to != null;
	}

	/** Whether the action filter lets this kind of row through. */
	boolean admits(AuditAction kind) {
		return this.action == null || this.action == kind;
	}

	public ActivityFilter withPage(int page) {
		return new ActivityFilter(this.image, this.account, this.user, this.action, this.from, this.to, page);
	}

	/** The query string of this filter ("" or "?image=…&page=2"), for the pager and the CSV link. */
	public String query() {
		QueryString query = new QueryString();
		query.add("image", this.image);
		query.add("account", this.account);
		query.add("user", this.user);
		query.add("action", (this.action != null) ? this.action.name() : null);
		query.add("from", (this.from != null) ? this.from.toString() : null);
		query.add("to", (this.to != null) ? this.to.toString() : null);
		if (this.page > 1) {
			query.add("page", String.valueOf(this.page));
		}
		return query.toString();
	}


	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}

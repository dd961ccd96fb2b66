package dev.berth.accounts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.berth.accounts.AccessTokens.NewToken;
import dev.berth.support.PlainText;
import dev.berth.support.UtcDay;

/**
 * The rules of a new access token, one message per field (the form shows it next to the field,
 * the API answers it as a problem detail): a name of 1–64 characters that none of the user's
 * working tokens has; an expiry of 30, 90 or 365 days or a date from today to a year ahead (the
 * token works through that UTC day), or none where the account allows it; pull, or pull and push;
 * the account's images in all or some of its organizations, and/or images shared with the account
 * (shares give pull only, so a token for shared images only cannot push).
 */
public final class TokenRules {

	static final int MAX_NAME = 64;

	static final int DEFAULT_DAYS = 90;

	static final int MAX_DAYS = 365;

	private TokenRules() {
	}

	/** What the form (or the API) asks for. */
	public record TokenForm(String name, String expiry, String expiresOn, String scope, String reach, List<String> organizations,
			Boolean includeShared) {

		static TokenForm defaults() {
			return new TokenForm("", String.valueOf(DEFAULT_DAYS), "", "pull", "all", List.of(), true);
		}

		TokenForm withName(String name) {
			return new TokenForm(name, this.expiry, this.expiresOn, this.scope, this.reach, this.organizations,
					this.includeShared);
		}

		public List<String> organizationsOrNone() {
			return (this.organizations != null) ? this.organizations : List.of();
		}

		/**
		 * Whether a token of "Some organizations" also reaches the images shared with the account, and
		 * whether the form shows that box ticked: yes unless asked otherwise. The API may leave it out;
		 * the page disables the box (and its field marker) unless "Some organizations" is chosen, so a
		 * form sent back with another choice shows it as it was, ticked.
		 */
		public boolean includeSharedOrDefault() {
			return this.includeShared == null || this.includeShared;
		}

		/** The name's length as its rule counts it (characters, an emoji one). */
		public int nameLength() {
			return (this.name != null) ? this.name.codePointCount(0, this.name.length()) : 0;
		}

	}

	/** A broken rule: the field, the message code and its arguments. */
	record Problem(String field, String code, Object... arguments) {
	}

	/** The token to create, or the broken rules (then nothing is created). */
	record Checked(NewToken token, List<Problem> problems) {

		boolean ok() {
			return this.problems.isEmpty();
		}

	}

	/**
	 * @param organizations the account's organizations, id → name
	 * @param takenNames the names of the user's working tokens
	 */
	static Checked check(TokenForm form, LocalDate today, boolean withoutExpiryAllowed, Map<Long, String> organizations,
			Set<String> takenNames) {
		List<Problem> problems = new ArrayList<>();
		String name = (form.name() != null) ? form.name().strip() : "";
		int characters = name.codePointCount(0, name.length());
		if (name.isEmpty()) {
			problems.add(new Problem("name", "token.name.blank"));
		}
		else if (characters > MAX_NAME) {
			problems.add(new Problem("name", "token.name.length", MAX_NAME, characters));
		}
		else if (!PlainText.isOneLine(name)) {
			problems.add(new Problem("name", "token.name.characters"));
		}
		else if (takenNames.contains(name)) {
			problems.add(new Problem("name", "token.name.taken", name));
		}

		LocalDate expiresOn = null;
		LocalDate latest = withoutExpiryAllowed ? UtcDay.LAST : today.plusDays(MAX_DAYS);
		String expiry = (form.expiry() == null || form.expiry().isBlank()) ? String.valueOf(DEFAULT_DAYS) : form.expiry();
		switch (expiry) {
			case "30", "90", "365" -> expiresOn = today.plusDays(Integer.parseInt(expiry));
			case "never" -> {
				if (!withoutExpiryAllowed) {
					problems.add(new Problem("expiry", "token.expiry.neverNotAllowed"));
				}
			}
			case "date" -> {
				String text = (form.expiresOn() != null) ? form.expiresOn().strip() : "";
				try {
					expiresOn = text.isEmpty() ? null : LocalDate.parse(text);
					if (expiresOn == null) {
						problems.add(new Problem("expiresOn", "token.expiresOn.blank"));
					}
					else if (expiresOn.isBefore(today)) {
						problems.add(new Problem("expiresOn", "token.expiresOn.past", today.toString()));
					}
					else if (expiresOn.isAfter(latest)) {
						problems.add(new Problem("expiresOn", "token.expiresOn.tooFar", latest.toString()));
					}
				}
				catch (DateTimeParseException ex) {
					problems.add(new Problem("expiresOn", "token.expiresOn.invalid"));
				}
			}
			default -> problems.add(new Problem("expiry", "token.expiry.invalid"));
		}

		boolean push = "push".equals(form.scope());
		if (!push && !"pull".equals(form.scope())) {
			problems.add(new Problem("scope", "token.scope.invalid"));
		}

		boolean allOrganizations = false;
		boolean shared = false;
		Set<Long> chosen = new LinkedHashSet<>();
		String reach = Objects.requireNonNullElse(form.reach(), "all");
		switch (reach) {
			case "all" -> {
				allOrganizations = true;
				shared = true;
			}
			case "shared" -> {
				shared = true;
				if (push) {
					problems.add(new Problem("scope", "token.scope.sharedPullOnly"));
				}
			}
			case "organizations" -> {
				shared = form.includeSharedOrDefault();
				for (String organization : form.organizationsOrNone()) {
					Long id = organizations.entrySet()
						.stream()
						.filter(e -> e.getValue().equals(organization))
						.map(Map.Entry::getKey)
						.findFirst()
						.orElse(null);
					if (id == null) {
						problems.add(new Problem("organizations", "token.organizations.unknown", organization));
						break;
					}
					chosen.add(id);
				}
				if (form.organizationsOrNone().isEmpty()) {
					problems.add(new Problem("organizations", "token.organizations.none"));
				}
			}
			default -> problems.add(new Problem("reach", "token.reach.invalid"));
		}
		if (!problems.isEmpty()) {
			return new Checked(null, problems);
		}
		return new Checked(new NewToken(name, push, allOrganizations, chosen, shared, expiresOn), List.of());
	}

}

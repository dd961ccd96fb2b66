package dev.berth.accounts;

import java.util.Optional;
import java.util.Set;

/**
 * The rules for account names and user names, one message per broken rule (the message code of
 * the first one): 1–64 characters, lowercase letters, digits and the separators {@code . _ -},
 * starting with a letter, never two separators in a row and none at the end — the rules of
 * organization names, so that every name a user types into a pull command or a {@code docker
 * login} reads the same. A user name cannot hold a colon (HTTP Basic separates it from the
 * password with one), and never names the console's own registry identity.
 */
public final class Names {

	public static final int MAX_LENGTH = 64;

	/** Names the console uses itself: the subject of its own registry tokens. */
	private static final Set<String> RESERVED_USERNAMES = Set.of("berth-console");

	private Names() {
	}

	/** The first broken rule of an account name, as a message code ({@code account.name.*}). */
	public static Optional<String> accountNameProblem(String name) {
		return problem(name).map(rule -> "account.name." + rule);
	}

	/** The first broken rule of a user name, as a message code ({@code user.name.*}). */
	public static Optional<String> usernameProblem(String name) {
		if (name != null && RESERVED_USERNAMES.contains(name)) {
			return Optional.of("user.name.reserved");
		}
		return problem(name).map(rule -> "user.name." + rule);
	}

	private static Optional<String> problem(String name) {
		if (name == null || name.isEmpty()) {
			return Optional.of("blank");
		}
		if (name.length() > MAX_LENGTH) {
			return Optional.of("length");
		}
		if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || isSeparator(c))) {
			return Optional.of("characters");
		}
		if (!(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
			return Optional.of("start");
		}
		for (int i = 1; i < name.length(); i++) {
			if (isSeparator(name.charAt(i)) && isSeparator(name.charAt(i - 1))) {
				return Optional.of("separators");
			}
		}
		if (isSeparator(name.charAt(name.length() - 1))) {
			return Optional.of("end");
		}
		return Optional.empty();
	}

	private static boolean isSeparator(int c) {
		return c == '.' || c == '_' || c == '-';
	}

}

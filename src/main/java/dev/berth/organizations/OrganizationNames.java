package dev.berth.organizations;

import java.util.Optional;

/**
 * The organization name rules (docs/sharing-rules.md), one clear message per broken rule: 1–64 characters,
 * starts with a lowercase letter, only {@code [a-z0-9._-]}, no two separators in a row, none at
 * the end. Returns the message code of the first broken rule.
 */
final class OrganizationNames {

	private OrganizationNames() {
	}

	static Optional<String> problem(String name) {
		if (name == null || name.isEmpty()) {
			return Optional.of("organization.name.blank");
		}
		if (name.length() > Organization.MAX_NAME_LENGTH) {
			return Optional.of("organization.name.length");
		}
		if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || isSeparator(c))) {
			return Optional.of("organization.name.characters");
		}
		if (!(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
			return Optional.of("organization.name.start");
		}
		for (int i = 1; i < name.length(); i++) {
			if (isSeparator(name.charAt(i)) && isSeparator(name.charAt(i - 1))) {
				return Optional.of("organization.name.separators");
			}
		}
		if (isSeparator(name.charAt(name.length() - 1))) {
			return Optional.of("organization.name.end");
		}
		return Organization.isValidName(name) ? Optional.empty() : Optional.of("organization.name.characters");
	}

	private static boolean isSeparator(int c) {
		return c == '.' || c == '_' || c == '-';
	}

}

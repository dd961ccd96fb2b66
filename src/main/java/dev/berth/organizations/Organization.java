package dev.berth.organizations;

import java.time.Instant;
import java.util.regex.Pattern;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A namespace owned by one account, in that account's region (kept beside it, written once: an
 * account never changes region). Names are globally unique.
 */
@Table("organization")
public record Organization(@Id Long id, String name, Long accountId, @InsertOnlyProperty String region,
		Instant createdAt) {

	/** 1–64 characters, starts with a lowercase letter, [a-z0-9._-], no two separators in a row, none at the end. */
	public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*");

	public static final int MAX_NAME_LENGTH = 64;

	public static Organization create(String name, Long accountId, String region, Instant now) {
		return new Organization(null, name, accountId, region, now);
	}

	public static boolean isValidName(String name) {
		return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
	}

}

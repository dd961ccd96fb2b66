package dev.berth.accounts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A tenant. Lives in one region; shares target an account, and every user of it sees them.
 */
@Table("account")
public record Account(@Id Long id, String name, String region, Instant createdAt) {

	public static Account create(String name, String region, Instant now) {
		return new Account(null, name, region, now);
	}

}

package dev.berth.accounts;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person who logs in. Belongs to one account; administrators hold Manage on everything of it.
 */
@Table("app_user")
public record User(@Id Long id, String username, String password, Long accountId, boolean administrator,
		Instant createdAt) {

	public static User create(String username, String encodedPassword, Long accountId, boolean administrator,
			Instant now) {
		return new User(null, username, encodedPassword, accountId, administrator, now);
	}

}

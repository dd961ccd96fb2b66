package dev.berth.accounts;

import java.time.Instant;

/**
 * A user of an account as its administrators manage them: whether they administer the account,
 * are disabled, and still have to change a password someone else set.
 */
public record AccountUser(long id, String username, long accountId, boolean administrator, boolean disabled,
		boolean passwordChangeRequired, Instant createdAt, Instant passwordChangedAt) {

	/** Whether this is the logged-in user. */
	public boolean is(BerthUser user) {
		return user != null && user.id() == this.id;
	}

}

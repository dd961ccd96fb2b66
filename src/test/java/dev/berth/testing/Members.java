package dev.berth.testing;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.Grants.Member;

/** A user as the grant API takes them, for tests that grant directly. */
public final class Members {

	private Members() {
	}

	public static Member of(BerthUser user) {
		return new Member(user.id(), user.getUsername(), user.administrator(), null, null);
	}

}

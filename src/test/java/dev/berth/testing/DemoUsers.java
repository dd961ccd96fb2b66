package dev.berth.testing;

import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.User;
import dev.berth.accounts.UserRepository;

/** The demo's users as the console sees them after login (a bean of {@link DemoSlice}). */
public class DemoUsers {

	private final UserRepository users;

	private final AccountRepository accounts;

	DemoUsers(UserRepository users, AccountRepository accounts) {
		this.users = users;
		this.accounts = accounts;
	}

	public BerthUser get(String username) {
		User user = this.users.findByUsername(username).orElseThrow();
		Account account = this.accounts.findById(user.accountId()).orElseThrow();
		return new BerthUser(user.id(), user.username(), null, account.id(), account.name(), account.region(),
				user.administrator());
	}

}

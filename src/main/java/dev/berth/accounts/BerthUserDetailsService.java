package dev.berth.accounts;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class BerthUserDetailsService implements UserDetailsService {

	private final UserRepository users;

	private final AccountRepository accounts;

	BerthUserDetailsService(UserRepository users, AccountRepository accounts) {
		this.users = users;
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		User user = this.users.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No user " + username));
		Account account = this.accounts.findById(user.accountId()).orElseThrow();
		return new BerthUser(user.id(), user.username(), user.password(), account.id(), account.name(),
				account.region(), user.administrator());
	}

}

package dev.berth.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** The user who logs in, with their account and region, in one query (it runs on every request with Basic). */
@Service
class BerthUserDetailsService implements UserDetailsService {

	private final JdbcClient jdbc;

	BerthUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql("""
				select u.id, u.username, u.password, a.id, a.name, a.region, u.administrator
				from app_user u join account a on a.id = u.account_id
				where u.username = :username
				""")
			.param("username", username)
			.query((rs, n) -> new BerthUser(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7)))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No user " + username));
	}

}

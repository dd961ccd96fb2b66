package dev.berth.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The user who logs in, with their account, region and standing (disabled, must change the
 * password), in one query (it runs on every request with Basic). The operator has no account.
 */
@Service
class BerthUserDetailsService implements UserDetailsService {

	private final JdbcClient jdbc;

	BerthUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (username == null || username.indexOf('\0') >= 0) {
			// No user name holds a NUL, and PostgreSQL refuses one in a statement (Basic sends any bytes).
			throw new UsernameNotFoundException("No such user");
		}
		return this.jdbc.sql("""
				select u.id, u.username, u.password, a.id, a.name, a.region, u.administrator, u.operator,
				       u.password_change_required, u.disabled_at, a.disabled_at, a.deleted_at
				from app_user u left join account a on a.id = u.account_id
				where u.username = :username
				""")
			.param("username", username)
			.query((rs, n) -> {
				boolean operator = rs.getBoolean(8);
				boolean accountEnabled = operator
						|| (rs.getObject(4) != null && rs.getObject(11) == null && rs.getObject(12) == null);
				return new BerthUser(rs.getLong(1), rs.getString(2), rs.getString(3),
						operator ? BerthUser.NO_ACCOUNT : rs.getLong(4), rs.getString(5), rs.getString(6),
						!operator && rs.getBoolean(7), operator, rs.getBoolean(9), rs.getObject(10) == null,
						accountEnabled);
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

}

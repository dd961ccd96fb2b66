package dev.berth.accounts;

import java.time.Duration;

import dev.berth.accounts.AccountEvent.LoginFailed;
import dev.berth.accounts.AccountEvent.LoginFailure;
import dev.berth.accounts.AccountEvent.LoginThrottled;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every password login of the console (the form, HTTP Basic on the API and the token endpoint):
 * refused at once while the name or the client address must wait ({@link LoginThrottle}), else the
 * password is checked, and then whether the user and their account are enabled (after the password,
 * so that only who knows it learns that). Failed and throttled logins are published for the audit,
 * without the password.
 */
@Component
class LoginAttempts {

	private final DaoAuthenticationProvider passwords;

	private final LoginThrottle throttle;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	LoginAttempts(UserDetailsService users, PasswordEncoder passwordEncoder, LoginThrottle throttle, JdbcClient jdbc,
			ApplicationEventPublisher events) {
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(passwordEncoder);
		this.passwords.setPreAuthenticationChecks(user -> {
		});
		this.passwords.setPostAuthenticationChecks(user -> {
			if (user instanceof BerthUser berth && !berth.isEnabled()) {
				throw new DisabledLoginException(!berth.userDisabled());
			}
		});
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * The provider the filter chain's authentication manager uses (not a bean of its own, so that
	 * nothing else picks it up).
	 */
	AuthenticationProvider provider() {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				return LoginAttempts.this.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

	Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String address = address(authentication);
		LoginThrottle.Verdict verdict = this.throttle.check(username, address);
		if (verdict.mustWait()) {
			LoginThrottledException refused = new LoginThrottledException(verdict.delay());
			if (verdict.firstRefusal()) {
				Known known = known(username);
				this.events.publishEvent(new LoginThrottled(username, known.accountId(), known.accountName(), address,
						refused.retryAfterSeconds()));
			}
			throw refused;
		}
		try {
			Authentication result = this.passwords.authenticate(authentication);
			this.throttle.succeeded(username);
			return result;
		}
		catch (BadCredentialsException ex) {
			this.throttle.failed(username, address);
			// Tokens on /api and /v2/token are checked as tokens (AccessTokenLogin), never here.
			boolean token = authentication.getCredentials() instanceof String typed && TokenSecret.looksLikeToken(typed);
			failed(username, address, token ? LoginFailure.ACCESS_TOKEN : LoginFailure.BAD_CREDENTIALS);
			throw ex;
		}
		catch (DisabledLoginException ex) {
			failed(username, address, ex.account() ? LoginFailure.ACCOUNT_DISABLED : LoginFailure.USER_DISABLED);
			throw ex;
		}
	}

	/** A wrong current password on the Profile page counts as a failed login of that user. */
	Duration currentPasswordWrong(BerthUser user, String address) {
		Duration wait = this.throttle.failed(user.getUsername(), address);
		this.events.publishEvent(new LoginFailed(user.getUsername(), user.operator() ? null : user.accountId(),
				user.accountName(), address, LoginFailure.WRONG_CURRENT_PASSWORD));
		return wait;
	}

	/** How long this user must wait before their password is checked again (zero: now). */
	Duration waitFor(BerthUser user, String address) {
		return this.throttle.check(user.getUsername(), address).delay();
	}

	private void failed(String typed, String address, LoginFailure reason) {
		// Recorded as typed, but for a NUL (Basic sends any bytes), which PostgreSQL refuses in a
		// statement: shown as the replacement character, it names no user.
		String username = (typed != null) ? typed.replace('\0', '\uFFFD') : null;
		Known known = known(username);
		this.events.publishEvent(new LoginFailed(username, known.accountId(), known.accountName(), address, reason));
	}

	/** The account of the name, when a user of an account has it. */
	private Known known(String username) {
		if (username == null || username.length() > Names.MAX_LENGTH) {
			return new Known(null, null);
		}
		return this.jdbc.sql("select a.id, a.name from app_user u join account a on a.id = u.account_id where u.username = :username")
			.param("username", username)
			.query((rs, n) -> new Known(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(new Known(null, null));
	}

	private static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

	private record Known(Long accountId, String accountName) {
	}

}

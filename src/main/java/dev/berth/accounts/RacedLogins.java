package dev.berth.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A login that raced a change of its user ends as soon as its session is saved. The login reads the
 * user, then takes a hundred milliseconds for the password and saves its session at the end of the
 * request. An administrator who disables the user or the account in between, or resets the
 * password (or the user changes it elsewhere), ends the user's sessions before that one exists, and
 * it stayed open: for pages, for creating a token that outlives the reset. Here, around the session
 * filter, the user is read once more after the session is saved: disabled now, or no longer opened
 * by the password this login was given, the new session ends. (That check costs no BCrypt when the
 * password is unchanged: the login's own check is remembered, RememberingPasswordEncoder. The change
 * ends the user's sessions again after its commit, so a session saved before that is ended there:
 * UserSessions.)
 */
final class RacedLogins extends OncePerRequestFilter {

	/** The login form's password field, read again here (SecurityConfiguration's form login). */
	static final String PASSWORD_PARAMETER = "password";

	/** Set by a successful login: the user and the session it saves. */
	static final String LOGGED_IN = RacedLogins.class.getName() + ".loggedIn";

	private final UserDetailsService users;

	private final PasswordEncoder passwords;

	/** The sessions in the database (none in a test slice, whose sessions are in memory). */
	private final ObjectProvider<UserSessions> sessions;

	RacedLogins(UserDetailsService users, PasswordEncoder passwords, ObjectProvider<UserSessions> sessions) {
		this.users = users;
		this.passwords = passwords;
		this.sessions = sessions;
	}

	/** A user just logged in with this session. */
	record LoggedIn(String username, String sessionId) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !"/login".equals(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		if (request.getAttribute(LOGGED_IN) instanceof LoggedIn login
				&& !mayLogIn(login.username(), request.getParameter(PASSWORD_PARAMETER))) {
			this.sessions.ifAvailable(sessions -> sessions.end(login.sessionId()));
		}
	}

	private boolean mayLogIn(String username, String password) {
		try {
			UserDetails user = this.users.loadUserByUsername(username);
			return user.isEnabled() && password != null && this.passwords.matches(password, user.getPassword());
		}
		catch (UsernameNotFoundException ex) {
			return false;
		}
	}

}

package dev.berth.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A login that raced the disabling of its user or account ends as soon as its session is saved.
 * The login checks the user, then takes a hundred milliseconds for the password and saves its
 * session at the end of the request; an administrator who disables the user in between ends the
 * user's sessions before that one exists, and it stayed open, for pages and for creating tokens.
 * Here, around the session filter, the user is read once more after the session is saved: disabled
 * now, the new session ends. (The disable ends the user's sessions again after its commit, so a
 * session saved before that is ended there: UserSessions.)
 */
final class LoginsOfDisabledUsers extends OncePerRequestFilter {

	/** Set by a successful login: the user and the session it saves. */
	static final String LOGGED_IN = LoginsOfDisabledUsers.class.getName() + ".loggedIn";

	private final UserDetailsService users;

	/** The sessions in the database (none in a test slice, whose sessions are in memory). */
	private final ObjectProvider<UserSessions> sessions;

	LoginsOfDisabledUsers(UserDetailsService users, ObjectProvider<UserSessions> sessions) {
		this.users = users;
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
		if (request.getAttribute(LOGGED_IN) instanceof LoggedIn login && !mayLogIn(login.username())) {
			this.sessions.ifAvailable(sessions -> sessions.end(login.sessionId()));
		}
	}

	private boolean mayLogIn(String username) {
		try {
			return this.users.loadUserByUsername(username).isEnabled();
		}
		catch (UsernameNotFoundException ex) {
			return false;
		}
	}

}

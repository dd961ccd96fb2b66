package dev.berth.accounts;

import java.util.Map;
import java.util.Objects;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Ends a user's console sessions at once: after a password change (all but the one that changed
 * it), a reset, a disable, a delete. With sessions in the database (Spring Session, a {@link
 * FindByIndexNameSessionRepository}) the user's sessions are found by their name and deleted, on
 * every node at once; with the servlet container's sessions (the embedded default) Spring
 * Security's {@link SessionRegistry} knows them, and marks them expired: the session's next
 * request logs it out.
 */
class UserSessions {

	private final FindByIndexNameSessionRepository<?> repository;

	private final SessionRegistry registry;

	UserSessions(FindByIndexNameSessionRepository<?> repository, SessionRegistry registry) {
		this.repository = repository;
		this.registry = registry;
	}

	/** Ends every session of the user except {@code keep} (a session id, or null for none). */
	void end(long userId, String username, String keep) {
		if (this.repository != null) {
			Map<String, ?> sessions = this.repository.findByPrincipalName(username);
			sessions.keySet()
				.stream()
				.filter(id -> !Objects.equals(id, keep))
				.toList()
				.forEach(this.repository::deleteById);
			return;
		}
		if (this.registry != null) {
			// The registry knows a session by its principal, which is equal by user id.
			BerthUser principal = new BerthUser(userId, username, null, BerthUser.NO_ACCOUNT, null, null, false);
			this.registry.getAllSessions(principal, false)
				.stream()
				.filter(session -> !Objects.equals(session.getSessionId(), keep))
				.forEach(SessionInformation::expireNow);
		}
	}

}

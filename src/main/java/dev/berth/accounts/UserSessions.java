package dev.berth.accounts;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * A user's sessions on every console node: they live in the database (Spring Session JDBC,
 * indexed by user name), so ending one here ends it everywhere. A logout ends its own session
 * this way already; a password change (or an administrator disabling the user) ends the others.
 */
@Component
public class UserSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends every session of {@code username} except {@code keepSessionId} (the session making the
	 * change; {@code null} ends them all).
	 * @return how many sessions were ended
	 */
	public int endOthers(String username, String keepSessionId) {
		int ended = 0;
		for (String id : this.sessions.findByPrincipalName(username).keySet()) {
			if (!id.equals(keepSessionId)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}

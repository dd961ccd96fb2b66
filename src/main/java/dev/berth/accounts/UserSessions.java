package dev.berth.accounts;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// Once more when the change is committed: a login that checked the user just before the
			// change saves its session after this sweep (RacedLogins ends those saved later).
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					// On the committed transaction's connection, which the transaction manager hands
					// back in auto-commit, and so commits these deletes: a transaction of their own
					// would need a second connection, and as many disables at once as the pool has
					// connections would each wait for one (UserSessionsTests checks both).
					endNow(username, keepSessionId);
				}
			});
		}
		return endNow(username, keepSessionId);
	}

	/** Ends one session (a login that should not have been). */
	void end(String sessionId) {
		this.sessions.deleteById(sessionId);
	}

	private int endNow(String username, String keepSessionId) {
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

package dev.berth.accounts;

import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's {@link TransactionTemplate}, and the transactions of Spring Session's JDBC
 * repository ({@link SessionStatements}, under the name it asks for), which join the caller's.
 *
 * <p>
 * Spring Session JDBC otherwise runs each of its calls in a transaction of its own
 * ({@code REQUIRES_NEW}): on a second connection while the caller holds the first, as when a
 * password change, a reset or an account's disable ends the user's sessions. When as many such
 * requests arrived at once as the pool has connections, each held one and waited for another
 * until the pool's timeout, and answered 503. Joined, a request needs one connection at a time,
 * and the sessions a change ends come back if the change rolls back. Outside a transaction (the
 * session filter saving a session at the end of a request, the clean-up of expired sessions) each
 * call has a transaction of its own, as before.
 */
@Configuration(proxyBeanMethods = false)
class SessionTransactions {

	@Bean
	TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

	@Bean("springSessionTransactionOperations")
	SessionStatements sessionStatements(TransactionTemplate transactionTemplate) {
		return new SessionStatements(transactionTemplate);
	}

	/**
	 * Spring Session's statements in the application's transactions, except the lookup of a
	 * session by its id ({@link #lookup}) outside of one: that is one {@code select} of the session
	 * and its attributes, which sees one state of both on its own. A transaction around it cost
	 * every signed-in request a {@code commit}, a round trip to PostgreSQL.
	 */
	static final class SessionStatements implements TransactionOperations {

		private final TransactionTemplate transactions;

		private final ThreadLocal<Boolean> lookingUp = new ThreadLocal<>();

		SessionStatements(TransactionTemplate transactions) {
			this.transactions = transactions;
		}

		/** Runs a session lookup (Spring Session's {@code findById}). */
		<T> T lookup(Supplier<T> lookup) {
			this.lookingUp.set(Boolean.TRUE);
			try {
				return lookup.get();
			}
			finally {
				this.lookingUp.remove();
			}
		}

		@Override
		public <T> T execute(TransactionCallback<T> action) throws TransactionException {
			if (this.lookingUp.get() != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
				return action.doInTransaction(new SimpleTransactionStatus(false));
			}
			return this.transactions.execute(action);
		}

	}

}

package dev.berth.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's {@link TransactionTemplate}, given to Spring Session's JDBC repository too
 * (under the name it asks for), so that the session statements join the caller's transaction.
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

	@Bean({ "transactionTemplate", "springSessionTransactionOperations" })
	TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

}

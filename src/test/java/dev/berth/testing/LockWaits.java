package dev.berth.testing;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Waits until another database session waits for a row lock: a test that holds a row in one
 * transaction and starts a change in another knows then that the change has reached the lock
 * (rather than sleeping and hoping it had).
 */
public final class LockWaits {

	private LockWaits() {
	}

	/** Until some session waits for a lock another holds (H2's sessions, PostgreSQL's activity). */
	public static void awaitASessionWaitingForALock(JdbcClient jdbc) {
		String product = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData()
			.getDatabaseProductName()).single();
		String waiting = product.startsWith("PostgreSQL")
				? "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
				: "select count(*) from information_schema.sessions where blocker_id is not null";
		await("a session waiting for a lock").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.sql(waiting).query(Integer.class).single() > 0);
	}

}

package dev.berth.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The installation's one database lock, for what must be created exactly once however many nodes
 * start at the same moment on one database (the shared secrets, the demo): the caller's
 * transaction locks one row of {@code installation}; a second node's transaction waits there
 * until the first commits, and then finds what the first made.
 */
@Component
public class InstallationLock {

	private final JdbcClient jdbc;

	InstallationLock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Holds the lock until the current transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void hold() {
		this.jdbc.sql("select fact from installation where name = 'installation-lock' for update")
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("No installation-lock row: the migrations did not run"));
	}

}

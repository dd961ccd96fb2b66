package dev.berth.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lock every change of an account's users, grants and tokens, and every share given to it,
 * takes first: its row, until the caller's transaction ends. One order for all of them, the account
 * before any user's row: taken in another order, two changes each waited for the other (PostgreSQL
 * ended one of them as a deadlock, answered 503).
 *
 * <p>
 * Taken with an update that changes nothing rather than {@code select … for update}: on PostgreSQL
 * it waits for another change of the account but not for the rows that only refer to it (a new
 * share, token, grant or audit event takes a key-share lock on the account's row for its foreign
 * key, which {@code for update} would block).
 */
@Component
public class AccountLocks {

	private final JdbcClient jdbc;

	AccountLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks the account's row (two administrators disabling each other, a double click). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(long accountId) {
		this.jdbc.sql("update account set region = region where id = :id").param("id", accountId).update();
	}

	/**
	 * Locks the row of an account that is not deleted; false when it is (deleted meanwhile: an
	 * operator's deletion checks, under this lock, that the account receives no shares).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean lockIfNotDeleted(long accountId) {
		return this.jdbc.sql("update account set region = region where id = :id and deleted_at is null")
			.param("id", accountId)
			.update() == 1;
	}

}

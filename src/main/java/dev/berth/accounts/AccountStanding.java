package dev.berth.accounts;

import java.util.List;

import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether an account's state lets a share work: a disabled (or deleted) grantee account pulls
 * nothing through its shares, and an account whose shares the operator suspended with it gives
 * none. Read on every token request that rests on a share, so it takes effect at once.
 */
@Component
public class AccountStanding {

	private final JdbcClient jdbc;

	AccountStanding(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * When pulls through a share are allowed now, given the columns of the owner's and the grantee's
	 * account ids: the grantee account enabled, the owner's shares not suspended, neither account
	 * deleted. A condition for the query that reads the share, so that a token request checks both
	 * in one round trip.
	 */
	public SqlCondition sharePullsAllowed(String ownerAccountColumn, String granteeAccountColumn) {
		return SqlCondition.of("""
				exists (select 1 from account g
				        where g.id = %s and g.disabled_at is null and g.deleted_at is null)"""
			.formatted(granteeAccountColumn)).and(givingShares(ownerAccountColumn));
	}

	/**
	 * {@link #givesShares(String)} as a condition on the column of the owner's account id, for a
	 * query that reads shares.
	 */
	public SqlCondition givingShares(String ownerAccountColumn) {
		return SqlCondition.of("""
				exists (select 1 from account o
				        where o.id = %s and not o.shares_suspended and o.deleted_at is null)"""
			.formatted(ownerAccountColumn));
	}

	/** Whether the account is disabled now: the shares it received pull nothing. */
	public boolean isDisabled(long accountId) {
		return this.jdbc.sql("select count(*) from account where id = :id and disabled_at is not null")
			.param("id", accountId)
			.query(Integer.class)
			.single() == 1;
	}

	/**
	 * Whether the account's shares let other accounts see and pull its images: not when the
	 * operator suspended them (with a disable) or the account is deleted.
	 */
	public boolean givesShares(String accountName) {
		return this.jdbc.sql("select count(*) from account where name = :name and not shares_suspended and deleted_at is null")
			.param("name", accountName)
			.query(Integer.class)
			.single() == 1;
	}

	/**
	 * The accounts whose shares give nothing now (suspended by the operator, or deleted): normally
	 * none, so lists of received shares add no condition at all.
	 */
	public List<String> notGivingShares() {
		// One range of each index (V18): an "or" of the two read every account, and H2 reads no index
		// for "is not null" (every account is created after 1970). A select around the union, which
		// H2 keeps parsed (a union on its own it parses again each time). The epoch is written in the
		// statement, not bound: PostgreSQL plans a bound "deleted_at > ?" for any value, as a third of
		// the accounts, so it planned the statement again on every request (0.1 ms, six times its run).
		return this.jdbc.sql("""
				select name from (select name from account where shares_suspended = true
				union all select name from account where deleted_at > timestamp with time zone '1970-01-01 00:00:00+00') stopped""")
			.query(String.class)
			.list();
	}

}

package dev.berth.administration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import dev.berth.support.PageOf;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operator's read model of the accounts: one page of accounts with their figures, one
 * account's figures, and what keeps an account from being deleted. Reads the tables of the modules
 * below with SQL; the figures of a page are counted for that page's accounts only, each on an index
 * of its table.
 */
@Component
class AccountDirectory {

	/** How many organizations and shares a refused deletion names. */
	static final int BLOCKERS_NAMED = 10;

	private static final String ROW_SELECT = """
			select a.id, a.name, a.region, a.created_at, a.disabled_at, a.shares_suspended,
			       (select count(*) from app_user u where u.account_id = a.id) as users,
			       (select count(*) from organization o where o.account_id = a.id) as organizations,
			       (select count(*) from image i where i.account_id = a.id) as images,
			       (select coalesce(sum(i.share_count), 0) from image i where i.account_id = a.id) as shares_given,
			       (select count(*) from image_share s where s.grantee_account_id = a.id) as shares_received
			from account a
			""";

	private final JdbcClient jdbc;

	AccountDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	PageOf<AccountRow> accounts(AccountFilter filter) {
		SqlCondition where = filter.condition();
		long total = this.jdbc.sql("select count(*) from account a where " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
		List<AccountRow> rows = this.jdbc
			.sql(ROW_SELECT + " where " + where.sql() + " order by " + filter.orderBy() + " limit :limit offset :offset")
			.params(where.params())
			.param("limit", AccountFilter.PAGE_SIZE)
			.param("offset", filter.offset())
			.query(AccountDirectory::row)
			.list();
		PageOf<AccountRow> page = new PageOf<>(rows, filter.page(), AccountFilter.PAGE_SIZE, total);
		return page.isPastEnd() ? accounts(filter.withPage(page.pages())) : page;
	}

	Optional<AccountRow> account(String name) {
		return this.jdbc.sql(ROW_SELECT + " where a.name = :name and a.deleted_at is null")
			.param("name", name)
			.query(AccountDirectory::row)
			.optional();
	}

	/**
	 * Why the account cannot be deleted: the organizations it owns and the shares it receives (the
	 * first {@value #BLOCKERS_NAMED} of each by name, and how many there are); none: it can be.
	 */
	DeletionBlockers deletionBlockers(long accountId) {
		List<String> organizations = this.jdbc
			.sql("select name from organization where account_id = :account order by name limit :limit")
			.param("account", accountId)
			.param("limit", BLOCKERS_NAMED)
			.query(String.class)
			.list();
		long organizationCount = this.jdbc.sql("select count(*) from organization where account_id = :account")
			.param("account", accountId)
			.query(Long.class)
			.single();
		List<String> shares = this.jdbc.sql("""
				select s.owner_account || ': ' || s.image_organization || '/' || s.image_name from image_share s
				where s.grantee_account_id = :account
				order by s.owner_account, s.image_organization, s.image_name limit :limit
				""").param("account", accountId).param("limit", BLOCKERS_NAMED).query(String.class).list();
		long shareCount = this.jdbc.sql("select count(*) from image_share where grantee_account_id = :account")
			.param("account", accountId)
			.query(Long.class)
			.single();
		return new DeletionBlockers(organizationCount, organizations, shareCount, shares);
	}

	/** A list of account names for the Activity filter, or null when there are too many to list. */
	List<String> accountNames(int max) {
		List<String> names = this.jdbc.sql("select name from account where deleted_at is null order by name limit :limit")
			.param("limit", max + 1)
			.query(String.class)
			.list();
		return (names.size() > max) ? null : names;
	}

	private static AccountRow row(ResultSet rs, int n) throws SQLException {
		return new AccountRow(rs.getLong("id"), rs.getString("name"), rs.getString("region"), instant(rs, "created_at"),
				instant(rs, "disabled_at"), rs.getBoolean("shares_suspended"), rs.getLong("users"),
				rs.getLong("organizations"), rs.getLong("images"), rs.getLong("shares_given"),
				rs.getLong("shares_received"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** What keeps an account from being deleted: organizations it owns, shares it receives. */
	record DeletionBlockers(long organizationCount, List<String> organizations, long shareCount, List<String> shares) {

		public boolean none() {
			return this.organizationCount == 0 && this.shareCount == 0;
		}

	}

}

package dev.berth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.berth.accounts.AccountEvent.AccountCreated;
import dev.berth.accounts.AccountEvent.AccountDeleted;
import dev.berth.accounts.AccountEvent.AccountDisabled;
import dev.berth.accounts.AccountEvent.AccountEnabled;
import dev.berth.accounts.AccountEvent.UserCreated;
import dev.berth.support.InstallationLock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts (tenants) of the installation as the platform operator changes them: create one
 * with its first administrator, disable and enable it, delete it when it is empty; and the operator
 * itself. Nothing here looks into an account's organizations, images or shares (higher modules'
 * business): the administration module checks those before it deletes.
 */
@Service
public class AccountAdministration {

	private static final String ACCOUNT_SELECT = """
			select id, name, region, created_at, disabled_at, shares_suspended from account
			""";

	private final JdbcClient jdbc;

	private final UserAdministration users;

	private final AccountLocks accountLocks;

	private final Regions regions;

	private final InstallationLock lock;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AccountAdministration(JdbcClient jdbc, UserAdministration users, AccountLocks accountLocks, Regions regions,
			PasswordEncoder passwordEncoder, ApplicationEventPublisher events, InstallationLock lock, Clock clock) {
		this.jdbc = jdbc;
		this.accountLocks = accountLocks;
		this.lock = lock;
		this.users = users;
		this.regions = regions;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.clock = clock;
	}

	/** The account of that name, unless it was deleted. */
	public Optional<AccountInfo> find(String name) {
		return this.jdbc.sql(ACCOUNT_SELECT + " where name = :name and deleted_at is null")
			.param("name", name)
			.query(AccountAdministration::account)
			.optional();
	}

	/** Whether an account has or had the name (a deleted account's name is not given again). */
	public boolean nameTaken(String name) {
		return this.jdbc.sql("select count(*) from account where name = :name")
			.param("name", name)
			.query(Integer.class)
			.single() > 0;
	}

	/** Whether the name belonged to an account that was deleted. */
	public boolean nameOfDeletedAccount(String name) {
		return this.jdbc.sql("select count(*) from account where name = :name and deleted_at is not null")
			.param("name", name)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Creates an account in a configured region with its first administrator, who must change the
	 * password at the first login: one transaction. The caller has checked the names, the region and
	 * the password; a name taken meanwhile is a {@code DuplicateKeyException}.
	 */
	@Transactional
	public AccountInfo create(BerthUser operator, String name, String region, String administrator,
			String password) {
		if (!this.regions.exists(region)) {
			throw new IllegalArgumentException("No region " + region);
		}
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into account (name, region, created_at) values (:name, :region, :now)")
			.param("name", name)
			.param("region", region)
			.param("now", now())
			.update(key, "id");
		long id = key.getKeyAs(Number.class).longValue();
		this.users.insert(id, administrator, password, true);
		this.events.publishEvent(new AccountCreated(operator.getUsername(), id, name, region, administrator));
		this.events.publishEvent(new UserCreated(operator.getUsername(), id, name, administrator, true));
		return find(name).orElseThrow();
	}

	/**
	 * Disables the account: its users can no longer log in, use the API or get registry tokens (their
	 * sessions end now), shares it received stop allowing pulls; with {@code suspendShares} its own
	 * shares to others stop too. Nothing is deleted.
	 */
	@Transactional
	public boolean disable(BerthUser operator, AccountInfo account, boolean suspendShares) {
		this.accountLocks.lock(account.id());
		boolean disabled = this.jdbc.sql("""
				update account set disabled_at = :now, shares_suspended = :suspend
				where id = :id and disabled_at is null and deleted_at is null""")
			.param("now", now())
			.param("suspend", suspendShares)
			.param("id", account.id())
			.update() == 1;
		if (!disabled) {
			// Disabled (or deleted) by another operator meanwhile: nothing to do, nothing to record twice.
			return false;
		}
		for (AccountUser user : this.users.users(account.id())) {
			this.users.loggedOut(user.id(), user.username(), this.users.storedHash(user.id()), null);
		}
		this.events.publishEvent(new AccountDisabled(operator.getUsername(), account.id(), account.name(),
				suspendShares));
		return true;
	}

	/**
	 * Enables the account again: its users log in, its shares (given and received) work again.
	 * False when it was not disabled (enabled by another operator meanwhile).
	 */
	@Transactional
	public boolean enable(BerthUser operator, AccountInfo account) {
		this.accountLocks.lock(account.id());
		boolean enabled = this.jdbc.sql("""
				update account set disabled_at = null, shares_suspended = false
				where id = :id and disabled_at is not null and deleted_at is null""")
			.param("id", account.id())
			.update() == 1;
		if (enabled) {
			this.events.publishEvent(new AccountEnabled(operator.getUsername(), account.id(), account.name()));
		}
		return enabled;
	}

	/** Locks the account's row for the caller's transaction (a delete checks, then deletes). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(AccountInfo account) {
		this.accountLocks.lock(account.id());
	}

	/**
	 * Deletes the account, in the caller's transaction, after the caller checked that it owns no
	 * organizations and receives no shares: its users are deleted (their sessions end), the account
	 * stays as a record that audit events and pull records refer to, under a name no new account gets.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void delete(BerthUser operator, AccountInfo account) {
		boolean deleted = this.jdbc.sql("update account set deleted_at = :now where id = :id and deleted_at is null")
			.param("now", now())
			.param("id", account.id())
			.update() == 1;
		if (!deleted) {
			// Deleted by another operator meanwhile (the caller waited for its lock): recorded once.
			return;
		}
		for (AccountUser user : this.users.users(account.id())) {
			this.users.deleteUser(operator.getUsername(), account.id(), account.name(), user.id(), user.username());
		}
		this.events.publishEvent(new AccountDeleted(operator.getUsername(), account.id(), account.name()));
	}

	/**
	 * Creates the platform operator when there is none: {@code username} with {@code password},
	 * which must be changed at the first login when {@code mustChange}. Returns whether it did.
	 */
	@Transactional
	public boolean createOperatorIfMissing(String username, String password, boolean mustChange) {
		// Two nodes starting together on one database: the second waits here and finds the operator.
		this.lock.hold();
		boolean exists = this.jdbc.sql("select count(*) from app_user where operator").query(Integer.class).single() > 0;
		if (exists) {
			return false;
		}
		this.jdbc.sql("""
				insert into app_user (username, password, account_id, administrator, operator, password_change_required,
				                      created_at)
				values (:username, :password, null, false, true, :mustChange, :now)
				""")
			.param("username", username)
			.param("password", this.passwordEncoder.encode(password))
			.param("mustChange", mustChange)
			.param("now", now())
			.update();
		return true;
	}

	/** The configured regions an account may be created in. */
	public List<String> regions() {
		return this.regions.names();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static AccountInfo account(ResultSet rs, int n) throws SQLException {
		return new AccountInfo(rs.getLong("id"), rs.getString("name"), rs.getString("region"),
				instant(rs, "created_at"), instant(rs, "disabled_at"), rs.getBoolean("shares_suspended"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}

package dev.berth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.berth.accounts.AccountEvent.PasswordChanged;
import dev.berth.accounts.AccountEvent.PasswordReset;
import dev.berth.accounts.AccountEvent.UserCreated;
import dev.berth.accounts.AccountEvent.UserDeleted;
import dev.berth.accounts.AccountEvent.UserDisabled;
import dev.berth.accounts.AccountEvent.UserEnabled;
import dev.berth.support.NotFoundException;
import dev.berth.support.ProblemException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users of an account, as its administrators manage them, and each user's own password. A
 * password someone else set (a new user, a reset) must be changed at the next login. A changed,
 * reset or disabled password stops working at once: the user's sessions end (but the one that
 * changed it) and the password the console remembered for a minute is forgotten. An account always
 * keeps an enabled administrator. Each change publishes its {@link AccountEvent} for the audit.
 * <p>
 * One class on purpose: every change keeps the same invariants (an enabled administrator, ended
 * sessions, a forgotten password, an audit event).
 */
@Service
public class UserAdministration {

	private static final String USER_SELECT = """
			select id, username, account_id, administrator, disabled_at, password_change_required, created_at,
			       password_changed_at
			from app_user
			""";

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final ApplicationEventPublisher events;

	private final UserSessions sessions;

	private final AccessTokens tokens;

	private final AccountLocks accountLocks;

	private final Clock clock;

	UserAdministration(JdbcClient jdbc, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
			UserSessions sessions, AccessTokens tokens, AccountLocks accountLocks, Clock clock) {
		this.accountLocks = accountLocks;
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.sessions = sessions;
		this.clock = clock;
	}

	/** The users of the account, by name. */
	public List<AccountUser> users(long accountId) {
		return this.jdbc.sql(USER_SELECT + " where account_id = :account order by username")
			.param("account", accountId)
			.query(UserAdministration::user)
			.list();
	}

	/** A user of the account (empty: no such user, or one of another account). */
	public Optional<AccountUser> user(long accountId, long userId) {
		return this.jdbc.sql(USER_SELECT + " where id = :id and account_id = :account")
			.param("id", userId)
			.param("account", accountId)
			.query(UserAdministration::user)
			.optional();
	}

	/** Whether any user has the name (user names are unique across the installation). */
	public boolean usernameTaken(String username) {
		return this.jdbc.sql("select count(*) from app_user where username = :username")
			.param("username", username)
			.query(Integer.class)
			.single() > 0;
	}

	/** Whether the user is the account's only enabled administrator (who may not be disabled or deleted). */
	public boolean isLastAdministrator(AccountUser user) {
		return user.administrator() && !user.disabled() && this.jdbc.sql("""
				select count(*) from app_user
				where account_id = :account and administrator and disabled_at is null and id <> :id
				""").param("account", user.accountId()).param("id", user.id()).query(Integer.class).single() == 0;
	}

	/**
	 * Creates a user of the actor's account with a password they must change at their first login;
	 * the caller has checked the name and the password.
	 */
	@Transactional
	public AccountUser create(BerthUser actor, String username, String password, boolean administrator) {
		// Not in an account an operator deleted meanwhile (its users went with it).
		if (!this.accountLocks.lockIfNotDeleted(actor.accountId())) {
			throw new NotFoundException("problem.404");
		}
		long id = insert(actor.accountId(), username, password, administrator);
		this.events.publishEvent(new UserCreated(actor.getUsername(), actor.accountId(), actor.accountName(), username,
				administrator));
		return user(actor.accountId(), id).orElseThrow();
	}

	/** Inserts a user who must change the password at the first login. */
	@Transactional(propagation = Propagation.MANDATORY)
	long insert(Long accountId, String username, String password, boolean administrator) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into app_user (username, password, account_id, administrator, operator, password_change_required,
				                      created_at)
				values (:username, :password, :account, :administrator, false, true, :now)
				""")
			.param("username", username)
			.param("password", this.passwordEncoder.encode(password))
			.param("account", accountId)
			.param("administrator", administrator)
			.param("now", now())
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	/**
	 * Sets a new password the user must change at the next login; their sessions end, and with
	 * {@code revokeTokens} their access tokens that still work are revoked (a token made with a leaked
	 * password outlives the reset otherwise). The number of tokens revoked; empty, and nothing
	 * changed, when the user was deleted meanwhile, or, for {@code administratorOnly} (the operator's
	 * reset), is no administrator any more: checked under the account's lock.
	 */
	@Transactional
	public OptionalInt resetPassword(BerthUser actor, AccountUser asked, String password, boolean administratorOnly,
			boolean revokeTokens) {
		String hash = this.passwordEncoder.encode(password);
		this.accountLocks.lock(asked.accountId());
		AccountUser user = user(asked.accountId(), asked.id())
			.filter(current -> current.administrator() || !administratorOnly)
			.orElse(null);
		if (user == null) {
			return OptionalInt.empty();
		}
		String old = storedHash(user.id());
		this.jdbc.sql("""
				update app_user set password = :password, password_change_required = true, password_changed_at = :now
				where id = :id
				""").param("password", hash).param("now", now()).param("id", user.id())
			.update();
		loggedOut(user.id(), user.username(), old, null);
		this.events.publishEvent(new PasswordReset(actor.getUsername(), user.accountId(), actor.accountName(),
				user.username()));
		return OptionalInt.of(revokeTokens ? this.tokens.revokeWorking(actor, user.id()) : 0);
	}

	/** How many of the user's access tokens still work (a reset offers to revoke them). */
	public int workingTokens(AccountUser user) {
		return this.tokens.activeNames(user.id()).size();
	}

	/** Disables the user: no login, API or registry token from now on; their sessions end. */
	@Transactional
	public boolean disable(BerthUser actor, AccountUser asked) {
		this.accountLocks.lock(asked.accountId());
		// As it is now that the account's users cannot change: disabled or deleted meanwhile, or not.
		AccountUser user = user(asked.accountId(), asked.id()).orElse(null);
		if (user == null) {
			return false;
		}
		if (isLastAdministrator(user)) {
			throw lastAdministrator(user);
		}
		boolean disabled = this.jdbc.sql("update app_user set disabled_at = :now where id = :id and disabled_at is null")
			.param("now", now())
			.param("id", user.id())
			.update() > 0;
		loggedOut(user.id(), user.username(), storedHash(user.id()), null);
		if (disabled) {
			this.events.publishEvent(new UserDisabled(actor.getUsername(), user.accountId(), actor.accountName(),
					user.username()));
		}
		return disabled;
	}

	/** Enables a disabled user; false (and no Activity event) when the user was not disabled. */
	@Transactional
	public boolean enable(BerthUser actor, AccountUser user) {
		this.accountLocks.lock(user.accountId());
		boolean enabled = this.jdbc.sql("update app_user set disabled_at = null where id = :id and disabled_at is not null")
			.param("id", user.id())
			.update() > 0;
		if (enabled) {
			this.events.publishEvent(new UserEnabled(actor.getUsername(), user.accountId(), actor.accountName(),
					user.username()));
		}
		return enabled;
	}

	/**
	 * Deletes the user: their grants go with them (the organizations module hears of it in this
	 * transaction), records that name them keep the name; their sessions end.
	 */
	@Transactional
	public void delete(BerthUser actor, AccountUser asked) {
		this.accountLocks.lock(asked.accountId());
		AccountUser user = user(asked.accountId(), asked.id()).orElse(null);
		if (user == null) {
			// Deleted by another administrator meanwhile.
			return;
		}
		if (isLastAdministrator(user)) {
			throw lastAdministrator(user);
		}
		deleteUser(actor.getUsername(), user.accountId(), actor.accountName(), user.id(), user.username());
	}

	/** Deletes a user, whatever the rules (their account goes too, or they were checked). */
	@Transactional(propagation = Propagation.MANDATORY)
	void deleteUser(String actor, long accountId, String accountName, long userId, String username) {
		String old = storedHash(userId);
		this.events.publishEvent(new UserDeleted(actor, accountId, accountName, userId, username));
		this.jdbc.sql("delete from app_user where id = :id").param("id", userId).update();
		loggedOut(userId, username, old, null);
	}

	/** Whether the password is the user's current one (checked like a login, without throttling). */
	public boolean currentPasswordMatches(BerthUser user, String password) {
		String hash = storedHash(user.id());
		return hash != null && password != null && this.passwordEncoder.matches(password, hash);
	}

	/**
	 * The user's own new password, when {@code current} is still the user's password when it is
	 * saved (an administrator may have set another since the caller checked it: then nothing changes
	 * and the answer is false). The passwords are hashed before the account's lock is taken, and the
	 * save is conditional on the hash that was checked. Every other session of the user's ends,
	 * {@code keepSession} (the one that changed it) stays.
	 */
	@Transactional
	public boolean changeOwnPassword(BerthUser user, String current, String password, String keepSession) {
		String old = storedHash(user.id());
		if (old == null || current == null || !this.passwordEncoder.matches(current, old)) {
			return false;
		}
		String hash = this.passwordEncoder.encode(password);
		if (!user.operator()) {
			this.accountLocks.lock(user.accountId());
		}
		boolean changed = this.jdbc.sql("""
				update app_user set password = :password, password_change_required = false, password_changed_at = :now
				where id = :id and password = :old
				""").param("password", hash).param("now", now()).param("id", user.id()).param("old", old).update() == 1;
		if (!changed) {
			return false;
		}
		loggedOut(user.id(), user.getUsername(), old, keepSession);
		this.events.publishEvent(new PasswordChanged(user.getUsername(), user.operator() ? null : user.accountId(),
				user.accountName()));
		return true;
	}

	/** Ends the user's sessions but {@code keep}, and forgets the password remembered for the old hash. */
	void loggedOut(long userId, String username, String oldHash, String keep) {
		if (this.passwordEncoder instanceof RememberingPasswordEncoder remembering) {
			remembering.forget(oldHash);
		}
		this.sessions.endOthers(username, keep);
	}


	String storedHash(long userId) {
		return this.jdbc.sql("select password from app_user where id = :id")
			.param("id", userId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static ProblemException lastAdministrator(AccountUser user) {
		return new ProblemException(HttpStatus.CONFLICT, "last_administrator", "user.lastAdministrator",
				user.username());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static AccountUser user(ResultSet rs, int n) throws SQLException {
		return new AccountUser(rs.getLong("id"), rs.getString("username"), rs.getLong("account_id"),
				rs.getBoolean("administrator"), rs.getObject("disabled_at") != null,
				rs.getBoolean("password_change_required"), instant(rs, "created_at"), instant(rs, "password_changed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}

package dev.berth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.berth.accounts.AccountEvent.TokenCreated;
import dev.berth.accounts.AccountEvent.TokenExpiredUsed;
import dev.berth.accounts.AccountEvent.TokenPolicyChanged;
import dev.berth.accounts.AccountEvent.TokenRevoked;
import dev.berth.accounts.AccountEvent.TokenUsedFromNewAddress;
import dev.berth.accounts.TokenRules.TokenForm;
import dev.berth.support.UtcDay;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users' access tokens: created (the secret shown once, only its SHA-256 kept), listed, revoked,
 * and verified on every request that presents one. Verifying takes one indexed query for the token
 * and one for its user (no BCrypt): a malformed secret is refused before any query; an unknown,
 * revoked or expired token, a token used with another user's name, a disabled user or account all
 * get the same refusal. "Last used" is written only when it is a minute old or the client address
 * changed; the first use from an address and the first use after the expiry are audit events.
 * <p>
 * One class on purpose: creating, checking and revoking a token share the secret's format, its hash
 * and the scope rules; apart, they would drift.
 */
@Service
public class AccessTokens {

	/** How old "last used" may get before a use writes it again. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private static final String SELECT = """
			select t.id, t.user_id, u.username, t.account_id, t.name, t.push, t.all_organizations, t.shared_images,
			       t.created_at, t.expires_on, t.revoked_at, t.revoked_by, t.last_used_at, t.last_used_address
			from access_token t join app_user u on u.id = t.user_id
			""";

	private final JdbcClient jdbc;

	private final UserDetailsService users;

	private final AccountOrganizations organizations;

	private final ApplicationEventPublisher events;

	private final MessageSourceAccessor messages;

	private final Clock clock;

	private final AccountLocks accountLocks;

	AccessTokens(JdbcClient jdbc, UserDetailsService users, AccountOrganizations organizations,
			AccountLocks accountLocks, ApplicationEventPublisher events, MessageSourceAccessor messages, Clock clock) {
		this.jdbc = jdbc;
		this.accountLocks = accountLocks;
		this.users = users;
		this.organizations = organizations;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
	}

	/** What a new token is, checked ({@link TokenRules}). */
	public record NewToken(String name, boolean push, boolean allOrganizations, Set<Long> organizationIds,
			boolean sharedImages, LocalDate expiresOn) {

		public NewToken {
			organizationIds = Set.copyOf(organizationIds);
		}

	}

	/** A token just created, with its secret (shown once, never again). */
	public record Created(AccessToken token, String secret) {
	}

	/** A token asked for: the broken rules, or the token created. */
	record Attempt(List<TokenRules.Problem> problems, Created created) {
	}

	/**
	 * Checks the form and creates its token, with the owner's account row locked: two forms sent at
	 * once cannot both take one name, nor one pass an expiry the administrator has just forbidden.
	 */
	@Transactional
	Attempt create(BerthUser owner, TokenForm form, Map<Long, String> organizations) {
		this.accountLocks.lock(owner.accountId());
		TokenRules.Checked checked = check(owner, form, organizations);
		return new Attempt(checked.problems(), checked.ok() ? create(owner, checked.token()) : null);
	}

	/** The rules the form breaks, for their messages only: nothing is created. */
	Attempt problems(BerthUser owner, TokenForm form, Map<Long, String> organizations) {
		return new Attempt(check(owner, form, organizations).problems(), null);
	}

	private TokenRules.Checked check(BerthUser owner, TokenForm form, Map<Long, String> organizations) {
		return TokenRules.check(form, today(), withoutExpiryAllowed(owner.accountId()), organizations,
				activeNames(owner.id()));
	}

	@Transactional
	public Created create(BerthUser owner, NewToken token) {
		String secret = TokenSecret.generate();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into access_token (user_id, account_id, name, secret_hash, push, all_organizations, shared_images,
				                          created_at, expires_on)
				values (:user, :account, :name, :hash, :push, :all, :shared, :now, :expires)
				""")
			.param("user", owner.id())
			.param("account", owner.accountId())
			.param("name", token.name())
			.param("hash", TokenSecret.hashOf(secret).orElseThrow())
			.param("push", token.push())
			.param("all", token.allOrganizations())
			.param("shared", token.sharedImages())
			.param("now", now())
			.param("expires", token.expiresOn())
			.update(key, "id");
		long id = key.getKeyAs(Number.class).longValue();
		if (!token.allOrganizations()) {
			for (Long organization : token.organizationIds()) {
				this.jdbc.sql("insert into access_token_organization (token_id, organization_id) values (:token, :organization)")
					.param("token", id)
					.param("organization", organization)
					.update();
			}
		}
		AccessToken created = find(id).orElseThrow();
		this.events.publishEvent(new TokenCreated(owner.getUsername(), owner.accountId(), owner.accountName(),
				created.name(), scopeInWords(created), expiresInWords(created.expiresOn())));
		return new Created(created, secret);
	}

	/** The user's tokens, newest first (revoked and expired ones too, as a record). */
	public List<AccessToken> ofUser(long userId) {
		return withOrganizations(this.jdbc.sql(SELECT + " where t.user_id = :user order by t.created_at desc, t.id desc")
			.param("user", userId)
			.query(AccessTokens::token)
			.list());
	}

	/** Every token of the account's users, by user name, newest first. */
	public List<AccessToken> ofAccount(long accountId) {
		return withOrganizations(this.jdbc
			.sql(SELECT + " where t.account_id = :account order by u.username, t.created_at desc, t.id desc")
			.param("account", accountId)
			.query(AccessTokens::token)
			.list());
	}

	public Optional<AccessToken> find(long id) {
		return withOrganizations(this.jdbc.sql(SELECT + " where t.id = :id").param("id", id).query(AccessTokens::token).list())
			.stream()
			.findFirst();
	}

	/** The names of the user's tokens that still work (a new one may not take one of them). */
	public Set<String> activeNames(long userId) {
		LocalDate today = today();
		Set<String> names = new HashSet<>();
		ofUser(userId).stream().filter(t -> t.activeOn(today)).forEach(t -> names.add(t.name()));
		return names;
	}

	/** Revokes the token at once (the next request with it is refused); false when it already was. */
	@Transactional
	public boolean revoke(BerthUser actor, AccessToken token) {
		int changed = this.jdbc.sql("""
				update access_token set revoked_at = :now, revoked_by = :actor where id = :id and revoked_at is null
				""").param("now", now()).param("actor", actor.getUsername()).param("id", token.id()).update();
		if (changed == 1) {
			this.events.publishEvent(new TokenRevoked(actor.getUsername(), token.accountId(), actor.accountName(),
					token.username(), token.name()));
		}
		return changed == 1;
	}

	/**
	 * Revokes every token of the user that still works (a password reset after the password may have
	 * leaked: a token made with it would outlive the reset); the number revoked.
	 */
	@Transactional
	public int revokeWorking(BerthUser actor, long userId) {
		LocalDate today = today();
		int revoked = 0;
		for (AccessToken token : ofUser(userId)) {
			if (token.activeOn(today) && revoke(actor, token)) {
				revoked++;
			}
		}
		return revoked;
	}

	/** Whether the account's administrators allow tokens without an expiry. */
	public boolean withoutExpiryAllowed(long accountId) {
		return this.jdbc.sql("select tokens_without_expiry from account where id = :id")
			.param("id", accountId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Allows or stops tokens without an expiry. Stopped, the working tokens without one, or with one
	 * past what a token may have without the policy, are given the default expiry from today (they
	 * keep working until then, so no pipeline breaks unwarned), and the change is audited with their
	 * number. Setting it as it is changes nothing.
	 *
	 * @return the tokens given an expiry, with that expiry
	 */
	@Transactional
	public PolicyChange allowWithoutExpiry(BerthUser administrator, boolean allowed) {
		LocalDate expiresOn = today().plusDays(TokenRules.DEFAULT_DAYS);
		int changed = this.jdbc.sql("update account set tokens_without_expiry = :allowed where id = :id and tokens_without_expiry <> :allowed")
			.param("allowed", allowed)
			.param("id", administrator.accountId())
			.update();
		if (changed == 0) {
			return new PolicyChange(false, 0, expiresOn);
		}
		// Also those dated past what a token may have without the policy (up to 9999-12-31 with it).
		int given = allowed ? 0 : this.jdbc.sql("""
				update access_token set expires_on = :expires
				where account_id = :account and revoked_at is null and (expires_on is null or expires_on > :latest)
				""")
			.param("expires", expiresOn)
			.param("latest", today().plusDays(TokenRules.MAX_DAYS))
			.param("account", administrator.accountId())
			.update();
		this.events.publishEvent(new TokenPolicyChanged(administrator.getUsername(), administrator.accountId(),
				administrator.accountName(), allowed, given, expiresOn));
		return new PolicyChange(true, given, expiresOn);
	}

	/** What a change of the policy did: whether it changed, and how many tokens it gave an expiry, and which. */
	public record PolicyChange(boolean changed, int tokensGivenAnExpiry, LocalDate expiresOn) {
	}

	public LocalDate today() {
		return UtcDay.today(this.clock);
	}

	/**
	 * The user the secret authenticates, limited to the token's scope; {@link BadCredentialsException}
	 * (always the same) for anything else.
	 */
	BerthUser verify(String username, String secret, String address) {
		String hash = TokenSecret.hashOf(secret).orElseThrow(AccessTokens::refused);
		Stored stored = this.jdbc.sql("""
				select t.id, t.secret_hash, u.username, t.account_id, t.name, t.push, t.all_organizations,
				       t.shared_images, t.expires_on, t.revoked_at, t.last_used_at, t.last_used_address, t.expired_use_seen
				from access_token t join app_user u on u.id = t.user_id
				where t.secret_hash = :hash
				""").param("hash", hash).query(AccessTokens::stored).optional().orElseThrow(AccessTokens::refused);
		if (!TokenSecret.sameHash(stored.hash(), hash) || !stored.username().equals(username)
				|| stored.revokedAt() != null) {
			throw refused();
		}
		if (stored.expiresOn() != null && today().isAfter(stored.expiresOn())) {
			expiredUse(stored, address);
			throw refused();
		}
		BerthUser user;
		try {
			user = (BerthUser) this.users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			throw refused();
		}
		if (!user.isEnabled() || user.operator()) {
			throw refused();
		}
		Set<Long> organizationIds = stored.allOrganizations() ? Set.of()
				: new HashSet<>(this.jdbc.sql("select organization_id from access_token_organization where token_id = :id")
					.param("id", stored.id())
					.query(Long.class)
					.list());
		used(stored, user, address);
		return user.withToken(new AccessTokenScope(stored.id(), stored.name(), stored.push(), stored.allOrganizations(),
				organizationIds, stored.sharedImages()));
	}

	/** "Last used" when a minute old or from another address; a new address is an audit event. */
	private void used(Stored stored, BerthUser user, String address) {
		Instant now = this.clock.instant();
		String from = (address != null) ? address : "";
		boolean stale = stored.lastUsedAt() == null || !now.isBefore(stored.lastUsedAt().plus(LAST_USED_PRECISION));
		if (!stale && Objects.equals(stored.lastUsedAddress(), from)) {
			return;
		}
		this.jdbc.sql("update access_token set last_used_at = :now, last_used_address = :address where id = :id")
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.param("address", from)
			.param("id", stored.id())
			.update();
		try {
			int added = this.jdbc.sql("""
					insert into access_token_address (token_id, address, first_used_at)
					select id, :address, :now from access_token
					where id = :id and not exists (select 1 from access_token_address where token_id = :id and address = :address)
					""")
				.param("address", from)
				.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.param("id", stored.id())
				.update();
			if (added == 1) {
				this.events.publishEvent(new TokenUsedFromNewAddress(user.getUsername(), user.accountId(),
						user.accountName(), stored.name(), from));
			}
		}
		catch (DuplicateKeyException ex) {
			// Another request (or node) recorded this address at the same moment.
		}
	}

	/** The first use of an expired token is an audit event; later ones are not (CI retries). */
	private void expiredUse(Stored stored, String address) {
		int first = this.jdbc.sql("update access_token set expired_use_seen = true where id = :id and not expired_use_seen")
			.param("id", stored.id())
			.update();
		if (first == 1) {
			String accountName = this.jdbc.sql("select name from account where id = :id")
				.param("id", stored.accountId())
				.query(String.class)
				.optional()
				.orElse(null);
			this.events.publishEvent(new TokenExpiredUsed(stored.username(), stored.accountId(), accountName,
					stored.name(), (address != null) ? address : ""));
		}
	}

	/** The token's scope in words, e.g. "Pull · acme-apps, acme-tools and images shared with the account". */
	public String scopeInWords(AccessToken token) {
		String action = this.messages.getMessage(token.push() ? "token.scope.push" : "token.scope.pull");
		String reach;
		if (token.allOrganizations()) {
			reach = this.messages.getMessage(token.sharedImages() ? "token.reach.all" : "token.reach.allOwn");
		}
		else if (token.organizations().isEmpty()) {
			reach = this.messages.getMessage("token.reach.shared");
		}
		else {
			String names = String.join(", ", token.organizations());
			reach = this.messages.getMessage(token.sharedImages() ? "token.reach.someAndShared" : "token.reach.some",
					new Object[] { names });
		}
		return action + " · " + reach;
	}

	private String expiresInWords(LocalDate expiresOn) {
		return (expiresOn != null) ? this.messages.getMessage("token.expires.on", new Object[] { expiresOn.toString() })
				: this.messages.getMessage("token.expires.never");
	}

	private List<AccessToken> withOrganizations(List<AccessToken> tokens) {
		if (tokens.stream().allMatch(AccessToken::allOrganizations)) {
			return tokens;
		}
		Map<Long, List<String>> names = new LinkedHashMap<>();
		Map<Long, Map<Long, String>> byAccount = new LinkedHashMap<>();
		List<AccessToken> result = new ArrayList<>(tokens.size());
		for (AccessToken token : tokens) {
			if (token.allOrganizations()) {
				result.add(token);
				continue;
			}
			Map<Long, String> accountOrganizations = byAccount.computeIfAbsent(token.accountId(),
					this.organizations::of);
			List<Long> ids = this.jdbc.sql("select organization_id from access_token_organization where token_id = :id")
				.param("id", token.id())
				.query(Long.class)
				.list();
			List<String> tokenNames = names.computeIfAbsent(token.id(), id -> new ArrayList<>());
			accountOrganizations.forEach((id, name) -> {
				if (ids.contains(id)) {
					tokenNames.add(name);
				}
			});
			result.add(new AccessToken(token.id(), token.userId(), token.username(), token.accountId(), token.name(),
					token.push(), false, tokenNames, token.sharedImages(), token.createdAt(), token.expiresOn(),
					token.revokedAt(), token.revokedBy(), token.lastUsedAt(), token.lastUsedAddress()));
		}
		return result;
	}

	private static BadCredentialsException refused() {
		return new BadCredentialsException("Bad credentials");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private static AccessToken token(ResultSet rs, int n) throws SQLException {
		return new AccessToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("username"),
				rs.getLong("account_id"), rs.getString("name"), rs.getBoolean("push"), rs.getBoolean("all_organizations"),
				List.of(), rs.getBoolean("shared_images"), instant(rs, "created_at"),
				rs.getObject("expires_on", LocalDate.class), instant(rs, "revoked_at"), rs.getString("revoked_by"),
				instant(rs, "last_used_at"), rs.getString("last_used_address"));
	}

	private static Stored stored(ResultSet rs, int n) throws SQLException {
		return new Stored(rs.getLong("id"), rs.getString("secret_hash"), rs.getString("username"),
				rs.getLong("account_id"), rs.getString("name"), rs.getBoolean("push"), rs.getBoolean("all_organizations"),
				rs.getBoolean("shared_images"), rs.getObject("expires_on", LocalDate.class), instant(rs, "revoked_at"),
				instant(rs, "last_used_at"), rs.getString("last_used_address"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** What verifying a token reads of it. */
	private record Stored(long id, String hash, String username, long accountId, String name, boolean push,
			boolean allOrganizations, boolean sharedImages, LocalDate expiresOn, Instant revokedAt, Instant lastUsedAt,
			String lastUsedAddress) {
	}

}

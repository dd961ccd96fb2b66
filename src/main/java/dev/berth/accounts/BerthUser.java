package dev.berth.accounts;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as the console sees it: who, which account, which region. The platform
 * operator belongs to no account ({@link #accountId()} 0, no account name or region) and holds no
 * permission on any account's images by that role alone.
 */
public final class BerthUser implements UserDetails, CredentialsContainer, Serializable {

	private static final long serialVersionUID = 2L;

	/** The account id of a user of no account (the operator); no account has it. */
	public static final long NO_ACCOUNT = 0;

	private final long id;

	private final String username;

	private String password;

	private final long accountId;

	private final String accountName;

	private final String region;

	private final boolean administrator;

	private final boolean operator;

	private final boolean passwordChangeRequired;

	private final boolean userEnabled;

	private final boolean accountEnabled;

	/** The access token this request authenticated with (null: a password or a session). */
	private final AccessTokenScope token;

	/** The user this request is authenticated as, if any (a visitor who has not logged in is none). */
	static Optional<BerthUser> current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof BerthUser user) ? Optional.of(user)
				: Optional.empty();
	}

	public BerthUser(long id, String username, String password, long accountId, String accountName, String region,
			boolean administrator) {
		this(id, username, password, accountId, accountName, region, administrator, false, false, true, true);
	}

	BerthUser(long id, String username, String password, long accountId, String accountName, String region,
			boolean administrator, boolean operator, boolean passwordChangeRequired, boolean userEnabled,
			boolean accountEnabled) {
		this(id, username, password, accountId, accountName, region, administrator, operator, passwordChangeRequired,
				userEnabled, accountEnabled, null);
	}

	private BerthUser(long id, String username, String password, long accountId, String accountName, String region,
			boolean administrator, boolean operator, boolean passwordChangeRequired, boolean userEnabled,
			boolean accountEnabled, AccessTokenScope token) {
		this.token = token;
		this.id = id;
		this.username = username;
		this.password = password;
		this.accountId = accountId;
		this.accountName = accountName;
		this.region = region;
		this.administrator = administrator;
		this.operator = operator;
		this.passwordChangeRequired = passwordChangeRequired;
		this.userEnabled = userEnabled;
		this.accountEnabled = accountEnabled;
	}

	public long id() {
		return this.id;
	}

	public long accountId() {
		return this.accountId;
	}

	public String accountName() {
		return this.accountName;
	}

	public String region() {
		return this.region;
	}

	/** An administrator of their account: Manage on everything of it, and its users. */
	public boolean administrator() {
		return this.administrator;
	}

	/** The platform operator: the accounts of the installation, never their images. */
	public boolean operator() {
		return this.operator;
	}

	/** The password was set by someone else (first start, a new user, a reset): it must be changed first. */
	public boolean passwordChangeRequired() {
		return this.passwordChangeRequired;
	}

	public boolean userDisabled() {
		return !this.userEnabled;
	}

	public boolean accountDisabled() {
		return !this.accountEnabled;
	}

	/**
	 * The access token the request authenticated with, if it did: what it reaches limits what the
	 * user may do in this request.
	 */
	public java.util.Optional<AccessTokenScope> token() {
		return java.util.Optional.ofNullable(this.token);
	}

	/** Whether this request reaches images shared with the account: always, unless its access token leaves them out. */
	public boolean reachesSharedImages() {
		return this.token == null || this.token.sharedImages();
	}

	/** The same user, authenticated with an access token of this scope. */
	public BerthUser withToken(AccessTokenScope scope) {
		return new BerthUser(this.id, this.username, null, this.accountId, this.accountName, this.region,
				this.administrator, this.operator, this.passwordChangeRequired, this.userEnabled, this.accountEnabled,
				scope);
	}

	/** The same user after they chose a new password. */
	BerthUser withPasswordChanged() {
		return new BerthUser(this.id, this.username, null, this.accountId, this.accountName, this.region,
				this.administrator, this.operator, false, this.userEnabled, this.accountEnabled);
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public String getPassword() {
		return this.password;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		if (this.operator) {
			return List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"));
		}
		return this.administrator ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
	}

	@Override
	public boolean isEnabled() {
		return this.userEnabled && this.accountEnabled;
	}

	@Override
	public void eraseCredentials() {
		this.password = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BerthUser that && that.id == this.id;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.id);
	}

	@Override
	public String toString() {
		return this.operator ? this.username : this.username + "@" + this.accountName;
	}

}

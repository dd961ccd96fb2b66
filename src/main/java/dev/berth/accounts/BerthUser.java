package dev.berth.accounts;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The logged-in user as the console sees it: who, which account, which region.
 */
public final class BerthUser implements UserDetails, CredentialsContainer, Serializable {

	private final long id;

	private final String username;

	private String password;

	private final long accountId;

	private final String accountName;

	private final String region;

	private final boolean administrator;

	public BerthUser(long id, String username, String password, long accountId, String accountName, String region,
			boolean administrator) {
		this.id = id;
		this.username = username;
		this.password = password;
		this.accountId = accountId;
		this.accountName = accountName;
		this.region = region;
		this.administrator = administrator;
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

	public boolean administrator() {
		return this.administrator;
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
		return this.administrator ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
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
		return this.username + "@" + this.accountName;
	}

}

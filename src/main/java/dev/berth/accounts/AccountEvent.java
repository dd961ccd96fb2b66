package dev.berth.accounts;

import java.time.LocalDate;

/**
 * What happened to accounts, users and logins, published by this module inside the change's
 * transaction (a refused or failed login outside of any): the audit records each one, the
 * organizations module removes a deleted user's grants. {@code actor} is who did it (for a login,
 * the name that was typed); {@code accountId} and {@code accountName} the account it concerns (null
 * for the operator's own and for unknown names).
 */
public sealed interface AccountEvent {

	String actor();

	Long accountId();

	String accountName();

	/** The operator created an account and its first administrator. */
	record AccountCreated(String actor, Long accountId, String accountName, String region, String administrator)
			implements AccountEvent {
	}

	/** The operator disabled an account; {@code sharesSuspended}: its shares to others stopped too. */
	record AccountDisabled(String actor, Long accountId, String accountName, boolean sharesSuspended)
			implements AccountEvent {
	}

	record AccountEnabled(String actor, Long accountId, String accountName) implements AccountEvent {
	}

	/** The operator deleted an (empty) account; its users went with it. */
	record AccountDeleted(String actor, Long accountId, String accountName) implements AccountEvent {
	}

	record UserCreated(String actor, Long accountId, String accountName, String username, boolean administrator)
			implements AccountEvent {
	}

	/** An administrator set a new password for a user, to be changed at the next login. */
	record PasswordReset(String actor, Long accountId, String accountName, String username) implements AccountEvent {
	}

	record UserDisabled(String actor, Long accountId, String accountName, String username) implements AccountEvent {
	}

	record UserEnabled(String actor, Long accountId, String accountName, String username) implements AccountEvent {
	}

	/**
	 * A user was deleted (published before the user's row goes): whatever refers to the user by id
	 * goes with it; records that name them keep the name.
	 */
	record UserDeleted(String actor, Long accountId, String accountName, long userId, String username)
			implements AccountEvent {
	}

	/** A user changed their own password. */
	record PasswordChanged(String actor, Long accountId, String accountName) implements AccountEvent {
	}

	/** A login (form or HTTP Basic) that did not succeed, from {@code address}; never the password. */
	record LoginFailed(String actor, Long accountId, String accountName, String address, LoginFailure reason)
			implements AccountEvent {
	}

	/** A login refused without a check: too many failures of this name or address; the first of each delay. */
	record LoginThrottled(String actor, Long accountId, String accountName, String address, long retryAfterSeconds)
			implements AccountEvent {
	}

	/**
	 * A user who is no administrator of the account asked for its user management: what they tried,
	 * and the user it concerned ({@code target}: a name, or null when the attempt names nobody).
	 */
	record UserManagementRefused(String actor, Long accountId, String accountName, ManagementAttempt attempt,
			String target) implements AccountEvent {
	}

	/** A user created an access token ({@code scope} and {@code expires} in words). */
	record TokenCreated(String actor, Long accountId, String accountName, String tokenName, String scope,
			String expires) implements AccountEvent {
	}

	/** An access token was revoked, by its owner or an administrator of the account. */
	record TokenRevoked(String actor, Long accountId, String accountName, String owner, String tokenName)
			implements AccountEvent {
	}

	/**
	 * An administrator allowed or stopped tokens without an expiry; stopping them gave each working
	 * token without one ({@code tokensGivenAnExpiry}) the expiry {@code expiresOn}.
	 */
	record TokenPolicyChanged(String actor, Long accountId, String accountName, boolean withoutExpiryAllowed,
			int tokensGivenAnExpiry, LocalDate expiresOn) implements AccountEvent {
	}

	/** An expired access token was presented (recorded once per token); {@code actor} is its owner. */
	record TokenExpiredUsed(String actor, Long accountId, String accountName, String tokenName, String address)
			implements AccountEvent {
	}

	/** An access token was used from a client address it had not been used from; {@code actor} is its owner. */
	record TokenUsedFromNewAddress(String actor, Long accountId, String accountName, String tokenName,
			String address) implements AccountEvent {
	}

	/** What a user who is no administrator tried of the account's user management. */
	enum ManagementAttempt {

		OPEN_USERS, CREATE_USER, RESET_PASSWORD, DISABLE_USER, ENABLE_USER, DELETE_USER, OPEN_ACCOUNT_TOKENS,
		REVOKE_TOKEN, CHANGE_TOKEN_POLICY;

		/** Whether it was about the users' access tokens (else about the users). */
		boolean aboutTokens() {
			return this == OPEN_ACCOUNT_TOKENS || this == REVOKE_TOKEN || this == CHANGE_TOKEN_POLICY;
		}

	}

	/** Why a login failed. */
	enum LoginFailure {

		/** A wrong password, or a name no user has (the two look the same to the one who tries). */
		BAD_CREDENTIALS,

		/** The right password of a disabled user. */
		USER_DISABLED,

		/** The right password of a user of a disabled account. */
		ACCOUNT_DISABLED,

		/** A wrong current password when changing one's own password. */
		WRONG_CURRENT_PASSWORD,

		/**
		 * An access token typed into the login form, which takes passwords only: a mistake rather
		 * than a guess, and a token that went through a browser.
		 */
		ACCESS_TOKEN

	}

}

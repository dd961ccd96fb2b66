package dev.berth.accounts;

import org.springframework.security.authentication.DisabledException;

/**
 * Right credentials of a disabled user, or of a user of a disabled account. Checked after the
 * password, so that only who knows it learns that the user is disabled.
 */
class DisabledLoginException extends DisabledException {

	private final boolean account;

	DisabledLoginException(boolean account) {
		super(account ? "Account disabled" : "User disabled");
		this.account = account;
	}

	/** The account is disabled (else the user). */
	boolean account() {
		return this.account;
	}

}

package dev.berth.accounts;

/**
 * A new password for a user (twice), to be changed at their next login, as an administrator or the
 * operator sends it; and whether the user's access tokens that still work are revoked with it.
 */
public record ResetForm(String password, String confirm, Boolean revokeTokens) {

	/** The empty form: revoking the tokens is proposed. */
	public static ResetForm empty() {
		return new ResetForm("", "", true);
	}

	/**
	 * Whether to revoke the tokens. A form from the page always sends the box or its marker; a request
	 * that sends neither gets the safe answer, as the page proposes it.
	 */
	public boolean revokeTokensOrDefault() {
		return this.revokeTokens == null || this.revokeTokens;
	}

}

package dev.berth.audit;

/**
 * What an audit event records. PULLED comes from the registry's pull events; PERMISSION_* are
 * organization and image grants; ACCOUNT_*, USER_*, PASSWORD_CHANGED and LOGIN_* come from the
 * accounts module (the operator's and the administrators' changes, and refused logins).
 */
public enum AuditAction {

	SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED, SHARE_REFUSED, PULLED, PERMISSION_GRANTED, PERMISSION_CHANGED,
	PERMISSION_REMOVED, ACCOUNT_CREATED, ACCOUNT_DISABLED, ACCOUNT_ENABLED, ACCOUNT_DELETED, USER_CREATED,
	USER_PASSWORD_RESET, USER_DISABLED, USER_ENABLED, USER_DELETED, PASSWORD_CHANGED, LOGIN_FAILED, LOGIN_THROTTLED,
	USER_MANAGEMENT_REFUSED;

	/** A refusal: shown as one wherever events are listed. */
	public boolean refusal() {
		return this == SHARE_REFUSED || this == LOGIN_FAILED || this == LOGIN_THROTTLED
				|| this == USER_MANAGEMENT_REFUSED;
	}

	public String messageKey() {
		return "audit.action." + name();
	}

}

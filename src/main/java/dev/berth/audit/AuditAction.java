package dev.berth.audit;

import java.util.Set;

/**
 * What an audit event records. PULLED comes from the registry's pull events, PUSHED and
 * TAGS_DELETED from its push and delete events; PERMISSION_* are
 * organization and image grants; SHARE_RECEIVED* are the grantee account's side of a share;
 * SHARE_EXPIRED is not stored but read from the shares (an expiry is no one's action); ACCOUNT_*, USER_*,
 * PASSWORD_CHANGED, LOGIN_* and TOKEN_* come from the accounts module (the operator's and the
 * administrators' changes, refused logins, access tokens created, revoked, presented after their
 * expiry, used from a new client address).
 */
public enum AuditAction {

	SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED, SHARE_REFUSED, PULLED, PERMISSION_GRANTED, PERMISSION_CHANGED,
	PERMISSION_REMOVED, SHARE_RECEIVED, SHARE_RECEIVED_CHANGED, SHARE_RECEIVED_REVOKED, SHARE_EXPIRED, ACCOUNT_CREATED,
	ACCOUNT_DISABLED, ACCOUNT_ENABLED, ACCOUNT_DELETED, USER_CREATED, USER_PASSWORD_RESET, USER_DISABLED,
	USER_ENABLED, USER_DELETED, PASSWORD_CHANGED, LOGIN_FAILED, LOGIN_THROTTLED, USER_MANAGEMENT_REFUSED, TOKEN_CREATED, TOKEN_REVOKED,
	TOKEN_EXPIRED_USED, TOKEN_NEW_ADDRESS, TOKEN_POLICY_CHANGED, PUSHED, TAGS_DELETED, IMAGE_DELETED,
	ORGANIZATION_DELETED;

	/** Access token events: a user sees their own, an administrator every one of the account. */
	public static final Set<AuditAction> TOKENS = Set.of(TOKEN_CREATED, TOKEN_REVOKED, TOKEN_EXPIRED_USED,
			TOKEN_NEW_ADDRESS);

	/** The events of shares an account received: every user of the account sees them. */
	public static final Set<AuditAction> RECEIVED = Set.of(SHARE_RECEIVED, SHARE_RECEIVED_CHANGED,
			SHARE_RECEIVED_REVOKED, SHARE_EXPIRED);

	/** What an image's sharing history shows. */
	public static final Set<AuditAction> SHARE_HISTORY = Set.of(SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED);

	/** A refusal: shown as one wherever events are listed. */
	public boolean isRefusal() {
		return this == SHARE_REFUSED || this == LOGIN_FAILED || this == LOGIN_THROTTLED
				|| this == USER_MANAGEMENT_REFUSED;
	}

	/** The deletion of the image or organization the event names: it has no page to link to. */
	public boolean isDeletion() {
		return this == IMAGE_DELETED || this == ORGANIZATION_DELETED;
	}

	public String messageKey() {
		return "audit.action." + name();
	}

}

package dev.berth.audit;

import java.util.Set;

/**
 * What an audit event records. PULLED comes from the registry's pull events; PERMISSION_* are
 * organization and image grants; SHARE_RECEIVED* are the grantee account's side of a share;
 * SHARE_EXPIRED is not stored but read from the shares (an expiry is no one's action).
 */
public enum AuditAction {

	SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED, SHARE_REFUSED, PULLED, PERMISSION_GRANTED, PERMISSION_CHANGED,
	PERMISSION_REMOVED, SHARE_RECEIVED, SHARE_RECEIVED_CHANGED, SHARE_RECEIVED_REVOKED, SHARE_EXPIRED;

	/** The events of shares an account received: every user of the account sees them. */
	public static final Set<AuditAction> RECEIVED = Set.of(SHARE_RECEIVED, SHARE_RECEIVED_CHANGED,
			SHARE_RECEIVED_REVOKED, SHARE_EXPIRED);

	/** What an image's sharing history shows. */
	public static final Set<AuditAction> SHARE_HISTORY = Set.of(SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED);

	public String messageKey() {
		return "audit.action." + name();
	}

	/** A refusal, highlighted in the lists. */
	public boolean isRefusal() {
		return this == SHARE_REFUSED;
	}

}

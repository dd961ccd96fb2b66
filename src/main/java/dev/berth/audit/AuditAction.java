package dev.berth.audit;

/**
 * What an audit event records. PULLED comes from the registry's pull events; PERMISSION_* are
 * organization and image grants.
 */
public enum AuditAction {

	SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED, SHARE_REFUSED, PULLED, PERMISSION_GRANTED, PERMISSION_CHANGED,
	PERMISSION_REMOVED;

	public String messageKey() {
		return "audit.action." + name();
	}

}

package dev.berth.audit;

/** What an audit event records. PULLED comes from the registry's pull events. */
public enum AuditAction {

	SHARE_CREATED, SHARE_CHANGED, SHARE_REVOKED, SHARE_REFUSED, PULLED;

	public String messageKey() {
		return "audit.action." + name();
	}

}

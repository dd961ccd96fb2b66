package dev.berth.audit;

/**
 * One thing that happened to a share (or an image), as written to {@code audit_event}: whose
 * account it concerns, who did it, what, to which image and grantee account, and the old and new
 * terms.
 */
public record AuditEntry(long accountId, String actor, AuditAction action, Long imageId, String imageName,
		String granteeAccount, String oldValue, String newValue, String detail) {

}

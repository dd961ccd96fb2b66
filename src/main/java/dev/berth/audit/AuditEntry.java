package dev.berth.audit;

/**
 * One thing that happened to a share, an image or an organization, as written to
 * {@code audit_event}: whose account it concerns (null: none, e.g. a refused login of an unknown
 * name), who did it, what, to which organization, image and grantee account, and the old and new
 * terms.
 */
public record AuditEntry(Long accountId, String actor, AuditAction action, Long organizationId, Long imageId,
		String imageName, String granteeAccount, String oldValue, String newValue, String detail) {

}

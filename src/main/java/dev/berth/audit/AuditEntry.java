package dev.berth.audit;

import java.util.List;

/**
 * One thing that happened to a share, an image or an organization, as written to
 * {@code audit_event}: whose account it concerns, who did it, what, to which organization, image
 * and other account (the grantee for the owner, the owner for the grantee), the old and new terms,
 * and for a change, each field that changed.
 */
public record AuditEntry(long accountId, String actor, AuditAction action, Long organizationId, Long imageId,
		String imageName, String granteeAccount, String oldValue, String newValue, String detail,
		List<Change> changes) {

	public AuditEntry {
		changes = (changes != null) ? List.copyOf(changes) : List.of();
	}

	public AuditEntry(long accountId, String actor, AuditAction action, Long organizationId, Long imageId,
			String imageName, String granteeAccount, String oldValue, String newValue, String detail) {
		this(accountId, actor, action, organizationId, imageId, imageName, granteeAccount, oldValue, newValue, detail,
				List.of());
	}

	/** The same event for another account (the grantee's side of a share), as another action. */
	public AuditEntry forAccount(long otherAccountId, AuditAction otherAction, String otherAccount) {
		return new AuditEntry(otherAccountId, this.actor, otherAction, this.organizationId, this.imageId,
				this.imageName, otherAccount, this.oldValue, this.newValue, this.detail, this.changes);
	}

	/**
	 * One field a change changed: the message key of its label ({@code sharing.validUntil}) and the
	 * old and new values as the console shows them.
	 */
	public record Change(String field, String oldValue, String newValue) {

	}

}

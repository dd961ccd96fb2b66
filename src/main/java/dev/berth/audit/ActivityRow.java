package dev.berth.audit;

import java.time.Instant;
import java.util.List;

/**
 * One line of the Activity page or of an image's sharing history. The actor is null for what no
 * one did (a share that expired); the changes list each field a change of a share changed.
 * {@code imageOpens} says whether the viewer can open the image's page now: not once it is
 * deleted, nor once a share of it that the account received is revoked or its owner's shares are
 * suspended (the page would be a 404).
 */
public record ActivityRow(Instant occurredAt, String actor, AuditAction action, Long imageId, String imageName,
		String account, String oldValue, String newValue, String detail, List<AuditEntry.Change> changes,
		boolean imageOpens) {

	public ActivityRow {
		changes = (changes != null) ? List.copyOf(changes) : List.of();
	}

	/** A row as read, its image taken to open (see {@link #withImageOpens}). */
	public ActivityRow(Instant occurredAt, String actor, AuditAction action, Long imageId, String imageName,
			String account, String oldValue, String newValue, String detail, List<AuditEntry.Change> changes) {
		this(occurredAt, actor, action, imageId, imageName, account, oldValue, newValue, detail, changes, true);
	}

	ActivityRow withChanges(List<AuditEntry.Change> changes) {
		return new ActivityRow(this.occurredAt, this.actor, this.action, this.imageId, this.imageName, this.account,
				this.oldValue, this.newValue, this.detail, changes, this.imageOpens);
	}

	ActivityRow withImageOpens(boolean imageOpens) {
		return new ActivityRow(this.occurredAt, this.actor, this.action, this.imageId, this.imageName, this.account,
				this.oldValue, this.newValue, this.detail, this.changes, imageOpens);
	}

	/** Whether the row is the grantee account's side of a share: of another account's image. */
	public boolean isReceived() {
		return AuditAction.RECEIVED.contains(this.action);
	}

}

package dev.berth.audit;

import java.time.Instant;
import java.util.List;

/**
 * One line of the Activity page or of an image's sharing history. The actor is null for what no
 * one did (a share that expired); the changes list each field a change of a share changed.
 */
public record ActivityRow(Instant occurredAt, String actor, AuditAction action, Long imageId, String imageName,
		String account, String oldValue, String newValue, String detail, List<AuditEntry.Change> changes) {

	public ActivityRow {
		changes = (changes != null) ? List.copyOf(changes) : List.of();
	}

	ActivityRow withChanges(List<AuditEntry.Change> changes) {
		return new ActivityRow(this.occurredAt, this.actor, this.action, this.imageId, this.imageName, this.account,
				this.oldValue, this.newValue, this.detail, changes);
	}

}

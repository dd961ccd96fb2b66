package dev.berth.administration;

import java.time.Instant;
import java.util.List;

import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditEntry;
import dev.berth.support.Formats;

/**
 * One line of the operator's Activity: when, which account (null: none, e.g. a refused login of an
 * unknown name), who, what, to which image, with which other account, and the details; for a change
 * of a share, each field it changed.
 */
public record OperatorActivityRow(Instant occurredAt, String account, String actor, AuditAction action,
		String imageName, String otherAccount, String oldValue, String newValue, String detail,
		List<AuditEntry.Change> changes) {

	private static final Formats FORMATS = new Formats();

	public OperatorActivityRow {
		changes = (changes != null) ? List.copyOf(changes) : List.of();
	}

	OperatorActivityRow withChanges(List<AuditEntry.Change> changes) {
		return new OperatorActivityRow(this.occurredAt, this.account, this.actor, this.action, this.imageName,
				this.otherAccount, this.oldValue, this.newValue, this.detail, changes);
	}

	/** A pull reads "tag (digest…)"; everything else its details as recorded. */
	public String details() {
		if (this.action == AuditAction.PULLED) {
			String digest = FORMATS.shortDigest(this.newValue);
			return (this.detail == null || this.detail.isEmpty()) ? digest : this.detail + " (" + digest + ")";
		}
		return this.detail;
	}

}

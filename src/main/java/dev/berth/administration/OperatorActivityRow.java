package dev.berth.administration;

import java.time.Instant;

import dev.berth.audit.AuditAction;
import dev.berth.support.Formats;

/**
 * One line of the operator's Activity: when, which account (null: none, e.g. a refused login of an
 * unknown name), who, what, to which image, with which other account, and the details.
 */
public record OperatorActivityRow(Instant occurredAt, String account, String actor, AuditAction action,
		String imageName, String otherAccount, String oldValue, String newValue, String detail) {

	private static final Formats FORMATS = new Formats();

	/** A pull reads "tag (digest…)"; everything else its details as recorded. */
	public String details() {
		if (this.action == AuditAction.PULLED) {
			String digest = FORMATS.shortDigest(this.newValue);
			return (this.detail == null || this.detail.isEmpty()) ? digest : this.detail + " (" + digest + ")";
		}
		return this.detail;
	}

}

package dev.berth.audit;

import java.time.Instant;

/** One line of the Activity page or of an image's sharing history. */
public record ActivityRow(Instant occurredAt, String actor, AuditAction action, Long imageId, String imageName,
		String account, String oldValue, String newValue, String detail) {

}

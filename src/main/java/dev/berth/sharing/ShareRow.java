package dev.berth.sharing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of an image's Sharing tab: the grantee account and the terms, whether the share is
 * valid today, and the grantee's pulls (from {@code pull_event}).
 */
public record ShareRow(long id, long imageId, String account, LocalDate validUntil, String permission,
		String description, String createdBy, Instant createdAt, Instant updatedAt, boolean valid, long pullCount,
		Instant lastPullAt, String lastPullUser, String lastPullTag, String lastPullDigest) {

	public boolean isPermanent() {
		return this.validUntil == null;
	}

	/** The tag of the last pull, or its digest shortened when pulled by digest. */
	public String lastPullReference() {
		if (this.lastPullTag != null && !this.lastPullTag.isEmpty()) {
			return this.lastPullTag;
		}
		return (this.lastPullDigest != null && this.lastPullDigest.length() > 19)
				? this.lastPullDigest.substring(0, 19) + "…" : this.lastPullDigest;
	}

}

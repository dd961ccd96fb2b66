package dev.berth.sharing;

import java.time.Instant;
import java.time.LocalDate;

import dev.berth.support.Expiry;
import dev.berth.support.Formats;

/**
 * One line of an image's Sharing tab: the grantee account and the terms, whether the share is
 * valid today, the grantee's pulls, and whether the operator disabled the grantee account (its
 * pulls are refused then, whatever the terms).
 */
public record ShareRow(long id, long imageId, String account, LocalDate validUntil, String permission,
		String description, String createdBy, Instant createdAt, Instant updatedAt, boolean valid, long granteeAccountId,
		Pulls pulls, boolean granteeDisabled) {

	private static final Formats FORMATS = new Formats();

	/** Whether the grantee may pull the image now: the share is valid and its account enabled. */
	public boolean pullable() {
		return this.valid && !this.granteeDisabled;
	}

	public boolean isPermanent() {
		return this.validUntil == null;
	}

	/** The Valid Until in words seen from {@code today}, as the grantee reads it ("expires tomorrow"). */
	public Expiry expiry(LocalDate today) {
		return Expiry.of(this.validUntil, today);
	}

	public long pullCount() {
		return this.pulls.count();
	}

	public Instant lastPullAt() {
		return this.pulls.lastAt();
	}

	public String lastPullUser() {
		return this.pulls.lastUser();
	}

	/** The access token the last pull was made with (null: a password). */
	public String lastPullToken() {
		return this.pulls.lastToken();
	}

	/** The tag of the last pull, or its digest shortened when pulled by digest. */
	public String lastPullReference() {
		String tag = this.pulls.lastTag();
		return (tag != null && !tag.isEmpty()) ? tag : FORMATS.shortDigest(this.pulls.lastDigest());
	}

}

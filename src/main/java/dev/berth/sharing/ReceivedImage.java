package dev.berth.sharing;

import java.time.Instant;
import java.time.LocalDate;

import dev.berth.support.Expiry;

/**
 * One line of Images From Others: an image another account shared with the user's account, who
 * shared it and when, the owner's description of the share, and its expiry.
 */
public record ReceivedImage(long id, String ownerAccount, String organization, String name, Expiry expiry,
		String description, String sharedBy, Instant sharedAt, int tagCount, long size, Instant lastUpdate) {

	public String path() {
		return this.organization + "/" + this.name;
	}

	public LocalDate validUntil() {
		return this.expiry.validUntil();
	}

	public boolean isPermanent() {
		return this.expiry.isPermanent();
	}

	public boolean valid() {
		return this.expiry.isValid();
	}

}

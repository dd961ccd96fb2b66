package dev.berth.sharing;

import java.time.Instant;
import java.time.LocalDate;

/** One line of Images From Others: an image another account shared with the user's account. */
public record ReceivedImage(long id, String ownerAccount, String organization, String name, LocalDate validUntil,
		boolean valid, int tagCount, long size, Instant lastUpdate) {

	public String path() {
		return this.organization + "/" + this.name;
	}

	public boolean isPermanent() {
		return this.validUntil == null;
	}

}

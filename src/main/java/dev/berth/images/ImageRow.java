package dev.berth.images;

import java.time.Instant;

/** One line of an image list. */
public record ImageRow(long id, String organization, String name, String ownerAccount, Visibility visibility,
		int tagCount, long size, Instant lastUpdate, int shareCount) {

	public String path() {
		return this.organization + "/" + this.name;
	}

}

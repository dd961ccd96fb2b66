package dev.berth.images;

import java.time.Instant;

/**
 * One line of an image list: the image, its figures, with how many accounts it is shared, its
 * description, its newest tag (for the row's pull command; null without tags), and whether the user
 * may share it.
 */
public record ImageRow(long id, String organization, String name, String ownerAccount, Visibility visibility,
		int tagCount, long size, Instant lastUpdate, int shareCount, String description, String newestTag,
		boolean mayShare) {

	public String path() {
		return this.organization + "/" + this.name;
	}

}

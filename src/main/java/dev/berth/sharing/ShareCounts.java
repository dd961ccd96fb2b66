package dev.berth.sharing;

import org.springframework.stereotype.Component;

/** How many accounts an image is shared with (the Sharing tab's count). */
@Component("shareCounts")
public class ShareCounts {

	private final ShareRepository shares;

	ShareCounts(ShareRepository shares) {
		this.shares = shares;
	}

	public int of(long imageId) {
		return this.shares.countByImageId(imageId);
	}

}

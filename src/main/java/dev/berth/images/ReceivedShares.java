package dev.berth.images;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether an image is shared with an account, and on which terms. The sharing module implements
 * it; images only needs the answer to show a shared image to its grantee.
 */
public interface ReceivedShares {

	Optional<ReceivedShare> of(long imageId, long granteeAccountId);

	/** Whether the image was shared with the account and the share was revoked. */
	boolean wasRevoked(long imageId, long granteeAccountId);

	/**
	 * A share as its grantee sees it: Valid Until (null: Permanently valid), whether it is valid
	 * today (UTC), and the owner's description.
	 */
	record ReceivedShare(LocalDate validUntil, boolean valid, String description) {

		public boolean isPermanent() {
			return this.validUntil == null;
		}

	}

}

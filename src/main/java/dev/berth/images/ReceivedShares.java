package dev.berth.images;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import dev.berth.support.Expiry;

/**
 * Whether an image is shared with an account, and on which terms. The sharing module implements
 * it; images only needs the answer to show a shared image to its grantee.
 */
public interface ReceivedShares {

	Optional<ReceivedShare> of(long imageId, long granteeAccountId);

	/** Whether the image was shared with the account and the share was revoked. */
	boolean wasRevoked(long imageId, long granteeAccountId);

	/**
	 * A share as its grantee sees it: its expiry (Valid Until seen from today, UTC), the owner's
	 * description, and who shared it when.
	 */
	record ReceivedShare(Expiry expiry, String description, String sharedBy, Instant sharedAt) {

		public LocalDate validUntil() {
			return this.expiry.validUntil();
		}

		public boolean valid() {
			return this.expiry.isValid();
		}

		public boolean isPermanent() {
			return this.expiry.isPermanent();
		}

	}

}

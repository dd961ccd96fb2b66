package dev.berth.administration;

import java.time.Instant;

/**
 * One account as the operator's list shows it: region, status and its figures — users,
 * organizations, images, shares it gives (accounts its images are shared with) and shares it
 * receives.
 */
public record AccountRow(long id, String name, String region, Instant createdAt, Instant disabledAt,
		boolean sharesSuspended, long users, long organizations, long images, long sharesGiven, long sharesReceived) {

	public boolean disabled() {
		return this.disabledAt != null;
	}

}

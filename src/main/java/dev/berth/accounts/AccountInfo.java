package dev.berth.accounts;

import java.time.Instant;

/**
 * An account as the operator manages it: its region (fixed once created), and whether it is
 * disabled ({@code disabledAt}) and its shares to others suspended with it.
 */
public record AccountInfo(long id, String name, String region, Instant createdAt, Instant disabledAt,
		boolean sharesSuspended) {

	public boolean disabled() {
		return this.disabledAt != null;
	}

}

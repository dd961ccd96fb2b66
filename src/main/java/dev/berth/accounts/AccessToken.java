package dev.berth.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An access token as its lists show it (never the secret): whose, its name and scope, when it was
 * created, until when it works (null: no expiry), whether it was revoked, and when and from where
 * it was last used (written at most once a minute).
 */
public record AccessToken(long id, long userId, String username, long accountId, String name, boolean push,
		boolean allOrganizations, List<String> organizations, boolean sharedImages, Instant createdAt,
		LocalDate expiresOn, Instant revokedAt, String revokedBy, Instant lastUsedAt, String lastUsedAddress) {

	public AccessToken {
		organizations = List.copyOf(organizations);
	}

	public boolean revoked() {
		return this.revokedAt != null;
	}

	/** Expired from 00:00 UTC the day after {@link #expiresOn}. */
	public boolean expiredOn(LocalDate today) {
		return this.expiresOn != null && today.isAfter(this.expiresOn);
	}

	/** Whether it works on that day (not revoked, not expired). */
	public boolean activeOn(LocalDate today) {
		return !revoked() && !expiredOn(today);
	}

	/** Only images shared with the account. */
	public boolean sharedOnly() {
		return !this.allOrganizations && this.organizations.isEmpty();
	}

}

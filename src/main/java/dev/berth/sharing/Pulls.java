package dev.berth.sharing;

import java.time.Instant;

/**
 * How often a grantee pulled a shared image, and its last pull (kept on the share row):
 * {@code lastToken} names the access token it was made with (null: a password).
 */
public record Pulls(long count, Instant lastAt, String lastUser, String lastToken, String lastTag, String lastDigest) {

	public static final Pulls NONE = new Pulls(0, null, null, null, null, null);

	public Pulls(long count, Instant lastAt, String lastUser, String lastTag, String lastDigest) {
		this(count, lastAt, lastUser, null, lastTag, lastDigest);
	}

}

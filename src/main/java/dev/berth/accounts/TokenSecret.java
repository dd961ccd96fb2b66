package dev.berth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The secret of an access token: {@code berth_pat_}, 43 random base62 characters (256 bits) and a
 * 6-character base62 checksum (CRC32 of what precedes it), so that secret scanners recognise it and
 * a mistyped one is refused without a database query. The console keeps only its SHA-256: with 256
 * random bits there is nothing to guess, so no slow hash (BCrypt) is needed, and the comparison of
 * hashes takes the same time whatever matches.
 */
public final class TokenSecret {

	public static final String PREFIX = "berth_pat_";

	static final int RANDOM_LENGTH = 43;

	static final int CHECKSUM_LENGTH = 6;

	public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenSecret() {
	}

	/** A new secret. */
	public static String generate() {
		StringBuilder secret = new StringBuilder(LENGTH).append(PREFIX);
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			secret.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		return secret.append(checksum(secret)).toString();
	}

	/** Whether the text looks like a token at all (the prefix): it is then checked as a token, never as a password. */
	public static boolean looksLikeToken(String text) {
		return text != null && text.startsWith(PREFIX);
	}

	/** The secret's hash when it is well formed (prefix, length, characters, checksum); else empty. */
	public static Optional<String> hashOf(String text) {
		if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
			return Optional.empty();
		}
		for (int i = PREFIX.length(); i < LENGTH; i++) {
			if (BASE62.indexOf(text.charAt(i)) < 0) {
				return Optional.empty();
			}
		}
		String body = text.substring(0, LENGTH - CHECKSUM_LENGTH);
		if (!checksum(body).equals(text.substring(LENGTH - CHECKSUM_LENGTH))) {
			return Optional.empty();
		}
		return Optional.of(sha256(text));
	}

	/** Compares two hashes in a time that does not depend on where they differ. */
	static boolean sameHash(String a, String b) {
		return a != null && b != null
				&& MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

	/** The checksum of the prefix and the random part: CRC32 in 6 base62 digits. */
	static String checksum(CharSequence body) {
		CRC32 crc = new CRC32();
		crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
		long value = crc.getValue();
		char[] digits = new char[CHECKSUM_LENGTH];
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			digits[i] = BASE62.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(digits);
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

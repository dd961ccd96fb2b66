package dev.berth.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short text that stands for some values: an edit form sends back the fingerprint of what it
 * showed, and the save finds out whether another user changed them since (an optimistic check
 * without a version column).
 */
public final class Fingerprint {

	private Fingerprint() {
	}

	/**
	 * One fingerprint of eight hexadecimal characters for each value, joined by {@code -}: a form
	 * that sends them back tells which of its fields another user changed.
	 */
	public static String ofEach(Object... values) {
		StringBuilder each = new StringBuilder();
		for (Object value : values) {
			each.append(each.isEmpty() ? "" : "-").append(of(value), 0, 8);
		}
		return each.toString();
	}

	/**
	 * Which values differ between a fingerprint a form sent back and the one of the values now, both
	 * of {@link #ofEach}: all of them when the form's is not one of as many values (forged, or null).
	 */
	public static boolean[] differing(String seen, String now) {
		String[] opened = (seen != null) ? seen.split("-", -1) : new String[0];
		String[] current = now.split("-", -1);
		boolean[] differing = new boolean[current.length];
		for (int i = 0; i < current.length; i++) {
			differing[i] = opened.length != current.length || !opened[i].equals(current[i]);
		}
		return differing;
	}

	/**
	 * After another user saved since a form was opened: which of its fields take the saved value. A
	 * field does when the other user changed it ({@code saved} differs from {@code opened}) and the
	 * form still sends it as opened ({@code sent} does not differ); what the user changed stays. All
	 * three are fingerprints of {@link #ofEach} of the same fields.
	 */
	public static boolean[] savedToTake(String opened, String sent, String saved) {
		boolean[] typed = differing(opened, sent);
		boolean[] changed = differing(opened, saved);
		boolean[] take = new boolean[changed.length];
		for (int i = 0; i < take.length; i++) {
			take[i] = changed[i] && !typed[i];
		}
		return take;
	}

	/** 24 hexadecimal characters (96 bits of SHA-256) of the values, each told apart from the next. */
	public static String of(Object... values) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		for (Object value : values) {
			byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
			sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			sha256.update((byte) ':');
			sha256.update(bytes);
		}
		return HexFormat.of().formatHex(sha256.digest(), 0, 12);
	}

}

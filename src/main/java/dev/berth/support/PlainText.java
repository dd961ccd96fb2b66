package dev.berth.support;

/**
 * What a name or a one-line text a user types may hold: no control character (a NUL, a line
 * break) and no character that turns the direction of the text around it (a right-to-left
 * override makes a name read as another in every list that shows it). Emoji, with their joiners,
 * are text.
 */
public final class PlainText {

	/** A regular expression for one line of plain text (for {@code @Pattern}). */
	public static final String ONE_LINE = "[^\\p{Cc}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*";

	/** Lines of plain text: tabs and line breaks, no other control or direction character. */
	public static final String LINES = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]*";

	private PlainText() {
	}

	/** Whether the text is one line of plain text. */
	public static boolean isOneLine(String text) {
		return text.matches(ONE_LINE);
	}

}

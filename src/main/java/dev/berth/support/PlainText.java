package dev.berth.support;

/**
 * What a name or a one-line text a user types may hold: no control character (a NUL, a line
 * break) and no character that turns the direction of the text around it (a right-to-left
 * override makes a name read as another in every list that shows it), and no half of a
 * character (a lone UTF-16 surrogate, which a JSON string can carry as an escape: shown as "?" and
 * sent back in JSON that strict parsers refuse). Emoji, with their joiners, are text.
 */
public final class PlainText {

	/** The characters that turn the direction of text: marks, embeddings, overrides and isolates. */
	private static final String DIRECTION = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

	/**
	 * A regular expression for one line of plain text (for {@code @Pattern}): no control character
	 * (C0 and C1), no line or paragraph separator, no direction character.
	 */
	public static final String ONE_LINE = "[^\\p{Cc}\\p{Cs}\\u2028\\u2029" + DIRECTION + "]*";

	/** Lines of plain text: as {@link #ONE_LINE}, with tabs and line breaks. */
	public static final String LINES = "[\\t\\n\\r[^\\p{Cc}\\p{Cs}\\u2028\\u2029" + DIRECTION + "]]*";

	private PlainText() {
	}

	/** Whether the text is one line of plain text. */
	public static boolean isOneLine(String text) {
		return text.matches(ONE_LINE);
	}

}

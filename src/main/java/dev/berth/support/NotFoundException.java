package dev.berth.support;

import org.springframework.http.HttpStatus;

/**
 * Something the user asked for does not exist, or is not theirs to see. Both look the same, so a
 * stranger cannot learn that a private image exists. The error page's button leads back to My
 * Images, or where {@link #leadingTo} says the user is better served.
 */
public class NotFoundException extends ProblemException {

	private String wayBack;

	private String wayBackLabelKey;

	public NotFoundException(String messageKey, Object... arguments) {
		super(HttpStatus.NOT_FOUND, "not_found", messageKey, arguments);
	}

	/** This refusal, whose error page leads to {@code path}, its button saying the message {@code labelKey}. */
	public NotFoundException leadingTo(String path, String labelKey) {
		this.wayBack = path;
		this.wayBackLabelKey = labelKey;
		return this;
	}

	/** Where the error page leads, or null for My Images. */
	public String wayBack() {
		return this.wayBack;
	}

	/** The message key of the error page's button, or null for "Back to My Images". */
	public String wayBackLabelKey() {
		return this.wayBackLabelKey;
	}

}

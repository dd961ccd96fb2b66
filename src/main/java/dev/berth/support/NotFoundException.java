package dev.berth.support;

import org.springframework.http.HttpStatus;

/**
 * Something the user asked for does not exist, or is not theirs to see. Both look the same, so a
 * stranger cannot learn that a private image exists.
 */
public class NotFoundException extends ProblemException {

	public NotFoundException(String messageKey, Object... arguments) {
		super(HttpStatus.NOT_FOUND, "not_found", messageKey, arguments);
	}

}

package dev.berth.support;

import org.springframework.http.HttpStatus;

/** The user may see the thing but not do this to it. */
public class ForbiddenException extends ProblemException {

	public ForbiddenException(String code, String messageKey, Object... arguments) {
		super(HttpStatus.FORBIDDEN, code, messageKey, arguments);
	}

}

package dev.berth.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Something the user asked for does not exist, or is not theirs to see. Both look the same, so a
 * stranger cannot learn that a private image exists.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " was not found");
	}

}

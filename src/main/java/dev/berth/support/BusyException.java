package dev.berth.support;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The console is genuinely overloaded (a queue did not move in time): 503 with
 * {@code Retry-After}, never a 401 or a 500, and nothing was changed.
 */
public class BusyException extends ProblemException {

	public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	public BusyException() {
		super(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "problem.503");
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
	}

}

package dev.berth.accounts;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A login refused without checking the password: too many failures; try again after {@link #retryAfter()}. */
class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins; retry after " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole seconds, rounded up, at least one: what Retry-After and the login page say. */
	long retryAfterSeconds() {
		long seconds = this.retryAfter.toSeconds() + ((this.retryAfter.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

}

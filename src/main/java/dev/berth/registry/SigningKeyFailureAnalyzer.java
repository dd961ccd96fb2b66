package dev.berth.registry;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A node that refuses to start over its signing key says why in Boot's start-failure report. */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyMismatchException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyMismatchException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Start every console node with the same token signing key (see the README: Run several nodes on"
						+ " PostgreSQL, Rotate the token signing key).",
				cause);
	}

}

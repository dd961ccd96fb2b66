package dev.berth.registry;

/**
 * This node would sign registry tokens with another key than the other nodes: it must not start
 * (the registry would refuse half of the tokens). The message says what to do.
 */
class SigningKeyMismatchException extends IllegalStateException {

	SigningKeyMismatchException(String message) {
		super(message);
	}

}

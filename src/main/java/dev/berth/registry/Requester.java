package dev.berth.registry;

import dev.berth.accounts.BerthUser;

/**
 * Who asks for a registry token: an authenticated console user, an anonymous client, or the
 * console itself (reconciliation and the demo push; never a database user).
 */
record Requester(BerthUser user, boolean console) {

	/** The token subject of the console's own identity. */
	static final String CONSOLE_SUBJECT = "berth-console";

	static Requester anonymous() {
		return new Requester(null, false);
	}

	static Requester of(BerthUser user) {
		return (user != null) ? new Requester(user, false) : anonymous();
	}

	static Requester consoleItself() {
		return new Requester(null, true);
	}

	String subject() {
		if (this.console) {
			return CONSOLE_SUBJECT;
		}
		return (this.user != null) ? this.user.getUsername() : "";
	}

}

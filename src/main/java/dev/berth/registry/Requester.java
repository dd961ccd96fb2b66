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

	/**
	 * Marks a token subject made with an access token: {@code carol+token-17}. The registry reports
	 * the subject as the actor of the pulls it makes, so a pull names the token that pulled; a user
	 * name never holds a {@code +}.
	 */
	static final String TOKEN_MARK = "+token-";

	/** The token's subject: who, and which access token when the request came with one. */
	String subject() {
		if (this.console) {
			return CONSOLE_SUBJECT;
		}
		if (this.user == null) {
			return "";
		}
		return this.user.token()
			.map(token -> this.user.getUsername() + TOKEN_MARK + token.tokenId())
			.orElse(this.user.getUsername());
	}

	/** The user name and access token id (null: none) of a token subject the registry reports as a pull's actor. */
	static Actor actor(String subject) {
		int mark = subject.indexOf(TOKEN_MARK);
		if (mark < 0) {
			return new Actor(subject, null);
		}
		try {
			return new Actor(subject.substring(0, mark), Long.valueOf(subject.substring(mark + TOKEN_MARK.length())));
		}
		catch (NumberFormatException ex) {
			return new Actor(subject.substring(0, mark), null);
		}
	}

	record Actor(String username, Long tokenId) {
	}

}

package dev.berth.accounts;

import dev.berth.accounts.AccountEvent.ManagementAttempt;
import dev.berth.accounts.AccountEvent.UserManagementRefused;
import dev.berth.support.ForbiddenException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * An account's user management (its Users pages, the access tokens of all its users, whether tokens
 * may have no expiry) is for its administrators. Anybody else of the account is refused (403), and
 * the refusal goes into the account's Activity in words: what they tried, and on whom.
 */
@Component
class AdministratorsOnly {

	private final UserAdministration users;

	private final ApplicationEventPublisher events;

	AdministratorsOnly(UserAdministration users, ApplicationEventPublisher events) {
		this.users = users;
		this.events = events;
	}

	/** Refuses, on record, {@code me} unless they administer their account. */
	void require(BerthUser me, ManagementAttempt attempt) {
		requireOn(me, attempt, null);
	}

	/** The same, for an attempt on the user {@code userId}, named on the record when they are of the account. */
	void require(BerthUser me, ManagementAttempt attempt, long userId) {
		if (!me.administrator()) {
			requireOn(me, attempt, this.users.user(me.accountId(), userId)
				.map(AccountUser::username)
				.orElse("user " + userId));
		}
	}

	private void requireOn(BerthUser me, ManagementAttempt attempt, String target) {
		if (me.administrator()) {
			return;
		}
		if (!me.operator()) { // who has no account, and no Activity
			this.events.publishEvent(
					new UserManagementRefused(me.getUsername(), me.accountId(), me.accountName(), attempt, target));
		}
		throw new ForbiddenException("forbidden", attempt.aboutTokens() ? "tokens.forbidden" : "users.forbidden");
	}

}

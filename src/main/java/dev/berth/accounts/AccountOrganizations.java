package dev.berth.accounts;

import java.util.Map;

/**
 * The organizations of an account, by id, for what this module shows and checks of them (an
 * access token's organizations). Organizations live in a module above this one, which implements
 * this interface, so that this module needs no import of it.
 */
public interface AccountOrganizations {

	/** The account's organizations: id → name, sorted by name. */
	Map<Long, String> of(long accountId);

	/**
	 * The organizations of the user's account that the user sees (all of them for an administrator;
	 * else those they hold a grant in): id → name, sorted by name. A token is restricted to these,
	 * as the Organizations page lists them.
	 */
	Map<Long, String> seenBy(BerthUser user);

	/** Whether the user may push anywhere now (Edit or more on an organization or an image of the account). */
	boolean pushesAnywhere(BerthUser user);

}

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

}

package dev.berth.accounts;

import java.io.Serializable;
import java.util.Set;

/**
 * What an access token may reach, on top of what its user may do now: pull, or pull and push
 * (never delete); the account's own images in all or some organizations, and/or the images shared
 * with the account. A request made with the token never gets more than the intersection.
 *
 * @param tokenId the token
 * @param name the token's name (shown in pull records)
 * @param push whether it may push (else pull only)
 * @param allOrganizations whether it reaches the images of every organization of the account
 * @param organizationIds the organizations it reaches when not all (empty: none of the account's own)
 * @param sharedImages whether it reaches images shared with the account
 */
public record AccessTokenScope(long tokenId, String name, boolean push, boolean allOrganizations,
		Set<Long> organizationIds, boolean sharedImages) implements Serializable {

	public AccessTokenScope {
		organizationIds = Set.copyOf(organizationIds);
	}

	/** Whether the token reaches the images of this organization of the user's own account. */
	public boolean reachesOrganization(long organizationId) {
		return this.allOrganizations || this.organizationIds.contains(organizationId);
	}

	/** Whether the token reaches no image of the account's own, only shared ones. */
	public boolean sharedOnly() {
		return !this.allOrganizations && this.organizationIds.isEmpty();
	}

}

package dev.berth.organizations;

import java.util.Map;

/**
 * An account administrator deleted an empty organization of their account; the permissions held
 * on it ({@code grants}: user name to permission, by name) went with it. Published inside the
 * deletion's transaction.
 */
public record OrganizationDeleted(String actor, long accountId, long organizationId, String name,
		Map<String, Permission> grants) {

}

package dev.berth.organizations;

/**
 * An account administrator deleted an empty organization of their account; the permissions held
 * on it went with it. Published inside the deletion's transaction.
 */
public record OrganizationDeleted(String actor, long accountId, long organizationId, String name) {

}

package dev.berth.organizations;

/**
 * A user's permission on an organization or image was granted ({@code before} null), changed, or
 * removed ({@code after} null) by {@code actor}. Published inside the change's transaction.
 */
public record GrantChanged(String actor, GrantTarget target, String username, Permission before,
		Permission after) {

}

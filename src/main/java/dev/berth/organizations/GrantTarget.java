package dev.berth.organizations;

/**
 * What a grant is on: an organization, or one image of it ({@code imageId} and the image's path
 * {@code organization/name} as {@code name}).
 */
public record GrantTarget(long accountId, long organizationId, Long imageId, String name) {

	public static GrantTarget organization(Organization organization) {
		return new GrantTarget(organization.accountId(), organization.id(), null, organization.name());
	}

	public static GrantTarget image(Organization organization, long imageId, String path) {
		return new GrantTarget(organization.accountId(), organization.id(), imageId, path);
	}

	public boolean isImage() {
		return this.imageId != null;
	}

}

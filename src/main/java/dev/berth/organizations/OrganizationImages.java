package dev.berth.organizations;

import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;

/**
 * What the organization pages show of the images inside an organization. Images live in a module
 * above this one, which implements this interface, so that this module needs no import of it.
 */
public interface OrganizationImages {

	/** The images of the organization the user may read, by name. */
	List<OrganizationImage> readable(BerthUser user, Organization organization);

	/** How many images the user may read, per organization id of the user's account. */
	Map<Long, Integer> readableCounts(BerthUser user);

	/** An image as the organization page lists it; {@code type} is PRIVATE or PUBLIC. */
	record OrganizationImage(long id, String organization, String name, String type, int tagCount) {

		public String url() {
			return "/images/" + this.organization + "/" + this.name;
		}

		public boolean isPrivate() {
			return "PRIVATE".equals(this.type);
		}

	}

}

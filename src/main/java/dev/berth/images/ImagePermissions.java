package dev.berth.images;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.berth.accounts.Grants;
import dev.berth.accounts.Grants.Member;
import dev.berth.accounts.Permission;
import dev.berth.images.ImageAccess.VisibleImage;

import org.springframework.stereotype.Component;

/**
 * The Permissions tab's read model: every user of the image's account with their effective
 * permission on the image and where it comes from ({@code ${@imagePermissions.of(image)}}).
 */
@Component("imagePermissions")
public class ImagePermissions {

	private final Grants grants;

	ImagePermissions(Grants grants) {
		this.grants = grants;
	}

	public List<ImageMember> of(VisibleImage image) {
		Map<Long, Permission> organizationGrants = this.grants.organizationMembers(image.organization().id())
			.stream()
			.filter(member -> member.permission() != null)
			.collect(Collectors.toMap(Member::userId, Member::permission));
		return this.grants.imageMembers(image.image().id())
			.stream()
			.map(member -> new ImageMember(member.userId(), member.username(), member.administrator(),
					organizationGrants.get(member.userId()), member.permission()))
			.toList();
	}

	/** Users of the account who hold no image grant yet and are not administrators. */
	public List<ImageMember> grantable(List<ImageMember> members) {
		return members.stream().filter(m -> !m.administrator() && m.imageGrant() == null).toList();
	}

	/** A user of the image's account and how they stand towards the image. */
	public record ImageMember(long userId, String username, boolean administrator, Permission organizationGrant,
			Permission imageGrant) {

		/** Highest of administrator, organization grant and image grant; null is no access. */
		public Permission effective() {
			return this.administrator ? Permission.MANAGE : Permission.highest(this.organizationGrant, this.imageGrant);
		}

	}

}

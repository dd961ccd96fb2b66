package dev.berth.images;

import java.util.Optional;

import dev.berth.accounts.Account;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Regions;
import dev.berth.images.ImageCatalog.CatalogImage;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import dev.berth.support.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * Decides whether a user may see an image at all, and as what: with their permission (users of
 * the owner account), as a public image, or as the grantee of a share. An image that does not
 * exist and one the user may not see are the same 404.
 */
@Component
public class ImageAccess {

	private final ImageCatalog catalog;

	private final AccessPolicy policy;

	private final ReceivedShares shares;

	private final Regions regions;

	ImageAccess(ImageCatalog catalog, AccessPolicy policy, ReceivedShares shares, Regions regions) {
		this.catalog = catalog;
		this.policy = policy;
		this.shares = shares;
		this.regions = regions;
	}

	public VisibleImage visible(BerthUser user, String organization, String name) {
		CatalogImage image = this.catalog.find(organization, name).orElseThrow(ImageAccess::notFound);
		return view(user, image).orElseThrow(() -> hidden(user, image));
	}

	public VisibleImage visible(BerthUser user, long imageId) {
		CatalogImage image = this.catalog.findById(imageId).orElseThrow(ImageAccess::notFound);
		return view(user, image).orElseThrow(() -> hidden(user, image));
	}

	/**
	 * A 404 either way; to an account whose share of it was revoked, one that says so (and nothing
	 * else about the image) and leads to the images still shared with it.
	 */
	private NotFoundException hidden(BerthUser user, CatalogImage image) {
		return this.shares.wasRevoked(image.image().id(), user.accountId())
				? new NotFoundException("problem.404.noLongerShared").leadingTo("/images/from-others",
						"error.back.fromOthers")
				: notFound();
	}

	/** The image as the user sees it, or empty when the user may not see it at all. */
	public Optional<VisibleImage> view(BerthUser user, CatalogImage image) {
		Optional<Viewer> viewer = this.policy.onImage(user, image.organization(), image.image().id())
			.map(Viewer::owner);
		if (viewer.isEmpty() && !image.image().isPrivate()) {
			viewer = Optional.of(Viewer.publicReader());
		}
		if (viewer.isEmpty() && user.reachesSharedImages()) {
			viewer = this.shares.of(image.image().id(), user.accountId()).map(Viewer::grantee);
		}
		return viewer.map(v -> new VisibleImage(image.organization(), image.image(), image.owner(), v,
				this.regions.registryAddress(image.owner().region())));
	}

	private static NotFoundException notFound() {
		return new NotFoundException("problem.404.image");
	}

	/**
	 * An image as one user may see it, and the registry that holds it: its owner's region's (a public
	 * image of another region is not pulled from the viewer's).
	 */
	public record VisibleImage(Organization organization, Image image, Account owner, Viewer viewer,
			String registryAddress) {

		public String path() {
			return this.organization.name() + "/" + this.image.name();
		}

		public String url() {
			return "/images/" + path();
		}

		/**
		 * The owner side of a private image has a Sharing tab; so has a public one that is still shared
		 * (made public before that was refused), so that its shares can be seen and revoked.
		 */
		public boolean hasSharingTab() {
			return this.viewer.ownerSide() && (this.image.isPrivate() || this.image.shareCount() > 0);
		}

	}

}

package dev.berth.images;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import dev.berth.accounts.AccessPolicy;
import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageCatalog.CatalogImage;
import dev.berth.sharing.ShareRepository;
import dev.berth.system.NotFoundException;

import org.springframework.stereotype.Component;

/**
 * Decides whether a user may see an image at all, and as what. An image that does not exist and
 * one the user may not see are the same 404.
 */
@Component
public class ImageAccess {

	private final ImageCatalog catalog;

	private final AccessPolicy policy;

	private final ShareRepository shares;

	private final AccountRepository accounts;

	private final Clock clock;

	ImageAccess(ImageCatalog catalog, AccessPolicy policy, ShareRepository shares, AccountRepository accounts,
			Clock clock) {
		this.catalog = catalog;
		this.policy = policy;
		this.shares = shares;
		this.accounts = accounts;
		this.clock = clock;
	}

	public VisibleImage visible(BerthUser user, String organization, String name) {
		return this.catalog.find(organization, name)
			.flatMap(image -> view(user, image))
			.orElseThrow(() -> new NotFoundException("Image " + organization + "/" + name));
	}

	public VisibleImage visible(BerthUser user, long imageId) {
		return this.catalog.findById(imageId)
			.flatMap(image -> view(user, image))
			.orElseThrow(() -> new NotFoundException("Image " + imageId));
	}

	private Optional<VisibleImage> view(BerthUser user, CatalogImage image) {
		Account owner = this.accounts.findById(image.organization().accountId()).orElseThrow();
		Optional<Viewer> viewer = this.policy.onImage(user, image.image().id()).map(Viewer::owner);
		if (viewer.isEmpty() && !image.image().isPrivate()) {
			viewer = Optional.of(Viewer.publicReader());
		}
		if (viewer.isEmpty() && image.image().isPrivate()) {
			viewer = this.shares.findByImageIdAndGranteeAccountId(image.image().id(), user.accountId())
				.map(share -> Viewer.grantee(share, LocalDate.now(this.clock)));
		}
		return viewer.map(v -> new VisibleImage(image.organization(), image.image(), owner, v));
	}

	/** An image as one user may see it. */
	public record VisibleImage(Organization organization, Image image, Account owner, Viewer viewer) {

		public String path() {
			return this.organization.name() + "/" + this.image.name();
		}

		public String url() {
			return "/images/" + path();
		}

	}

}

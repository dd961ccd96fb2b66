package dev.berth.images;

import java.util.Optional;
import java.util.Set;

import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Regions;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog.CatalogImage;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import org.junit.jupiter.api.Test;

import static dev.berth.testing.Fixtures.ACME;
import static dev.berth.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** How a user sees an image they may see: here, which registry its pull commands name. */
class ImageAccessTests {

	final ImageCatalog catalog = mock(ImageCatalog.class);

	final AccessPolicy policy = mock(AccessPolicy.class);

	final Regions regions = mock(Regions.class);

	final ImageAccess access = new ImageAccess(this.catalog, this.policy, mock(ReceivedShares.class), this.regions);

	/**
	 * dave (ap-southeast-1) may open acme's public image (eu-west-1): its registry is eu-west-1's,
	 * where it is, not his region's (with a registry for each region, his would not hold it).
	 */
	@Test
	void publicImageOfAnotherRegionThenTheRegistryOfItsOwnRegion() {
		Organization acmePublic = new Organization(11L, "acme-public", ACME.id(), ACME.region(), NOW);
		Image hello = new Image(200L, acmePublic.id(), ACME.id(), ACME.region(), "acme-public", "hello",
				Visibility.PUBLIC, "", "", NOW, NOW, Set.of(), 0, 0, 0);
		given(this.catalog.find("acme-public", "hello")).willReturn(Optional.of(new CatalogImage(acmePublic, hello, ACME)));
		given(this.policy.onImage(any(), any(), anyLong())).willReturn(Optional.empty());
		given(this.regions.registryAddress("eu-west-1")).willReturn("registry.eu.example.com");
		given(this.regions.registryAddress("ap-southeast-1")).willReturn("registry.ap.example.com");
		BerthUser dave = new BerthUser(4L, "dave", null, 3L, "initech", "ap-southeast-1", true);

		VisibleImage seen = this.access.visible(dave, "acme-public", "hello");

		assertThat(seen.viewer().ownerSide()).isFalse();
		assertThat(seen.registryAddress()).isEqualTo("registry.eu.example.com");
	}

}

package dev.berth.images;

import java.time.Instant;
import java.util.List;

import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.organizations.GrantTarget;
import dev.berth.organizations.Grants;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.support.PageOf;
import dev.berth.testing.DemoSlice;
import dev.berth.testing.DemoUsers;
import dev.berth.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The list queries of My Images against the demo data: search, filter, sort, paging, visibility. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
@Import(ImageCatalog.class)
class ImageCatalogTests {

	static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	@Autowired
	ImageCatalog catalog;

	@Autowired
	ImageRepository images;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	Grants grants;

	@Autowired
	AccountRepository accounts;


	@Autowired
	DemoUsers demo;

	BerthUser alice;

	BerthUser bob;

	BerthUser carol;

	BerthUser dave;

	Organization acmeApps;

	@BeforeEach
	void demo() {
		this.alice = this.demo.get("alice");
		this.bob = this.demo.get("bob");
		this.carol = this.demo.get("carol");
		this.dave = this.demo.get("dave");
		this.acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
	}

	static ImageFilter search(String q) {
		return new ImageFilter(q, null, "name", "asc", 1, 10, false);
	}

	private List<String> privatePaths(BerthUser user, ImageFilter filter) {
		return this.catalog.ownImages(user, Visibility.PRIVATE, filter).items().stream().map(ImageRow::path).toList();
	}

	private void privateImage(String name, long size) {
		this.images.save(Image.create(this.acmeApps, name, Visibility.PRIVATE, "Test", "", NOW)
			.withTag(new Tag("latest", "sha256:" + "e".repeat(64), size, NOW), NOW));
	}

	@Test
	void findWhenImageHasTagsThenTheImageTheRepositoryLoadsWithItsOrganization() {
		Image nginx = this.images.findByOrganizationIdAndName(this.acmeApps.id(), "nginx").orElseThrow();

		ImageCatalog.CatalogImage found = this.catalog.find("acme-apps", "nginx").orElseThrow();

		assertThat(found.organization()).isEqualTo(this.acmeApps);
		assertThat(found.owner()).isEqualTo(this.accounts.findById(this.acmeApps.accountId()).orElseThrow());
		assertThat(found.image()).isEqualTo(this.images.findById(nginx.id()).orElseThrow());
		assertThat(found.image().tags()).extracting(Tag::name).containsExactlyInAnyOrder("1.25", "1.26", "latest");
		assertThat(this.catalog.findById(nginx.id())).contains(found);
	}

	@Test
	void findWhenImageHasNoTagThenItWithoutTags() {
		Image empty = this.images.save(Image.create(this.acmeApps, "empty", Visibility.PRIVATE, "Test", "", NOW));

		assertThat(this.catalog.find("acme-apps", "empty")).map(ImageCatalog.CatalogImage::image)
			.contains(this.images.findById(empty.id()).orElseThrow());
		assertThat(this.catalog.findById(empty.id()).orElseThrow().image().tags()).isEmpty();
	}

	@Test
	void findWhenNoSuchImageThenEmpty() {
		assertThat(this.catalog.find("acme-apps", "nope")).isEmpty();
		assertThat(this.catalog.find("nope", "nginx")).isEmpty();
		assertThat(this.catalog.findById(-1)).isEmpty();
	}

	@Test
	void ownImagesWhenAdministratorThenEveryPrivateImageOfTheAccount() {
		assertThat(privatePaths(this.alice, search(null))).containsExactly("acme-apps/billing/api",
				"acme-apps/internal-tools", "acme-apps/nginx");
	}

	@Test
	void ownImagesWhenOtherAccountThenNoneOfAcme() {
		assertThat(privatePaths(this.carol, search(null))).containsExactly("globex-ml/trainer");
	}

	@Test
	void ownImagesWhenBobHoldsReadOnTheOrganizationThenItsImages() {
		assertThat(privatePaths(this.bob, search(null))).containsExactly("acme-apps/billing/api",
				"acme-apps/internal-tools", "acme-apps/nginx");
		assertThat(this.catalog.organizationNames(this.bob)).containsExactly("acme-apps");
	}

	@Test
	void ownImagesWhenBobHoldsOnlyAnImageGrantThenOnlyThatImage() {
		long nginx = this.catalog.find("acme-apps", "nginx").orElseThrow().image().id();
		this.grants.revoke(null, GrantTarget.organization(this.acmeApps), Members.of(this.bob));
		// The same query twice around a change: H2 must not answer the second from its result cache.
		assertThat(privatePaths(this.bob, search(null))).isEmpty();
		this.grants.grant(null, GrantTarget.image(this.acmeApps, nginx, "acme-apps/nginx"), Members.of(this.bob),
				Permission.READ);
		assertThat(privatePaths(this.bob, search(null))).containsExactly("acme-apps/nginx");
		assertThat(this.catalog.organizationNames(this.bob)).containsExactly("acme-apps");
	}

	@Test
	void searchWhenQueryHasPercentThenMatchedLiterallyNotAsWildcard() {
		privateImage("50%off", 1);
		privateImage("50xoff", 1);
		assertThat(privatePaths(this.alice, search("50%"))).containsExactly("acme-apps/50%off");
		assertThat(privatePaths(this.alice, search("%"))).containsExactly("acme-apps/50%off");
	}

	@Test
	void searchWhenQueryHasUnderscoreThenMatchedLiterallyNotAsAnyCharacter() {
		privateImage("my_app", 1);
		privateImage("myxapp", 1);
		assertThat(privatePaths(this.alice, search("y_a"))).containsExactly("acme-apps/my_app");
	}

	@Test
	void searchWhenQueryHasBackslashThenMatchedLiterally() {
		privateImage("back\\slash", 1);
		assertThat(privatePaths(this.alice, search("k\\s"))).containsExactly("acme-apps/back\\slash");
	}

	@Test
	void searchIgnoresCaseAndMatchesInsideTheName() {
		assertThat(privatePaths(this.alice, search("GIN"))).containsExactly("acme-apps/nginx");
		assertThat(privatePaths(this.alice, search("api"))).containsExactly("acme-apps/billing/api");
	}

	@Test
	void organizationFilterKeepsOnlyThatOrganization() {
		Organization other = this.organizations
			.save(Organization.create("acme-other", this.acmeApps.accountId(), this.acmeApps.region(), NOW));
		this.images.save(Image.create(other, "nginx", Visibility.PRIVATE, "Web", "", NOW));
		ImageFilter filter = new ImageFilter("nginx", "acme-other", "name", "asc", 1, 10, false);
		assertThat(privatePaths(this.alice, filter)).containsExactly("acme-other/nginx");
		assertThat(privatePaths(this.alice, search("nginx"))).containsExactly("acme-apps/nginx", "acme-other/nginx");
	}

	@Test
	void sortBySizeOrdersBothWays() {
		privateImage("huge", 9_000_000_000L);
		privateImage("tiny", 1);
		List<String> ascending = privatePaths(this.alice, new ImageFilter(null, null, "size", "asc", 1, 10, false));
		List<String> descending = privatePaths(this.alice, new ImageFilter(null, null, "size", "desc", 1, 10, false));
		assertThat(ascending).first().isEqualTo("acme-apps/tiny");
		assertThat(descending).first().isEqualTo("acme-apps/huge");
		List<String> reversed = new java.util.ArrayList<>(ascending);
		java.util.Collections.reverse(reversed);
		assertThat(descending).containsExactlyElementsOf(reversed);
	}

	@Test
	void sortByNameDescendingReversesTheOrder() {
		assertThat(privatePaths(this.alice, new ImageFilter(null, null, "name", "desc", 1, 10, false)))
			.containsExactly("acme-apps/nginx", "acme-apps/internal-tools", "acme-apps/billing/api");
	}

	@Test
	void pagingWhenTwelveImagesThenTenOnTheFirstPageAndTwoOnTheSecond() {
		for (int i = 0; i < 9; i++) {
			privateImage("page-" + i, 1);
		}
		PageOf<ImageRow> first = this.catalog.ownImages(this.alice, Visibility.PRIVATE,
				new ImageFilter(null, null, "name", "asc", 1, 10, false));
		PageOf<ImageRow> second = this.catalog.ownImages(this.alice, Visibility.PRIVATE,
				new ImageFilter(null, null, "name", "asc", 2, 10, false));
		assertThat(first.total()).isEqualTo(12);
		assertThat(first.items()).hasSize(10);
		assertThat(first.pages()).isEqualTo(2);
		assertThat(second.items()).hasSize(2);
		assertThat(second.hasNext()).isFalse();
		assertThat(second.items()).extracting(ImageRow::path).doesNotContainAnyElementsOf(
				first.items().stream().map(ImageRow::path).toList());
	}

	@Test
	void pagingWhenAPagePastTheEndThenTheLastPage() {
		for (int i = 0; i < 9; i++) {
			privateImage("page-" + i, 1);
		}
		ImageFilter pageSeven = new ImageFilter(null, null, "name", "asc", 7, 10, false);
		assertThat(this.catalog.ownImages(this.alice, Visibility.PRIVATE, pageSeven).page()).isEqualTo(2);
		assertThat(privatePaths(this.alice, pageSeven)).hasSize(2)
			.containsExactlyElementsOf(privatePaths(this.alice, pageSeven.withPage(2)));
	}

	@Test
	void publicImagesWhenSameRegionThenListedWhateverTheAccount() {
		assertThat(this.catalog.publicImages(this.carol, ImageFilter.defaults()).items()).extracting(ImageRow::path)
			.containsExactly("acme-public/hello");
	}

	@Test
	void publicImagesWhenOtherRegionThenNotListed() {
		assertThat(this.catalog.publicImages(this.dave, ImageFilter.defaults()).items()).isEmpty();
	}

	@Test
	void sharedFilterWhenNoSharesThenEmpty() {
		assertThat(privatePaths(this.alice, new ImageFilter(null, null, "name", "asc", 1, 10, true))).isEmpty();
	}

}

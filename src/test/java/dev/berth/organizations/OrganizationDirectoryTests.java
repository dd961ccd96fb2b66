package dev.berth.organizations;

import dev.berth.accounts.BerthUser;
import dev.berth.images.Image;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageFilter;
import dev.berth.images.ImageRepository;
import dev.berth.images.ImageRow;
import dev.berth.images.Visibility;
import dev.berth.organizations.Grants;
import dev.berth.organizations.OrganizationDirectory.OrganizationSummary;
import dev.berth.organizations.OrganizationImages.OrganizationImage;
import dev.berth.organizations.Permission;
import dev.berth.testing.DemoSlice;
import dev.berth.testing.DemoUsers;
import dev.berth.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which organizations a user sees, with which images and permission, against the demo data. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
@Import({ OrganizationDirectory.class, ImageCatalog.class })
// The images module's implementation of OrganizationImages, found by type.
@ComponentScan(basePackageClasses = ImageCatalog.class, useDefaultFilters = false,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = OrganizationImages.class))
@RecordApplicationEvents
class OrganizationDirectoryTests {

	@Autowired
	ApplicationEvents events;

	@Autowired
	OrganizationDirectory directory;

	@Autowired
	ImageCatalog catalog;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	Grants grants;

	@Autowired
	DemoUsers demo;

	BerthUser alice;

	BerthUser bob;

	BerthUser carol;

	@BeforeEach
	void demo() {
		this.alice = this.demo.get("alice");
		this.bob = this.demo.get("bob");
		this.carol = this.demo.get("carol");
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	ImageRepository images;

	/**
	 * An organization is created in its account's region: its public images, and it in the
	 * Organization filter, are listed to the accounts of that region (dave's initech, ap-southeast-1)
	 * and to no other (carol's globex, eu-west-1).
	 */
	@Test
	void createThenItsPublicImagesListedInItsAccountsRegionOnly() {
		BerthUser dave = this.demo.get("dave");
		Organization created = this.directory.create(dave, "initech-public");
		this.images.save(Image.create(created, "site", Visibility.PUBLIC, "Web", "", created.createdAt()));

		assertThat(this.catalog.publicOrganizationNames(dave)).containsExactly("initech-public");
		assertThat(this.catalog.publicImages(dave, ImageFilter.defaults()).items())
			.extracting(ImageRow::path)
			.containsExactly("initech-public/site");
		assertThat(this.catalog.publicOrganizationNames(this.carol)).containsExactly("acme-public");
		assertThat(this.catalog.publicImages(this.carol, ImageFilter.defaults()).items())
			.extracting(ImageRow::path)
			.containsExactly("acme-public/hello");
	}

	/** An organization is not created in an account an operator deleted meanwhile (its deletion checks it owns none). */
	@Test
	void createWhenTheAccountWasDeletedMeanwhileThenNotFoundAndNoneCreated() {
		this.jdbc.sql("update account set deleted_at = created_at where name = 'globex'").update();
		assertThat(catchThrowableOfType(dev.berth.support.NotFoundException.class,
				() -> this.directory.create(this.carol, "globex-late"))).isNotNull();
		assertThat(this.organizations.findByName("globex-late")).isEmpty();
	}

	@Test
	void deleteWhenEmptyThenGoneWithItsPermissionsAndOnRecordAndWhenItHoldsImagesThenRefusedByItsImages() {
		Organization empty = this.directory.create(this.alice, "acme-empty");
		this.grants.grant(this.alice, GrantTarget.organization(empty), Members.of(this.bob), Permission.READ);

		assertThat(this.directory.delete(this.alice, empty)).isTrue();
		assertThat(this.directory.delete(this.alice, empty)).as("deleted just before").isFalse();

		assertThat(this.organizations.findByName("acme-empty")).isEmpty();
		assertThat(this.directory.nameRetired("acme-empty")).isTrue();
		assertThat(catchThrowableOfType(org.springframework.dao.DuplicateKeyException.class,
				() -> this.directory.create(this.carol, "acme-empty"))).as("never another account's").isNotNull();
		assertThat(this.jdbc.sql("select count(*) from organization_grant where organization_id = :id")
			.param("id", empty.id()).query(Integer.class).single()).isZero();
		assertThat(this.events.stream(OrganizationDeleted.class))
			.containsExactly(new OrganizationDeleted("alice", empty.accountId(), empty.id(), "acme-empty",
					java.util.Map.of("bob", Permission.READ)));
		Organization withImages = this.organizations.findByName("acme-apps").orElseThrow();
		assertThat(catchThrowableOfType(org.springframework.dao.DataIntegrityViolationException.class,
				() -> this.directory.delete(this.alice, withImages))).isNotNull();
		// (On PostgreSQL the test's transaction ends with the refusal: nothing more is read in it.)
	}

	@Test
	void summariesWhenAdministratorThenEveryOrganizationOfTheAccountWithImageCounts() {
		assertThat(this.directory.summaries(this.alice)).containsExactly(
				new OrganizationSummary(id("acme-apps"), "acme-apps", 3, Permission.MANAGE),
				new OrganizationSummary(id("acme-public"), "acme-public", 1, Permission.MANAGE));
	}

	@Test
	void summariesWhenBobThenOnlyTheOrganizationHeHoldsAGrantOn() {
		assertThat(this.directory.summaries(this.bob))
			.containsExactly(new OrganizationSummary(id("acme-apps"), "acme-apps", 3, Permission.READ));
	}

	@Test
	void summariesWhenOnlyAnImageGrantThenTheOrganizationWithThatImageAndNoOrganizationPermission() {
		Organization acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		this.grants.revoke(null, GrantTarget.organization(acmeApps), Members.of(this.bob));
		this.grants.grant(null, GrantTarget.image(acmeApps, imageId("nginx"), "acme-apps/nginx"), Members.of(this.bob),
				Permission.EDIT);
		assertThat(this.directory.summaries(this.bob))
			.containsExactly(new OrganizationSummary(id("acme-apps"), "acme-apps", 1, null));
		var visible = this.directory.visible(this.bob, "acme-apps").orElseThrow();
		assertThat(visible.permission()).isNull();
		assertThat(visible.canManage()).isFalse();
		assertThat(visible.images()).extracting(OrganizationImage::name).containsExactly("nginx");
	}

	@Test
	void visibleWhenOrganizationOfAnotherAccountThenEmpty() {
		assertThat(this.directory.visible(this.carol, "acme-apps")).isEmpty();
		assertThat(this.directory.visible(this.alice, "globex-ml")).isEmpty();
	}

	@Test
	void visibleWhenNoGrantAtAllThenEmpty() {
		assertThat(this.directory.visible(this.bob, "acme-public")).isEmpty();
	}

	@Test
	void visibleWhenMissingThenEmpty() {
		assertThat(this.directory.visible(this.alice, "acme-nothing")).isEmpty();
	}

	@Test
	void visibleWhenOrganizationGrantThenAllItsImagesSortedByName() {
		var visible = this.directory.visible(this.bob, "acme-apps").orElseThrow();
		assertThat(visible.permission()).isEqualTo(Permission.READ);
		assertThat(visible.images()).extracting(OrganizationImage::name)
			.containsExactly("billing/api", "internal-tools", "nginx");
	}

	@Test
	void createThenListedForTheAdministratorWithNoImages() {
		this.directory.create(this.alice, "acme-data");
		assertThat(this.directory.nameTaken("acme-data")).isTrue();
		assertThat(this.directory.summaries(this.alice)).extracting(OrganizationSummary::name)
			.containsExactly("acme-apps", "acme-data", "acme-public");
		assertThat(this.directory.summaries(this.bob)).extracting(OrganizationSummary::name)
			.containsExactly("acme-apps");
	}

	private long id(String organization) {
		return this.organizations.findByName(organization).orElseThrow().id();
	}

	private long imageId(String name) {
		return this.catalog.find("acme-apps", name).orElseThrow().image().id();
	}

}

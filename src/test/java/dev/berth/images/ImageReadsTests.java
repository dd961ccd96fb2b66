package dev.berth.images;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.testing.DemoSlice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An image is read with its tags on one database connection, also outside a transaction: its tags
 * come from a second query, which took a second connection from the pool while the image's held
 * the first, so that 30 requests reading images at once held all 30 connections, each waiting for
 * another (600 simultaneous shares were answered 503 "no connection"). Here the pool has two
 * connections (Flyway needs both to start) and the test holds one while it reads.
 */
@DataJdbcTest(properties = { "spring.datasource.hikari.maximum-pool-size=2",
		"spring.datasource.hikari.connection-timeout=250" })
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ImageReadsTests {

	static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

	@Autowired
	ImageRepository images;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	DataSource dataSource;

	@Test
	void imageByOrganizationAndNameWithItsTagsOnOneConnection() throws SQLException {
		Organization apps = this.organizations.findByName("acme-apps").orElseThrow();

		Image nginx = whileOneConnectionIsHeld(
				() -> this.images.findByOrganizationIdAndName(apps.id(), "nginx").orElseThrow());

		assertThat(nginx.tags()).extracting(Tag::name).contains("1.25");
	}

	@Test
	void imagesOfAnOrganizationWithTheirTagsOnOneConnection() throws SQLException {
		Organization apps = this.organizations.findByName("acme-apps").orElseThrow();

		List<Image> images = whileOneConnectionIsHeld(() -> this.images.findByOrganizationId(apps.id()));

		assertThat(images).extracting(Image::name).contains("nginx");
		assertThat(images).allSatisfy(image -> assertThat(image.tagCount()).isEqualTo(image.tags().size()));
	}

	@Test
	void pageOfAllImagesWithTheirTagsOnOneConnection() throws SQLException {
		List<Image> page = whileOneConnectionIsHeld(() -> this.images.findByIdGreaterThanOrderById(0L, Limit.of(3)));

		assertThat(page).hasSize(3).allSatisfy(image -> assertThat(image.tags()).isNotEmpty());
	}

	/** The read-only transaction is the query methods' only: saving outside a transaction still writes. */
	@Test
	void imageSavedOutsideATransaction() {
		Organization apps = this.organizations.findByName("acme-apps").orElseThrow();
		Tag tag = new Tag("1.0", "sha256:" + "c".repeat(64), 1_000L, NOW);
		Image saved = this.images
			.save(Image.create(apps, "reads/saved", Visibility.PRIVATE, "Other", "", NOW).withTag(tag, NOW));
		try {
			assertThat(this.images.findByOrganizationIdAndName(apps.id(), "reads/saved")).get()
				.extracting(Image::tags)
				.isEqualTo(Set.of(tag));
		}
		finally {
			this.images.delete(saved);
		}
	}

	/** What {@code read} returns while the test holds one of the pool's two connections. */
	private <T> T whileOneConnectionIsHeld(Supplier<T> read) throws SQLException {
		try (Connection held = this.dataSource.getConnection()) {
			return read.get();
		}
	}

}

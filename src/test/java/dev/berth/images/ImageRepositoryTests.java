package dev.berth.images;

import java.time.Instant;
import java.util.Set;

import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.testing.DemoSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
class ImageRepositoryTests {

	static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	@Autowired
	ImageRepository images;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	AccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	Organization apps;

	@BeforeEach
	void organization() {
		Account acme = this.accounts.save(Account.create("northwind", "eu-west-1", NOW));
		this.apps = this.organizations.save(Organization.create("nw-apps", acme.id(), acme.region(), NOW));
	}

	@Test
	void saveWithTagsThenReloadedWithTheSameTags() {
		Tag latest = new Tag("latest", "sha256:" + "a".repeat(64), 7_340_032L, NOW);
		Tag old = new Tag("1.25", "sha256:" + "b".repeat(64), 6_000_000L, NOW.minusSeconds(86_400));
		Image saved = this.images.save(Image.create(this.apps, "billing/api", Visibility.PRIVATE, "Application",
				"Billing REST API", NOW)
			.withTag(latest, NOW)
			.withTag(old, NOW));

		Image reloaded = this.images.findById(saved.id()).orElseThrow();
		assertThat(reloaded.tags()).containsExactlyInAnyOrder(latest, old);
		assertThat(reloaded.tagsNewestFirst()).extracting(Tag::name).containsExactly("latest", "1.25");
		assertThat(reloaded.size()).isEqualTo(13_340_032L);
		assertThat(reloaded.name()).isEqualTo("billing/api");
		assertThat(reloaded.visibility()).isEqualTo(Visibility.PRIVATE);
	}

	/** Two tags of one digest are one image pushed under two names: its size once, as stored for the lists. */
	@Test
	void saveWithTwoTagsOfOneDigestThenItsSizeCountedOnce() {
		Image saved = this.images.save(Image.create(this.apps, "worker", Visibility.PRIVATE, "Application", "", NOW)
			.withTag(new Tag("latest", "sha256:" + "a".repeat(64), 7_000_000L, NOW), NOW)
			.withTag(new Tag("1.25", "sha256:" + "a".repeat(64), 7_000_000L, NOW), NOW)
			.withTag(new Tag("1.24", "sha256:" + "b".repeat(64), 6_000_000L, NOW), NOW));

		assertThat(this.images.findById(saved.id()).orElseThrow().size()).isEqualTo(13_000_000L);
		assertThat(this.jdbc.sql("select total_size from image where id = :id").param("id", saved.id())
			.query(Long.class).single()).isEqualTo(13_000_000L);
	}

	@Test
	void saveWhenTagReplacedAndRemovedThenReloadedWithoutIt() {
		Image saved = this.images.save(Image.create(this.apps, "nginx", Visibility.PRIVATE, "Web", "", NOW)
			.withTag(new Tag("latest", "sha256:" + "a".repeat(64), 10, NOW), NOW)
			.withTag(new Tag("old", "sha256:" + "c".repeat(64), 10, NOW), NOW));
		Tag moved = new Tag("latest", "sha256:" + "d".repeat(64), 20, NOW.plusSeconds(60));
		this.images.save(this.images.findById(saved.id()).orElseThrow().withTag(moved, NOW).withoutTag("old", NOW));

		assertThat(this.images.findById(saved.id()).orElseThrow().tags()).isEqualTo(Set.of(moved));
	}

	/** The form counts characters as a person does (MaxCharacters): 1,000 emoji fit the column too. */
	@Test
	void saveWhenDescriptionAndCategoryAreEmojiToTheLimitThenReloadedAsTheyWere() {
		String description = "🚀".repeat(1000);
		String category = "🐳".repeat(64);
		Image saved = this.images.save(Image.create(this.apps, "emoji", Visibility.PRIVATE, category, description, NOW));

		Image reloaded = this.images.findById(saved.id()).orElseThrow();
		assertThat(reloaded.description()).isEqualTo(description);
		assertThat(reloaded.category()).isEqualTo(category);
	}

	@Test
	void findByOrganizationIdAndNameWhenNameHasSlashesThenFound() {
		this.images.save(Image.create(this.apps, "team/service/api", Visibility.PUBLIC, "Web", "", NOW));
		assertThat(this.images.findByOrganizationIdAndName(this.apps.id(), "team/service/api")).isPresent();
		assertThat(this.images.findByOrganizationIdAndName(this.apps.id(), "team/service")).isEmpty();
	}

	@Test
	void saveWhenNameExistsInTheOrganizationThenDuplicateKey() {
		this.images.save(Image.create(this.apps, "nginx", Visibility.PRIVATE, "Web", "", NOW));
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(
				() -> this.images.save(Image.create(this.apps, "nginx", Visibility.PUBLIC, "Web", "", NOW)));
	}

}

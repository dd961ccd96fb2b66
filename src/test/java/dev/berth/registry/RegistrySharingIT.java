package dev.berth.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.berth.images.Image;
import dev.berth.images.ImageCatalog;
import dev.berth.sharing.Share;
import dev.berth.testing.MutableClock;
import dev.berth.testing.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A share is enforced on every real pull: carol (globex) pulls alice's private image only while a
 * valid share exists; revoking it or passing midnight UTC after Valid Until ends it. What a token
 * carol got before the revoke still allows is {@code reliability.RevokedTokenLeewayIT}'s.
 */
@TestPropertySource(properties = "berth.registry.demo-images=false")
@Import(TestClockConfiguration.class)
class RegistrySharingIT extends RegistryIntegration {

	static final String REPOSITORY = "acme-apps/shared";

	@Autowired
	MutableClock clock;

	ImageBuilder.BuiltImage image;

	Image shared;

	@BeforeEach
	void pushPrivateImage() {
		this.image = ImageBuilder.build("secret.txt", "acme's shared content\n");
		RegistryTesting.Result push = this.skopeo.push(layout(this.image, "1.0"), REPOSITORY, "1.0", ALICE);
		assertThat(push.succeeded()).as(push.output()).isTrue();
		this.shared = await().atMost(Duration.ofSeconds(15))
			.until(() -> this.catalog.findByPath(REPOSITORY).map(ImageCatalog.CatalogImage::image),
					found -> found.flatMap(i -> i.tag("1.0")).isPresent())
			.orElseThrow();
	}

	@AfterEach
	void reset() {
		this.shares.findByImageId(this.shared.id()).forEach(this.shares::delete);
		this.clock.reset();
	}

	@Test
	void pullWhenSharedThenAllowedWithPushedContent() throws IOException {
		RegistryTesting.Result before = this.skopeo.inspect(REPOSITORY, "1.0", CAROL);
		share(null);

		Path out = this.work.resolve("pulled");
		RegistryTesting.Result pull = this.skopeo.pull(REPOSITORY, "1.0", CAROL, out);

		assertThat(before.denied()).as(before.output()).isTrue();
		assertThat(pull.succeeded()).as(pull.output()).isTrue();
		assertThat(out.resolve(RegistryTesting.hex(this.image.layerDigest()))).hasBinaryContent(this.image.layer());
	}

	@Test
	void pullWhenShareRevokedThenDenied() {
		Share share = share(null);
		RegistryTesting.Result whileShared = this.skopeo.inspect(REPOSITORY, "1.0", CAROL);

		this.shares.delete(share);
		RegistryTesting.Result afterRevoke = this.skopeo.inspect(REPOSITORY, "1.0", CAROL);

		assertThat(whileShared.succeeded()).as(whileShared.output()).isTrue();
		assertThat(afterRevoke.denied()).as(afterRevoke.output()).isTrue();
	}

	@Test
	void pullWhenShareExpiredThenDenied() {
		LocalDate validUntil = LocalDate.now(this.clock);
		share(validUntil);
		this.clock.set(validUntil.atTime(23, 59, 59).toInstant(ZoneOffset.UTC));
		RegistryTesting.Result lastSecond = this.skopeo.inspect(REPOSITORY, "1.0", CAROL);

		this.clock.set(validUntil.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		RegistryTesting.Result nextDay = this.skopeo.inspect(REPOSITORY, "1.0", CAROL);

		assertThat(lastSecond.succeeded()).as(lastSecond.output()).isTrue();
		assertThat(nextDay.denied()).as(nextDay.output()).isTrue();
	}

	@Test
	void pullBySharedAccountThenPullEventRecordedAndOwnerPullNot() {
		share(null);

		RegistryTesting.Result owner = this.skopeo.inspect(REPOSITORY, "1.0", ALICE);
		RegistryTesting.Result grantee = this.skopeo.inspect(REPOSITORY, "1.0", CAROL);

		assertThat(owner.succeeded()).as(owner.output()).isTrue();
		assertThat(grantee.succeeded()).as(grantee.output()).isTrue();
		await().atMost(Duration.ofSeconds(15)).until(() -> pullEvents("carol"), count -> count > 0);
		assertThat(pullEvents("alice")).isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from pull_event p join account a on a.id = p.puller_account_id
				where p.image_id = :image and a.name = 'globex' and p.digest = :digest and p.tag = '1.0'
				""").param("image", this.shared.id()).param("digest", this.image.manifestDigest())
			.query(Integer.class)
			.single()).isPositive();
	}

	private int pullEvents(String username) {
		return this.jdbc.sql("select count(*) from pull_event where image_id = :image and username = :username")
			.param("image", this.shared.id())
			.param("username", username)
			.query(Integer.class)
			.single();
	}

	private Share share(LocalDate validUntil) {
		long globex = this.accounts.findByName("globex").orElseThrow().id();
		return this.shares.save(Share.create(this.shared, "acme", globex, validUntil, "", "alice", this.clock.instant()));
	}

}

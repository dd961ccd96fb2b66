package dev.berth.system;

import java.util.List;

import dev.berth.accounts.BerthUser;
import dev.berth.accounts.UserRepository;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageFilter;
import dev.berth.images.ImageRow;
import dev.berth.images.Visibility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations and list queries on PostgreSQL, the database for more than one machine.
 * {@code .ci/run} starts a local PostgreSQL and creates an empty {@code berth_test} database;
 * {@code BERTH_TEST_POSTGRES_URL} points elsewhere.
 */
@SpringBootTest(properties = "berth.registry.managed=false")
class PostgresTests {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> System.getenv()
			.getOrDefault("BERTH_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/berth_test"));
		registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("BERTH_TEST_POSTGRES_USER", "berth"));
		registry.add("spring.datasource.password",
				() -> System.getenv().getOrDefault("BERTH_TEST_POSTGRES_PASSWORD", "berth"));
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ImageCatalog catalog;

	@Autowired
	UserRepository users;

	@Test
	void migrationsRunOnPostgresAndTheDemoIsLoadedOnce() {
		assertThat(this.jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
		assertThat(this.jdbc.sql("select count(*) from account").query(Integer.class).single()).isEqualTo(4);
		assertThat(this.jdbc.sql("select count(*) from installation where name = 'demo-loaded'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void privateImagesSearchSortAndPageOnPostgres() {
		BerthUser alice = user("alice");
		List<ImageRow> bySize = this.catalog
			.ownImages(alice, Visibility.PRIVATE, new ImageFilter(null, null, "size", "asc", 1, 10, false))
			.items();
		assertThat(bySize).extracting(ImageRow::path)
			.containsExactly("acme-apps/internal-tools", "acme-apps/billing/api", "acme-apps/nginx");
		assertThat(this.catalog.ownImages(alice, Visibility.PRIVATE, new ImageFilter("NGI", null, null, null, 1, 10, false))
			.items()).extracting(ImageRow::path).containsExactly("acme-apps/nginx");
		assertThat(this.catalog.ownImages(alice, Visibility.PRIVATE, new ImageFilter("%", null, null, null, 1, 10, false))
			.total()).isZero();
	}

	@Test
	void bobSeesOnlyWhatHisGrantAllowsOnPostgres() {
		BerthUser bob = user("bob");
		assertThat(this.catalog.ownImages(bob, Visibility.PRIVATE, ImageFilter.defaults()).items())
			.extracting(ImageRow::organization)
			.containsOnly("acme-apps");
		assertThat(this.catalog.ownImages(bob, Visibility.PUBLIC, ImageFilter.defaults()).total()).isZero();
	}

	private BerthUser user(String username) {
		var user = this.users.findByUsername(username).orElseThrow();
		var account = this.jdbc.sql("select name, region from account where id = :id")
			.param("id", user.accountId())
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
		return new BerthUser(user.id(), user.username(), user.password(), user.accountId(), account[0], account[1],
				user.administrator());
	}

}

package dev.berth.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.berth.BerthApplication;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.User;
import dev.berth.accounts.UserRepository;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageFilter;
import dev.berth.images.ImageRow;
import dev.berth.images.Visibility;
import dev.berth.organizations.OrganizationDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The Flyway migrations, the demo data and the list queries on a real PostgreSQL 15: a throwaway
 * cluster in a temporary folder on a loopback port. PostgreSQL refuses to run as root, so as root
 * the cluster belongs to the {@code postgres} user and its commands run through {@code runuser}.
 */
class PostgresMigrationIT {

	private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));

	@TempDir
	Path temp;

	private Path cluster;

	private int port;

	private boolean root;

	@BeforeEach
	void startPostgres() throws Exception {
		assumeThat(Files.isExecutable(BIN.resolve("initdb"))).as("PostgreSQL 15 at " + BIN).isTrue();
		this.root = "root".equals(System.getProperty("user.name"));
		this.cluster = this.temp.resolve("pg");
		Files.createDirectories(this.cluster);
		if (this.root) {
			run(List.of("chown", "-R", "postgres:postgres", this.temp.toString()));
			run(List.of("chmod", "755", this.temp.toString()));
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		run(postgres(BIN.resolve("initdb").toString(), "-D", this.cluster.toString(), "-U", "berth", "-A", "trust",
				"-E", "UTF8", "--no-sync", "--locale=C"));
		run(postgres(BIN.resolve("pg_ctl").toString(), "-D", this.cluster.toString(), "-l",
				this.temp.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k " + this.cluster + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
	}

	@AfterEach
	void stopPostgres() throws Exception {
		if (this.cluster != null && Files.exists(this.cluster.resolve("postmaster.pid"))) {
			run(postgres(BIN.resolve("pg_ctl").toString(), "-D", this.cluster.toString(), "-m", "immediate", "-w",
					"stop"));
		}
	}

	@Test
	void migrationsDemoAndListQueriesWorkOnPostgres() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BerthApplication.class).run(
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + this.port + "/postgres",
				"--spring.datasource.username=berth", "--spring.datasource.password=",
				"--berth.data-dir=" + this.temp.resolve("data"), "--server.port=0", "--server.address=127.0.0.1",
				"--management.server.port=0",
				"--berth.registry.managed=false", "--server.shutdown=immediate")) {
			assertThat(app.getBean(AccountRepository.class).count()).isEqualTo(4);
			BerthUser alice = login(app, "alice");
			BerthUser bob = login(app, "bob");
			ImageCatalog catalog = app.getBean(ImageCatalog.class);
			List<String> paths = catalog
				.ownImages(alice, Visibility.PRIVATE, new ImageFilter(null, null, "name", "asc", 1, 10, false))
				.items()
				.stream()
				.map(ImageRow::path)
				.toList();
			assertThat(paths).containsExactly("acme-apps/billing/api", "acme-apps/internal-tools", "acme-apps/nginx");
			assertThat(catalog.ownImages(bob, Visibility.PRIVATE, new ImageFilter("_", null, null, null, 1, 10, false))
				.items()).isEmpty();
			assertThat(catalog.ownImages(bob, Visibility.PRIVATE, new ImageFilter("-", null, null, null, 1, 10, false))
				.items()).extracting(ImageRow::path).containsExactly("acme-apps/internal-tools");
			OrganizationDirectory directory = app.getBean(OrganizationDirectory.class);
			directory.create(alice, "acme-pg");
			assertThat(directory.summaries(alice)).extracting(OrganizationDirectory.OrganizationSummary::name)
				.containsExactly("acme-apps", "acme-pg", "acme-public");
			assertThat(directory.summaries(bob)).extracting(OrganizationDirectory.OrganizationSummary::imageCount)
				.containsExactly(3);
		}
	}

	private static BerthUser login(ConfigurableApplicationContext app, String username) {
		User user = app.getBean(UserRepository.class).findByUsername(username).orElseThrow();
		var account = app.getBean(AccountRepository.class).findById(user.accountId()).orElseThrow();
		return new BerthUser(user.id(), user.username(), null, account.id(), account.name(), account.region(),
				user.administrator());
	}

	private List<String> postgres(String... command) {
		List<String> line = new ArrayList<>();
		if (this.root) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(List.of(command));
		return line;
	}

	private void run(List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("berth-pg", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command + "\n" + Files.readString(output));
			}
			if (process.exitValue() != 0) {
				Path log = this.temp.resolve("postgres.log");
				throw new IllegalStateException("Failed (" + process.exitValue() + "): " + command + "\n"
						+ Files.readString(output) + (Files.exists(log) ? "\n" + Files.readString(log) : ""));
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}

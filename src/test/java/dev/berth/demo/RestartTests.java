package dev.berth.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.berth.BerthApplication;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.UserRepository;
import dev.berth.images.ImageRepository;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default on a data folder: what was created survives a restart, and the demo is
 * loaded once only.
 */
class RestartTests {

	@TempDir
	Path data;

	private ConfigurableApplicationContext start() {
		// Command-line arguments, so they beat the test configuration's in-memory database.
		return new SpringApplicationBuilder(BerthApplication.class).run("--berth.data-dir=" + this.data,
				"--spring.datasource.url=jdbc:h2:file:" + this.data.resolve("db/berth") + "",
				"--server.port=0", "--management.server.port=0", "--server.address=127.0.0.1", "--berth.registry.managed=false",
				"--server.shutdown=immediate");
	}

	@Test
	void restartOnTheSameDataFolderKeepsTheNewOrganizationAndDoesNotLoadTheDemoTwice() {
		try (ConfigurableApplicationContext first = start()) {
			AccountRepository accounts = first.getBean(AccountRepository.class);
			long acme = accounts.findByName("acme").orElseThrow().id();
			first.getBean(OrganizationRepository.class)
				.save(Organization.create("acme-restart", acme, "eu-west-1", Instant.parse("2026-11-28T10:00:00Z")));
			assertThat(accounts.count()).isEqualTo(4);
		}
		assertThat(Files.exists(this.data.resolve("db/berth.mv.db"))).isTrue();

		try (ConfigurableApplicationContext second = start()) {
			OrganizationRepository organizations = second.getBean(OrganizationRepository.class);
			assertThat(organizations.findByName("acme-restart")).isPresent();
			assertThat(organizations.count()).isEqualTo(5);
			assertThat(second.getBean(AccountRepository.class).count()).isEqualTo(4);
			assertThat(second.getBean(UserRepository.class).count()).isEqualTo(6);
			assertThat(second.getBean(ImageRepository.class).count()).isEqualTo(6);
		}
	}

}

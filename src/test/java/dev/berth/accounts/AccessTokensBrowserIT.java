package dev.berth.accounts;

import java.util.Map;

import dev.berth.testing.browser.AccessTokensPage;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.Screens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * carol creates a "shared images only" token in Profile > Access tokens, copies it and the
 * login commands, sees it listed (never the secret again) and revokes it; a too long name and a
 * push scope for shared images are refused next to their fields. Screenshots at 1440 and 390 px;
 * no horizontal scrolling on a phone.
 */
class AccessTokensBrowserIT extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void createCopyAndRevoke() {
		this.jdbc.sql("delete from access_token").update();
		loginAs("carol");
		AccessTokensPage page = AccessTokensPage.fromProfile(this.driver, baseUrl());

		// "Only images shared with globex" pulls only: choosing it takes "Pull and push" back and out of reach.
		page.form().name("n".repeat(70)).pullAndPush().reach("shared");
		assertThat(this.driver.findElement(By.id("scope-push")).isEnabled()).isFalse();
		assertThat(this.driver.findElement(By.id("scope-pull")).isSelected()).isTrue();
		page.form().create();
		assertThat(page.error("name")).contains("at most 64 characters");
		assertThat(page.secret()).isEmpty();
		assertThat(focused().getAttribute("id")).as("the first marked field").isEqualTo("name");

		page.form().name("globex-ci").reach("shared").pull().create();
		String secret = page.secret();
		assertThat(secret).matches("berth_pat_[0-9A-Za-z]{49}");
		// The commands ask for the secret: it never stands in a command line (the shell's history).
		assertThat(page.command("token-docker-login")).isEqualTo("docker login localhost:5000 -u carol");
		assertThat(page.command("token-skopeo-login")).isEqualTo("skopeo login --tls-verify=false -u carol localhost:5000");
		assertThat(page.command("token-ci-login"))
			.isEqualTo("echo \"$BERTH_TOKEN\" | docker login localhost:5000 -u carol --password-stdin");
		assertThat(focused().getAttribute("id")).as("the new token is read first").isEqualTo("token-created");
		WebElement copy = page.copySecret();
		waitFor().until(d -> copy.getText().equals("Copied"));
		assertThat(page.row("globex-ci").getText()).contains("images shared with the account only").contains("Never used");
		Screens.desktopAndPhone(this.driver, "access-tokens-created");
		assertNoHorizontalScrollAt390();

		open("/profile/tokens");
		assertThat(page.assertAt().secret()).isEmpty();
		assertThat(this.driver.getPageSource()).doesNotContain(secret);

		page.revoke("globex-ci");
		assertThat(page.flash()).isEqualTo("Revoked the token globex-ci.");
		assertThat(focused().getText()).as("the message of what was done").isEqualTo("Revoked the token globex-ci.");
		assertThat(page.status("globex-ci")).isEqualTo("Revoked");
		assertThat(page.row("globex-ci").findElements(By.cssSelector("form.revoke-token"))).isEmpty();
		Screens.desktopAndPhone(this.driver, "access-tokens-list");
	}

	private void assertNoHorizontalScrollAt390() {
		try {
			this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
			Object overflow = this.driver.executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
		}
		finally {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
			this.driver.manage().window().setSize(new Dimension(1280, 900));
		}
	}

}

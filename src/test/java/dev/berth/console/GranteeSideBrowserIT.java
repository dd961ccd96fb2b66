package dev.berth.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.berth.testing.MutableClock;
import dev.berth.testing.ShareFixture;
import dev.berth.testing.TestClockConfiguration;
import dev.berth.testing.browser.Browser;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.ImagesFromOthersPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.berth.testing.browser.Accessibility.assertNoSeriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grantee's side in a browser (the console's clock set by the test, MutableClock.START
 * 2026-11-29 12:00 UTC): who shared what, when and until when in words; an expired share's pull
 * commands disabled with the reason; a revoked share's old link; the account's own Activity.
 */
@Import({ TestClockConfiguration.class, ShareFixture.class })
class GranteeSideBrowserIT extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShareFixture fixture;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void aliceSharesThreeImagesWithGlobex() {
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();
		this.jdbc.sql("update image set share_count = 0").update();
		this.jdbc.sql("delete from audit_event").update();
		this.jdbc.sql("delete from pull_event").update();
		this.clock.reset();
		this.fixture.share("alice", "acme-apps/nginx", "globex", LocalDate.parse("2026-12-11"), "CI of globex");
		this.fixture.share("alice", "acme-apps/billing/api", "globex", null, "");
		this.fixture.share("alice", "acme-apps/internal-tools", "globex", LocalDate.parse("2026-11-30"), "Until Monday");
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void fromOthersShowsWhoSharedWhenTheDescriptionAndTheExpiryInWordsSortableByOwnerAndValidUntil() {
		loginAs("carol");
		ImagesFromOthersPage others = ImagesFromOthersPage.open(this.driver, baseUrl());
		assertThat(others.cell("acme-apps/nginx", ".shared-by")).isEqualTo("alice\n2026-11-29");
		assertThat(others.cell("acme-apps/nginx", ".share-description")).isEqualTo("CI of globex");
		assertThat(others.cell("acme-apps/nginx", ".valid-until")).contains("2026-12-11", "expires in 12 days");
		assertThat(others.cell("acme-apps/internal-tools", ".valid-until")).contains("2026-11-30", "expires tomorrow");
		assertThat(others.cell("acme-apps/billing/api", ".valid-until")).contains("Permanently valid");
		assertNoSeriousViolations(this.driver);
		screenshot("from-others-expiry");

		// Latest first, Permanently valid (no end) before every date; then soonest first.
		sortBy("validUntil");
		waitFor().until(d -> "descending".equals(header("validUntil").getAttribute("aria-sort")));
		assertThat(others.images()).containsExactly("acme-apps/billing/api", "acme-apps/nginx", "acme-apps/internal-tools");
		sortBy("validUntil");
		waitFor().until(d -> "ascending".equals(header("validUntil").getAttribute("aria-sort")));
		assertThat(others.images()).containsExactly("acme-apps/internal-tools", "acme-apps/nginx", "acme-apps/billing/api");
		waitFor().withMessage("the sort link keeps the focus across the swap (it fell to the page)")
			.until(d -> "sort-validUntil".equals(focused().getAttribute("id")));
		sortBy("owner");
		waitFor().until(d -> !"none".equals(header("owner").getAttribute("aria-sort")));
		assertThat(others.images()).hasSize(3);
	}

	@Test
	void expiredShareShowsThePullCommandsDisabledWithTheReason() {
		this.clock.set("2026-12-03T08:00:00Z");
		loginAs("carol");
		open("/images/acme-apps/internal-tools");
		waitFor().until(d -> d.findElement(By.id("image-title")).getText().equals("acme-apps/internal-tools"));
		assertThat(this.driver.findElement(By.cssSelector(".facts")).getText()).contains("expired 2 days ago");
		String reason = this.driver.findElement(By.id("pull-blocked")).getText();
		assertThat(reason).contains("This share has expired");
		List<WebElement> pullButtons = this.driver.findElements(By.cssSelector("#tags-table .pull-cell button"));
		assertThat(pullButtons).isNotEmpty()
			.allSatisfy(button -> {
				assertThat(button.isEnabled()).isFalse();
				assertThat(button.getAttribute("aria-describedby")).isEqualTo("pull-blocked");
			});
		assertNoSeriousViolations(this.driver);
		screenshot("expired-share-tags");

		open("/images/acme-apps/internal-tools?tab=pull");
		assertThat(this.driver.findElement(By.id("pull-blocked")).isDisplayed()).isTrue();
		assertThat(this.driver.findElement(By.cssSelector("#cmd-pull-tag + button")).isEnabled()).isFalse();
		assertThat(this.driver.findElement(By.cssSelector("#cmd-login + button")).isEnabled()).as("login still works")
			.isTrue();

		open("/activity");
		assertThat(this.driver.findElements(By.cssSelector("#activity-table tbody tr")).stream()
			.map(row -> row.getAttribute("data-action"))).contains("SHARE_EXPIRED", "SHARE_RECEIVED");
	}

	@Test
	void revokedShareLinkSaysTheImageIsNoLongerSharedAndNothingElse() {
		this.fixture.revoke("alice", "acme-apps/nginx", "globex");
		loginAs("carol");
		open("/images/acme-apps/nginx");
		assertThat(heading()).isEqualTo("Not found");
		assertThat(this.driver.findElement(By.id("error-detail")).getText())
			.isEqualTo("This image is no longer shared with your account. Ask its owner if you still need it.");
		assertThat(this.driver.getPageSource()).doesNotContain("CI of globex", "NGINX built");
		screenshot("revoked-share-link");
		// The way on is to the images still shared with the account.
		this.driver.findElement(By.id("way-back")).click();
		assertThat(this.driver.getCurrentUrl()).endsWith("/images/from-others");

		open("/images/acme-apps/no-such-image");
		assertThat(this.driver.findElement(By.id("error-detail")).getText()).doesNotContain("no longer shared");
		assertThat(this.driver.findElements(By.id("way-back"))).isEmpty();
		assertThat(this.driver.findElement(By.linkText("Back to My Images")).getAttribute("href")).endsWith("/");
	}

	@Test
	void activityOfTheGranteeAccountFiltersAndExports() {
		this.clock.set("2026-11-29T15:00:00Z");
		this.fixture.pull("acme-apps/nginx", "globex", "carol", "1.26", Instant.parse("2026-11-29T15:00:00Z"));
		loginAs("carol");
		open("/activity");
		assertThat(actions()).containsOnly("SHARE_RECEIVED").hasSize(3);
		new org.openqa.selenium.support.ui.Select(this.driver.findElement(By.id("f-action")))
			.selectByVisibleText("Share received");
		this.driver.findElement(By.id("f-image")).sendKeys("acme-apps/nginx");
		this.driver.findElement(By.cssSelector("#activity-filters button[type=submit]")).click();
		waitFor().until(d -> d.getCurrentUrl().contains("image=acme-apps%2Fnginx"));
		waitFor().until(d -> actions().size() == 1);
		// Only the filters set go into the address, as in the pager's links.
		assertThat(this.driver.getCurrentUrl()).endsWith("/activity?image=acme-apps%2Fnginx&action=SHARE_RECEIVED");
		assertThat(this.driver.findElement(By.id("activity-export")).getAttribute("href"))
			.endsWith("/activity.csv?image=acme-apps%2Fnginx&action=SHARE_RECEIVED");
		assertNoSeriousViolations(this.driver);
		screenshot("activity-filtered");
		List<Integer> wide = rowsOfImageFromAndTo(1366);
		assertThat(wide).as("Image, From and To at 1366 px: one row").containsOnly(wide.get(0));
		List<Integer> narrow = rowsOfImageFromAndTo(1024);
		assertThat(narrow.get(1)).as("From at 1024 px: below Image").isGreaterThan(narrow.get(0));
		assertThat(narrow.get(2)).as("To at 1024 px: beside From").isEqualTo(narrow.get(1));

		this.driver.findElement(By.id("f-from")).sendKeys("29.11.2026");
		this.driver.findElement(By.cssSelector("#activity-filters button[type=submit]")).click();
		waitFor().until(d -> !d.findElements(By.id("f-from-error")).isEmpty());
		assertThat(this.driver.findElement(By.id("f-from-error")).getText()).isEqualTo("Enter a date as YYYY-MM-DD (a day on the calendar).");
	}

	/** Where the filters Image, From and To start, from the top, with the window this wide. */
	private List<Integer> rowsOfImageFromAndTo(int width) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
		try {
			return Stream.of("f-image", "f-from", "f-to")
				.map(id -> this.driver.findElement(By.id(id)).getRect().getY())
				.toList();
		}
		finally {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	private List<String> actions() {
		return this.driver.findElements(By.cssSelector("#activity-table tbody tr"))
			.stream()
			.map(row -> row.getAttribute("data-action"))
			.toList();
	}

	private void sortBy(String sort) {
		waitFor().until(Browser.htmxSettled());
		this.driver.findElement(By.cssSelector("#others-table thead a[href*='sort=" + sort + "&']")).click();
	}

	private WebElement header(String sort) {
		return this.driver.findElement(By.xpath("//table[@id='others-table']/thead//a[contains(@href, 'sort=" + sort
				+ "&')]/ancestor::th"));
	}

}

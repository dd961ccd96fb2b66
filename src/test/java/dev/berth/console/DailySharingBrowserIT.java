package dev.berth.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.berth.images.Image;
import dev.berth.images.ImageRepository;
import dev.berth.images.Visibility;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.testing.ShareFixture;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.RevokeDialog;
import dev.berth.testing.browser.ShareDialog;
import dev.berth.testing.browser.SharingTabPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.berth.testing.browser.Accessibility.assertNoSeriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily use of the owner's side in a browser: actions are buttons, Revoke asks in a styled dialog,
 * the Share Image dialog defaults to 30 days and focuses the first field in error, batch selections
 * survive paging, focus follows tab switches and is always visible, digests copy in full.
 */
@Import(ShareFixture.class)
class DailySharingBrowserIT extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShareFixture fixture;

	@Autowired
	ImageRepository images;

	@Autowired
	OrganizationRepository organizations;

	@BeforeEach
	void noSharesYet() {
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();
		this.jdbc.sql("update image set share_count = 0").update();
		this.jdbc.sql("delete from audit_event").update();
		this.jdbc.sql("delete from pull_event").update();
		this.jdbc.sql("delete from image where name like 'extra-%'").update();
	}

	@Test
	void revokeAsksInADialogThatNamesTheAccountItsLastPullAndPullsWithCancelFocusedFirst() {
		this.fixture.share("alice", "acme-apps/nginx", "globex", null, "");
		this.fixture.pull("acme-apps/nginx", "globex", "carol", "1.26", Instant.parse("2026-11-28T09:30:00Z"));
		this.fixture.pull("acme-apps/nginx", "globex", "dave", "1.25", Instant.parse("2026-11-28T10:00:00Z"));
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		assertThat(this.driver.findElement(By.cssSelector("#shares-table .revoke-share")).getTagName()).isEqualTo("button");
		assertThat(this.driver.findElement(By.cssSelector("#shares-table .edit-share")).getTagName()).isEqualTo("button");
		assertThat(this.driver.findElement(By.id("share-image")).getTagName()).isEqualTo("button");

		RevokeDialog dialog = tab.startRevoke("globex");
		assertThat(dialog.account()).isEqualTo("globex");
		assertThat(dialog.lastPull()).contains("2026-11-28 10:00 UTC", "1.25 by dave");
		assertThat(dialog.pulls()).isEqualTo("2");
		assertThat(dialog.focusedId()).as("focused first").isEqualTo("revoke-cancel");
		assertNoSeriousViolations(this.driver);
		screenshot("revoke-dialog");
		dialog.cancel();
		assertThat(tab.accounts()).containsExactly("globex");

		tab.revoke("globex");
		waitFor().until(d -> tab.count().equals("0"));
		assertThat(tab.history()).first().asString().contains("Share revoked", "globex");
	}

	@Test
	void shareImageDefaultsTo30DaysInIsoAndFocusesOnlyTheFirstFieldInError() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		ShareDialog dialog = tab.shareImage();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(dialog.validUntil()).isEqualTo(today.plusDays(30).toString());
		assertThat(this.driver.findElement(By.id("permanent")).isSelected()).as("Permanently valid").isFalse();

		dialog.shareWith("globex").validUntil("2020-01-01").ok();
		assertThat(dialog.error("validUntil")).contains("Valid Until must be today");
		waitFor().until(d -> "validUntil".equals(d.switchTo().activeElement().getAttribute("id")));
		assertThat(this.driver.findElements(By.cssSelector("dialog#share-dialog [aria-invalid=true]")))
			.extracting(e -> e.getAttribute("id"))
			.containsExactly("validUntil");
		screenshot("share-dialog-date-error");

		dialog.shareWith("nobody-here").validUntil(today.plusDays(3).toString()).ok();
		waitFor().until(d -> "shareWith".equals(d.switchTo().activeElement().getAttribute("id")));
		assertThat(this.driver.findElements(By.cssSelector("dialog#share-dialog [aria-invalid=true]")))
			.extracting(e -> e.getAttribute("id"))
			.containsExactly("shareWith");

		dialog.shareWith("globex").okAndWaitClosed();
		waitFor().until(d -> tab.validUntil("globex").equals(today.plusDays(3).toString()));
	}

	@Test
	void shareImageOfAPublicImageSaysPublicImagesCannotBeShared() {
		long hello = this.fixture.image("alice", "acme-public/hello").image().id();
		loginAs("bob");
		open("/images/" + hello + "/shares/new");
		assertThat(this.driver.findElement(By.id("not-shareable")).getText()).startsWith("Public images cannot be shared");
		assertThat(this.driver.findElements(By.id("share-form"))).isEmpty();
	}

	@Test
	void batchSelectionSurvivesPagingAndTheButtonCountsIt() {
		var organization = this.organizations.findByName("acme-apps").orElseThrow();
		for (int i = 0; i < 12; i++) {
			this.images.save(Image.create(organization, "extra-%02d".formatted(i), Visibility.PRIVATE, "Tools", "",
					Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
		}
		loginAs("alice");
		open("/images?sort=name&dir=asc");
		WebElement button = waitFor().until(d -> d.findElement(By.id("batch-share")));
		waitFor().until(d -> !d.findElement(By.id("batch-share")).isEnabled());
		assertThat(button.getText()).isEqualTo("Share Image");

		select("acme-apps/extra-00");
		waitFor().until(d -> d.findElement(By.id("batch-share")).getText().equals("Share 1 image"));
		this.driver.findElement(By.cssSelector(".pager a[rel=next]")).click();
		waitFor().until(d -> d.findElement(By.cssSelector(".pager-page")).getText().startsWith("Page 2"));
		// The selection is counted again once htmx has settled the new page of rows (htmx:load).
		waitFor().until(d -> d.findElement(By.id("batch-share")).getText().equals("Share 1 image"));
		select("acme-apps/nginx");
		waitFor().until(d -> d.findElement(By.id("batch-share")).getText().equals("Share 2 images"));
		this.driver.findElement(By.cssSelector(".pager a[rel=prev]")).click();
		waitFor().until(d -> d.findElement(By.cssSelector(".pager-page")).getText().startsWith("Page 1"));
		waitFor().until(d -> checkbox("acme-apps/extra-00").isSelected());
		screenshot("batch-selection");

		this.driver.findElement(By.id("batch-share")).click();
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Share Image"));
		assertThat(this.driver.findElement(By.id("batch-images")).getText()).contains("extra-00", "nginx");

		open("/images?sort=name&dir=asc");
		waitFor().until(d -> d.findElement(By.id("batch-share")).getText().equals("Share 2 images"));
		this.driver.findElement(By.id("batch-clear")).click();
		waitFor().until(d -> !d.findElement(By.id("batch-share")).isEnabled());
		assertThat(checkbox("acme-apps/extra-00").isSelected()).isFalse();
	}

	@Test
	void tabSwitchMovesFocusToThePanelHeadingWithShareImageWithinThreeTabs() {
		loginAs("alice");
		open("/images/acme-apps/nginx");
		WebElement sharing = waitFor().until(d -> d.findElement(By.cssSelector("nav.tabs a[href*='tab=sharing']")));
		waitFor().until(d -> Boolean.TRUE.equals(this.driver.executeScript("return !!window.htmx")));
		sharing.sendKeys(Keys.ENTER);
		waitFor().until(d -> {
			WebElement active = d.switchTo().activeElement();
			return "h2".equals(active.getTagName()) && active.getText().equals("Sharing");
		});
		int presses = 0;
		while (!"share-image".equals(this.driver.switchTo().activeElement().getAttribute("id")) && presses < 3) {
			this.driver.switchTo().activeElement().sendKeys(Keys.TAB);
			presses++;
		}
		assertThat(this.driver.switchTo().activeElement().getAttribute("id")).as("after " + presses + " Tab presses")
			.isEqualTo("share-image");
	}

	@Test
	void everyFocusableElementShowsTheFocusRing() {
		this.fixture.share("alice", "acme-apps/nginx", "globex", LocalDate.now(ZoneOffset.UTC).plusDays(5), "CI");
		loginAs("alice");
		for (String page : List.of("/images/acme-apps/nginx?tab=sharing", "/images/acme-apps/nginx", "/activity",
				"/images")) {
			open(page);
			waitFor().until(d -> Boolean.TRUE.equals(this.driver.executeScript("return !!window.htmx")));
			this.driver.findElement(By.tagName("body")).click();
			int checked = 0;
			for (int i = 0; i < 40; i++) {
				new org.openqa.selenium.interactions.Actions(this.driver).sendKeys(Keys.TAB).perform();
				WebElement active = this.driver.switchTo().activeElement();
				if ("body".equals(active.getTagName())) {
					break;
				}
				String ring = (String) this.driver.executeScript("""
						var s = getComputedStyle(arguments[0]);
						return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) ? 'ring' : s.outlineStyle + ' ' + s.outlineWidth;
						""", active);
				assertThat(ring).as(page + ": focus ring of " + active.getTagName() + " " + active.getAttribute("outerHTML"))
					.isEqualTo("ring");
				checked++;
			}
			assertThat(checked).as(page).isGreaterThan(5);
		}
	}

	@Test
	void digestsAreShortWithACopyOfTheFullDigestAndEveryTagHasAPullByDigest() {
		loginAs("alice");
		open("/images/acme-apps/nginx");
		var image = this.fixture.image("alice", "acme-apps/nginx").image();
		List<WebElement> rows = waitFor().until(d -> d.findElements(By.cssSelector("#tags-table tbody tr")));
		assertThat(rows).hasSize(image.tags().size());
		for (WebElement row : rows) {
			String tag = row.getAttribute("data-tag");
			String digest = image.tags().stream().filter(t -> t.name().equals(tag)).findFirst().orElseThrow().digest();
			assertThat(row.findElement(By.cssSelector("code.digest")).getText()).isEqualTo(digest.substring(0, 19) + "…");
			assertThat(row.findElement(By.cssSelector(".digest-field button.copy")).getAttribute("data-copy-text"))
				.isEqualTo(digest);
			assertThat(row.findElements(By.cssSelector(".pull-cell code")).stream().map(e -> e.getAttribute("textContent")))
				.containsExactly("docker pull localhost:5000/acme-apps/nginx:" + tag,
						"docker pull localhost:5000/acme-apps/nginx@" + digest);
		}
		WebElement copy = rows.get(0).findElement(By.cssSelector(".digest-field button.copy"));
		waitFor().until(d -> copy.isDisplayed());
		copy.click();
		waitFor().until(d -> copy.getText().equals("Copied"));
	}

	private WebElement checkbox(String path) {
		return this.driver.findElement(By.cssSelector("#image-table tr[data-image='" + path + "'] input[type=checkbox]"));
	}

	private void select(String path) {
		checkbox(path).click();
	}

}

package dev.berth.sharing;

import dev.berth.testing.ShareFixture;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.ImagesFromOthersPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing in a browser with JavaScript off: plain pages, forms and Post/Redirect/Get. (axe-core
 * needs JavaScript; SharingBrowserIT checks these plain pages for accessibility.)
 */
@Import(ShareFixture.class)
class SharingWithoutJavaScriptBrowserIT extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShareFixture fixture;

	@Override
	protected boolean javascriptEnabled() {
		return false;
	}

	@BeforeEach
	void noSharesYet() {
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();
		this.jdbc.sql("update image set share_count = 0").update();
		this.jdbc.sql("delete from audit_event").update();
	}

	@Test
	void aliceSharesEditsAndRevokesWithPlainPages() {
		loginAs("alice");
		open("/images/acme-apps/nginx?tab=sharing");
		this.driver.findElement(By.id("share-image")).click();
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Share acme-apps/nginx"));

		this.driver.findElement(By.id("shareWith")).sendKeys("initech");
		this.driver.findElement(By.id("share-ok")).click();
		waitFor().until(d -> !d.findElements(By.id("shareWith-error")).isEmpty());
		assertThat(this.driver.findElement(By.id("shareWith-error")).getText())
			.contains("cross-region sharing is not supported");
		screenshot("sharing-nojs-error");

		WebElement shareWith = this.driver.findElement(By.id("shareWith"));
		shareWith.clear();
		shareWith.sendKeys("globex");
		this.driver.findElement(By.id("share-ok")).click();
		waitFor().until(d -> d.getCurrentUrl().endsWith("/images/acme-apps/nginx?tab=sharing"));
		assertThat(this.driver.findElement(By.cssSelector("main .flash")).getText())
			.isEqualTo("Shared acme-apps/nginx with globex.");
		assertThat(this.driver.findElement(By.id("share-count")).getText()).isEqualTo("1");

		this.driver.findElement(By.cssSelector("#shares-table .edit-share")).click();
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Edit share of acme-apps/nginx with globex"));
		WebElement description = this.driver.findElement(By.id("description"));
		description.sendKeys("Kept for CI");
		this.driver.findElement(By.id("share-ok")).click();
		waitFor().until(d -> d.getCurrentUrl().endsWith("?tab=sharing"));
		assertThat(this.driver.findElement(By.cssSelector("#shares-table .share-description")).getText()).isEqualTo("Kept for CI");

		this.driver.findElement(By.cssSelector("#shares-table .revoke-share")).click();
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Revoke share of acme-apps/nginx"));
		screenshot("sharing-nojs-revoke-confirm");
		this.driver.findElement(By.id("revoke-yes")).click();
		waitFor().until(d -> d.getCurrentUrl().endsWith("?tab=sharing"));
		assertThat(this.driver.findElement(By.cssSelector("main .flash")).getText())
			.isEqualTo("Revoked the share of acme-apps/nginx with globex.");
		assertThat(this.driver.findElement(By.id("share-count")).getText()).isEqualTo("0");
	}

	@Test
	void carolBrowsesImagesFromOthersWithoutJavaScript() {
		this.fixture.share("alice", "acme-apps/nginx", "globex", null, "");
		this.fixture.share("alice", "acme-apps/billing/api", "globex", null, "");
		loginAs("carol");
		ImagesFromOthersPage others = ImagesFromOthersPage.open(this.driver, baseUrl());
		assertThat(others.images()).containsExactlyInAnyOrder("acme-apps/nginx", "acme-apps/billing/api");
		others.search("billing");
		waitFor().until(d -> d.getCurrentUrl().contains("q=billing"));
		assertThat(others.images()).containsExactly("acme-apps/billing/api");
		others.openImage("acme-apps/billing/api");
		waitFor().until(d -> d.findElement(By.id("image-title")).getText().equals("acme-apps/billing/api"));
	}

}

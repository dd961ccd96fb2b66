package dev.berth.sharing;

import java.util.List;

import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.ImagesFromOthersPage;
import dev.berth.testing.browser.ShareDialog;
import dev.berth.testing.browser.SharingTabPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.berth.testing.browser.Accessibility.assertNoSeriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

/** Sharing journeys in a real browser with JavaScript: alice shares, carol pulls, bob may not. */
class SharingBrowserIT extends BrowserTest {

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void noSharesYet() {
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();
		this.jdbc.sql("update image set share_count = 0").update();
		this.jdbc.sql("delete from audit_event").update();
		this.jdbc.sql("delete from pull_event").update();
	}

	@Test
	void aliceSharesNginxWithGlobexCarolPullsItAliceEditsAndRevokesThenCarolGetsNotFound() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		assertThat(tab.count()).isEqualTo("0");
		assertNoSeriousViolations(this.driver);
		markPage();

		ShareDialog dialog = tab.shareImage();
		assertThat(dialog.title()).isEqualTo("Share acme-apps/nginx");
		dialog.shareWith("globex").permanent(true).description("Nightly CI of globex");
		waitFor().until(d -> dialog.descriptionCount().equals("20/1000 characters"));
		assertNoSeriousViolations(this.driver);
		screenshot("sharing-dialog");
		dialog.okAndWaitClosed();

		waitFor().until(d -> tab.accounts().equals(List.of("globex")));
		assertThat(pageWasNotReloaded()).as("saved without a full page reload").isTrue();
		assertThat(tab.count()).isEqualTo("1");
		assertThat(tab.message()).isEqualTo("Shared acme-apps/nginx with globex.");
		// autofocus is applied when htmx settles the swapped content, a moment after the swap.
		waitFor().withMessage("focus after OK on the flash")
			.until(d -> "share-flash".equals(d.switchTo().activeElement().getAttribute("id")));
		assertThat(tab.validUntil("globex")).isEqualTo("Permanently valid");
		assertThat(tab.status("globex")).isEqualTo("Valid");
		assertThat(tab.description("globex")).isEqualTo("Nightly CI of globex");
		assertThat(tab.history()).anySatisfy(line -> assertThat(line).contains("alice", "Shared", "globex"));
		assertNoSeriousViolations(this.driver);
		screenshot("sharing-tab");

		logOutAndLoginAs("carol");
		ImagesFromOthersPage others = ImagesFromOthersPage.open(this.driver, baseUrl());
		assertThat(others.images()).containsExactly("acme-apps/nginx");
		assertThat(others.cell("acme-apps/nginx", ".owner")).isEqualTo("acme");
		assertThat(others.cell("acme-apps/nginx", ".valid-until")).contains("Permanently valid");
		assertThat(others.cell("acme-apps/nginx", ".status")).isEqualTo("Valid");
		assertNoSeriousViolations(this.driver);
		screenshot("images-from-others");

		others.openImage("acme-apps/nginx");
		waitFor().until(d -> d.findElement(By.id("image-title")).getText().equals("acme-apps/nginx"));
		assertThat(tabs()).as("a grantee cannot push: its tab says Pull").containsExactly("Tags", "Pull");
		assertThat(this.driver.findElements(By.linkText("Edit attributes"))).isEmpty();
		assertThat(this.driver.findElement(By.cssSelector(".facts")).getText()).containsIgnoringCase("Owner account")
			.contains("acme", "Permanently valid", "Valid");
		WebElement row = this.driver.findElement(By.cssSelector("#tags-table tr[data-tag='1.26']"));
		assertThat(row.findElement(By.cssSelector(".copy-field code")).getText())
			.isEqualTo("docker pull localhost:5000/acme-apps/nginx:1.26");
		waitFor().until(d -> row.findElement(By.cssSelector("button.copy")).isDisplayed());
		row.findElement(By.cssSelector("button.copy")).click();
		waitFor().until(d -> row.findElement(By.cssSelector("button.copy")).getText().equals("Copied"));
		screenshot("shared-image-detail-carol");

		logOutAndLoginAs("alice");
		SharingTabPage again = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		ShareDialog edit = again.edit("globex");
		assertThat(edit.title()).isEqualTo("Edit share of acme-apps/nginx with globex");
		edit.permanent(false).validUntil("2030-12-31").description("Until the migration");
		screenshot("sharing-edit-dialog");
		edit.okAndWaitClosed();
		waitFor().until(d -> again.validUntil("globex").equals("2030-12-31"));
		assertThat(again.description("globex")).isEqualTo("Until the migration");

		again.revoke("globex");
		waitFor().until(d -> again.count().equals("0"));
		assertThat(this.driver.findElement(By.id("shares")).getText()).contains("Not shared with any account");

		logOutAndLoginAs("carol");
		open("/images/acme-apps/nginx");
		assertThat(heading()).isEqualTo("Not found");
	}

	@Test
	void permanentlyValidDisablesTheDateAndCancelReturnsFocusToShareImage() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/billing/api");
		ShareDialog dialog = tab.shareImage();
		WebElement date = this.driver.findElement(By.cssSelector("dialog#share-dialog input[data-valid-until]"));
		dialog.permanent(true);
		assertThat(date.isEnabled()).as("Valid Until while Permanently valid is ticked").isFalse();
		dialog.permanent(false);
		assertThat(date.isEnabled()).isTrue();
		dialog.cancel();
		dialog.waitClosed();
		waitFor().until(d -> "share-image".equals(d.switchTo().activeElement().getAttribute("id")));
		assertThat(tab.accounts()).isEmpty();
	}

	@Test
	void aliceIsRefusedForInitechAndForADuplicateAndOfferedToEditTheShare() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/billing/api");
		ShareDialog dialog = tab.shareImage();
		dialog.shareWith("initech").ok();
		assertThat(dialog.error("shareWith")).contains("cross-region sharing is not supported");
		assertNoSeriousViolations(this.driver);
		screenshot("sharing-dialog-cross-region");

		dialog.shareWith("globex").okAndWaitClosed();
		waitFor().until(d -> tab.accounts().equals(List.of("globex")));

		ShareDialog duplicate = tab.shareImage();
		duplicate.shareWith("globex").ok();
		assertThat(duplicate.error("shareWith")).contains("The image is already shared with account globex.");
		screenshot("sharing-dialog-duplicate");
		duplicate.editExisting();
		assertThat(duplicate.title()).isEqualTo("Edit share of acme-apps/billing/api with globex");
		duplicate.cancel();
		duplicate.waitClosed();
		assertThat(tab.count()).isEqualTo("1");
	}

	@Test
	void plainSharePageAndRevokeConfirmationAreAccessible() {
		loginAs("alice");
		long image = this.jdbc.sql("select i.id from image i join organization o on o.id = i.organization_id"
				+ " where o.name = 'acme-apps' and i.name = 'nginx'").query(Long.class).single();
		open("/images/" + image + "/shares/new");
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Share acme-apps/nginx"));
		this.driver.findElement(By.id("shareWith")).sendKeys("globex");
		this.driver.findElement(By.id("share-ok")).click();
		waitFor().until(d -> d.getCurrentUrl().endsWith("?tab=sharing"));
		assertNoSeriousViolations(this.driver);
		long share = this.jdbc.sql("select id from image_share").query(Long.class).single();
		open("/images/" + image + "/shares/" + share + "/revoke");
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Revoke share of acme-apps/nginx"));
		assertNoSeriousViolations(this.driver);
		open("/images/" + image + "/shares/" + share + "/edit");
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Edit share"));
		assertNoSeriousViolations(this.driver);
	}

	@Test
	void dialogClosesWithEscapeAndNothingIsSaved() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		ShareDialog dialog = tab.shareImage();
		dialog.shareWith("globex");
		dialog.pressEscape();
		dialog.waitClosed();
		assertThat(tab.accounts()).isEmpty();
		WebElement focused = this.driver.switchTo().activeElement();
		assertThat(focused).isNotNull();
	}

	@Test
	void publicImageHasNoSharingAndNoShareImage() {
		loginAs("alice");
		open("/images/acme-public/hello?tab=sharing");
		waitFor().until(d -> d.findElement(By.id("image-title")).getText().equals("acme-public/hello"));
		assertThat(tabs()).doesNotContain("Sharing");
		assertThat(this.driver.findElements(By.id("share-image"))).isEmpty();
	}

	@Test
	void bobSeesTheSharesButNoShareImage() {
		loginAs("bob");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		assertThat(tab.hasShareImage()).isFalse();
		screenshot("sharing-tab-bob");
	}

	@Test
	void aliceSharesFromARowOfPrivateImagesInTheDialogAndTheRowCountsTheShare() {
		loginAs("alice");
		open("/images?page=1");
		waitFor().until(d -> !d.findElements(By.cssSelector("#image-table")).isEmpty());
		row("acme-apps/nginx").findElement(By.cssSelector("button.share-row")).click();
		ShareDialog dialog = new ShareDialog(this.driver).waitOpen();
		assertThat(dialog.title()).isEqualTo("Share acme-apps/nginx");
		assertThat(this.driver.getCurrentUrl()).as("still the list").endsWith("/images?page=1");
		dialog.shareWith("globex").permanent(true);
		screenshot("sharing-from-list-dialog");
		dialog.ok();

		waitFor().until(d -> !d.findElements(By.cssSelector(".flash")).isEmpty());
		assertThat(this.driver.findElement(By.cssSelector(".flash")).getText())
			.isEqualTo("Shared acme-apps/nginx with globex.");
		assertThat(this.driver.getCurrentUrl()).endsWith("/images?page=1");
		assertThat(row("acme-apps/nginx").findElement(By.cssSelector(".shared-with")).getText()).isEqualTo("1 account");
		assertNoSeriousViolations(this.driver);
	}

	private WebElement row(String path) {
		return this.driver.findElements(By.cssSelector("#image-table tbody tr"))
			.stream()
			.filter(r -> r.findElement(By.cssSelector(".image-link")).getText().equals(path))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void aliceSharesTwoImagesAtOnceFromPrivateImages() {
		loginAs("alice");
		open("/images");
		waitFor().until(d -> !d.findElements(By.cssSelector("#image-table")).isEmpty());
		selectImage("acme-apps/nginx");
		selectImage("acme-apps/internal-tools");
		this.driver.findElement(By.id("batch-share")).click();
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Share Image"));
		assertThat(this.driver.findElement(By.id("batch-images")).getText()).contains("nginx", "internal-tools");
		this.driver.findElement(By.id("shareWith")).sendKeys("umbrella");
		assertNoSeriousViolations(this.driver);
		screenshot("sharing-batch-form");
		this.driver.findElement(By.id("batch-ok")).click();

		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Sharing result"));
		assertThat(this.driver.findElement(By.id("batch-results")).getText()).contains("acme-apps/nginx",
				"acme-apps/internal-tools");
		assertThat(this.driver.findElements(By.cssSelector("#batch-results .status-valid"))).hasSize(2);
		assertNoSeriousViolations(this.driver);
		screenshot("sharing-batch-result");

		this.driver.findElement(By.linkText("Back to Private Images")).click();
		waitFor().until(d -> d.getCurrentUrl().contains("shared=true"));
		assertThat(this.driver.findElements(By.cssSelector("#image-table .image-link")).stream().map(WebElement::getText))
			.containsExactlyInAnyOrder("acme-apps/nginx", "acme-apps/internal-tools");
		screenshot("my-shared-images");
	}

	@Test
	void revokeOfAShareSomeoneElseRevokedThenTheRefusalShowsInThePage() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		tab.shareImage().shareWith("globex").permanent(true).okAndWaitClosed();
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();

		String error = tab.revokeAndReadTheError("globex");

		assertThat(error).isEqualTo("This share does not exist (any more). Reload the page to see the current shares.");
		assertThat(this.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("request-error");
		waitFor().until(d -> error.equals(d.findElement(By.id("live")).getAttribute("textContent")));
		screenshot("sharing-request-error");
	}

	@Test
	void activityShowsSharesRefusalsAndPulls() {
		loginAs("alice");
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		ShareDialog dialog = tab.shareImage();
		dialog.shareWith("initech").ok();
		dialog.error("shareWith");
		dialog.shareWith("globex").okAndWaitClosed();
		this.jdbc.sql("""
				insert into pull_event (event_id, image_id, organization_id, owner_account_id, image_name,
				                        puller_account_id, puller_account, username, tag, digest, pulled_at)
				select 'pull-1', i.id, o.id, o.account_id, 'acme-apps/nginx', a.id, a.name, 'carol', '1.26', t.digest,
				       current_timestamp
				from image i join organization o on o.id = i.organization_id join tag t on t.image_id = i.id and t.name = '1.26',
				     account a where o.name = 'acme-apps' and i.name = 'nginx' and a.name = 'globex'
				""").update();
		this.driver.findElement(By.linkText("Activity")).click();
		waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Activity"));
		assertThat(this.driver.findElements(By.cssSelector("#activity-table tbody tr")).stream()
			.map(r -> r.getAttribute("data-action"))).containsExactly("PULLED", "SHARE_CREATED", "SHARE_REFUSED");
		assertNoSeriousViolations(this.driver);
		screenshot("activity");
	}

	private void selectImage(String path) {
		row(path).findElement(By.cssSelector("input[type=checkbox]")).click();
	}

	private List<String> tabs() {
		return this.driver.findElements(By.cssSelector("nav.tabs a"))
			.stream()
			.map(a -> a.getText().replaceAll("\\s+\\d+$", ""))
			.toList();
	}

	private void logOutAndLoginAs(String username) {
		this.driver.manage().deleteAllCookies();
		loginAs(username);
	}

	private void markPage() {
		((JavascriptExecutor) this.driver).executeScript("window.__sameDocument = true;");
	}

	private boolean pageWasNotReloaded() {
		return Boolean.TRUE.equals(((JavascriptExecutor) this.driver).executeScript("return window.__sameDocument === true;"));
	}

}

package dev.berth.images;

import java.util.List;
import java.util.Map;

import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.ImageDetailPage;
import dev.berth.testing.browser.MyImagesPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static dev.berth.testing.browser.Accessibility.assertNoSeriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

/** Journeys through My Images and image details, as alice, bob and carol. */
class ImageBrowserIT extends BrowserTest {

	@Test
	void aliceBrowsesPrivateImagesOpensNginxAndCopiesThePullCommand() {
		loginAs("alice");
		MyImagesPage images = new MyImagesPage(this.driver).assertAt("Private Images");
		assertThat(images.imagePaths()).containsExactlyInAnyOrder("acme-apps/nginx", "acme-apps/billing/api",
				"acme-apps/internal-tools");
		assertNoSeriousViolations(this.driver);
		screenshot("images-private-alice");

		images.openImage("acme-apps/nginx");
		ImageDetailPage detail = new ImageDetailPage(this.driver).assertAt("acme-apps/nginx");
		assertThat(detail.tags()).containsExactlyInAnyOrder("1.25", "1.26", "latest");
		assertThat(detail.tabs()).containsExactly("Tags", "Pull/Push", "Sharing", "Permissions");
		assertThat(detail.pullCommand("1.26")).isEqualTo("docker pull localhost:5000/acme-apps/nginx:1.26");
		assertNoSeriousViolations(this.driver);
		screenshot("image-detail-alice");

		detail.copyButton("1.26").click();
		waitFor().until(d -> detail.copyButton("1.26").getText().equals("Copied"));
		// The live region is emptied, then filled a moment later, so that a screen reader announces
		// a second copy of the same command too.
		String announced = waitFor().until(d -> {
			String live = d.findElement(By.id("live")).getAttribute("textContent");
			return live.isEmpty() ? null : live;
		});
		assertThat(announced).contains("docker pull localhost:5000/acme-apps/nginx:1.26");
	}

	@Test
	void searchNarrowsTheListAndTheUrlKeepsTheQuery() {
		loginAs("alice");
		MyImagesPage images = new MyImagesPage(this.driver).assertAt("Private Images");
		images.search("billing");
		// Search, the field's change and its typing delay may each swap the list: read it in the wait.
		List<String> paths = waitFor().until(d -> {
			List<String> shown = images.imagePaths();
			return (shown.size() == 1) ? shown : null;
		});
		assertThat(paths).containsExactly("acme-apps/billing/api");
		// Only the filters that are set: no empty "org=".
		assertThat(this.driver.getCurrentUrl()).contains("q=billing").doesNotContain("org=");
	}

	@Test
	void choosingAnOrganizationAPageSizeOrMySharedImagesAppliesAtOnce() {
		loginAs("alice");
		MyImagesPage images = new MyImagesPage(this.driver).assertAt("Private Images");
		new Select(this.driver.findElement(By.id("org"))).selectByVisibleText("acme-public");
		waitFor().until(d -> d.getCurrentUrl().contains("org=acme-public") && images.imagePaths().isEmpty());
		new Select(this.driver.findElement(By.id("org"))).selectByVisibleText("acme-apps");
		waitFor().until(d -> d.getCurrentUrl().contains("org=acme-apps") && images.imagePaths().size() == 3);
		new Select(this.driver.findElement(By.id("size"))).selectByValue("25");
		waitFor().until(d -> d.getCurrentUrl().contains("size=25"));
		this.driver.findElement(By.id("shared")).click();
		waitFor().until(d -> d.getCurrentUrl().contains("shared=true") && images.imagePaths().isEmpty());
		assertThat(this.driver.findElement(By.cssSelector("#results .empty h2")).getText())
			.isEqualTo("No images match your search");
	}

	@Test
	void bobSeesOnlyAcmeAppsAndNoEditingOrPermissions() {
		loginAs("bob");
		MyImagesPage images = new MyImagesPage(this.driver).assertAt("Private Images");
		assertThat(images.imagePaths()).allMatch(path -> path.startsWith("acme-apps/"));
		images.openImage("acme-apps/billing/api");
		ImageDetailPage detail = new ImageDetailPage(this.driver).assertAt("acme-apps/billing/api");
		assertThat(detail.tabs()).doesNotContain("Permissions");
		assertThat(detail.hasEditButton()).isFalse();
		open("/images");
		assertThat(this.driver.findElements(By.id("batch-share"))).as("bob cannot share, so no Share Image").isEmpty();
	}

	@Test
	void carolOpeningAnAcmeImageGetsNotFoundWithAWayBack() {
		loginAs("carol");
		open("/images/acme-apps/nginx");
		assertThat(heading()).isEqualTo("Not found");
		assertNoSeriousViolations(this.driver);
		screenshot("not-found-carol");
		this.driver.findElement(By.linkText("Back to My Images")).click();
		new MyImagesPage(this.driver).assertAt("Private Images");
	}

	@Test
	void wrongPasswordShowsAClearErrorOnTheLoginPage() {
		var login = dev.berth.testing.browser.LoginPage.open(this.driver, baseUrl());
		login.loginForm().username("alice").password("wrong").submit();
		waitFor().until(d -> d.getCurrentUrl().contains("/login?error") && !d.findElements(By.id("login-error")).isEmpty());
		assertThat(login.assertAt().error()).isEqualTo("Wrong user name or password. Check both and try again.");
		assertThat(login.username()).as("the user name typed").isEqualTo("alice");
		// The browser applies autofocus on a rendering frame after the page has loaded.
		waitFor().until(d -> "password".equals(login.focused()));
		assertNoSeriousViolations(this.driver);
		screenshot("login-error");
	}

	/**
	 * A page shorter than the window shows no scroll bar: the hidden live region once made every page a
	 * pixel taller, and the two rows of a phone's top bar 44 px taller.
	 */
	@Test
	void aShortPageFitsTheWindowWithoutAScrollBar() {
		open("/login");
		assertFitsTheWindow("the login page");
		loginAs("carol");
		open("/organizations");
		assertFitsTheWindow("carol's Organizations");
		// On a phone the top bar takes two rows.
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
		try {
			open("/organizations");
			assertFitsTheWindow("carol's Organizations at 390 px");
		}
		finally {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	private void assertFitsTheWindow(String page) {
		waitFor().withMessage(() -> page + " is taller than the window by " + verticalOverflow() + " px")
			.until(d -> verticalOverflow() <= 0);
	}

	private long verticalOverflow() {
		return ((Number) this.driver.executeScript(
				"return document.documentElement.scrollHeight - document.documentElement.clientHeight")).longValue();
	}


}

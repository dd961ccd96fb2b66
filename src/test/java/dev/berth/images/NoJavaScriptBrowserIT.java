package dev.berth.images;

import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.ImageDetailPage;
import dev.berth.testing.browser.MyImagesPage;
import dev.berth.testing.browser.OrganizationPage;
import dev.berth.testing.browser.OrganizationsPage;
import dev.berth.testing.browser.PermissionsTab;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a browser with JavaScript switched off: every journey works with plain forms and
 * links. axe-core needs scripts, so the accessibility checks of these pages run in the JavaScript
 * journeys ({@link dev.berth.organizations.OrganizationBrowserIT}).
 */
class NoJavaScriptBrowserIT extends BrowserTest {

	@Override
	protected boolean javascriptEnabled() {
		return false;
	}

	@Test
	void javascriptIsReallyOff() {
		loginAs("alice");
		open("/images/acme-apps/nginx");
		new ImageDetailPage(this.driver).assertAt("acme-apps/nginx");
		// berth.js shows the copy buttons; with scripts off they stay hidden.
		assertThat(this.driver.findElements(By.cssSelector("button.copy"))).isNotEmpty()
			.noneMatch(WebElement::isDisplayed);
	}

	@Test
	void aliceSearchesOpensAnImageAndEditsItsAttributes() {
		loginAs("alice");
		MyImagesPage images = new MyImagesPage(this.driver).assertAt("Private Images");
		images.search("billing");
		waitFor().until(d -> d.getCurrentUrl().contains("q=billing"));
		assertThat(images.imagePaths()).containsExactly("acme-apps/billing/api");
		images.openImage("acme-apps/billing/api");
		ImageDetailPage detail = new ImageDetailPage(this.driver).assertAt("acme-apps/billing/api");

		this.driver.findElement(By.linkText("Edit attributes")).click();
		waitFor().until(d -> heading().equals("Edit acme-apps/billing/api"));
		WebElement category = this.driver.findElement(By.id("category"));
		category.clear();
		this.driver.findElement(By.cssSelector("form.form-stack button[type=submit]")).click();
		waitFor().until(d -> !d.findElements(By.id("category-error")).isEmpty());
		assertThat(this.driver.findElement(By.id("category-error")).getText()).isEqualTo("Enter a category.");
		screenshot("nojs-edit-attributes-error");

		this.driver.findElement(By.id("category")).sendKeys("Billing");
		this.driver.findElement(By.cssSelector("form.form-stack button[type=submit]")).click();
		detail.assertAt("acme-apps/billing/api");
		assertThat(this.driver.findElement(By.cssSelector(".flash")).getText())
			.isEqualTo("Saved the attributes of acme-apps/billing/api.");
		assertThat(this.driver.findElement(By.cssSelector(".facts")).getText()).contains("Billing");
	}

	@Test
	void aliceGrantsAndRemovesAnImagePermissionOnThePermissionsTab() {
		loginAs("alice");
		open("/images/acme-apps/billing/api");
		ImageDetailPage detail = new ImageDetailPage(this.driver).assertAt("acme-apps/billing/api");
		detail.openTab("Permissions");
		PermissionsTab permissions = new PermissionsTab(this.driver).assertAt();
		assertThat(this.driver.getCurrentUrl()).endsWith("?tab=permissions");
		permissions.grant("bob", "Edit");
		assertThat(permissions.message()).isEqualTo("bob now holds Edit on acme-apps/billing/api.");
		assertThat(permissions.effective("bob")).isEqualTo("Edit");
		screenshot("nojs-permissions-granted");
		permissions.remove("bob", false);
		assertThat(permissions.message()).isEqualTo("Removed the image grant of bob on acme-apps/billing/api.");
		assertThat(permissions.effective("bob")).isEqualTo("Read");
	}

	@Test
	void aliceCreatesAnOrganizationAndManagesItsMembers() {
		loginAs("alice");
		this.driver.findElement(By.linkText("Organizations")).click();
		OrganizationsPage organizations = new OrganizationsPage(this.driver).assertAt();
		organizations.create("9lives");
		assertThat(organizations.nameError()).isEqualTo("Start the name with a lowercase letter (a–z).");
		organizations.create("acme-static");
		OrganizationPage organization = new OrganizationPage(this.driver).assertAt("acme-static");
		assertThat(organization.message()).isEqualTo("Created the organization acme-static.");
		organization.grant("bob", "Read");
		assertThat(organization.message()).isEqualTo("bob now holds Read on acme-static.");
		organization.change("bob", "Edit");
		organization.remove("bob", false);
		assertThat(organization.message()).isEqualTo("Removed the permission of bob on acme-static.");
		screenshot("nojs-organization-detail");
	}

}

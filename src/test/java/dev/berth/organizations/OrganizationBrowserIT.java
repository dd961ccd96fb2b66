package dev.berth.organizations;

import dev.berth.images.ImageCatalog;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.ImageDetailPage;
import dev.berth.testing.browser.MyImagesPage;
import dev.berth.testing.browser.OrganizationPage;
import dev.berth.testing.browser.OrganizationsPage;
import dev.berth.testing.browser.PermissionsTab;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.berth.testing.browser.Accessibility.assertNoSeriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

/** Journeys through Organizations, the Permissions tab and the keyboard, with JavaScript on. */
class OrganizationBrowserIT extends BrowserTest {

	@Autowired
	ImageCatalog catalog;

	@Test
	void aliceCreatesAnOrganizationGrantsBobEditAndBobSeesIt() {
		loginAs("alice");
		open("/organizations");
		OrganizationsPage organizations = new OrganizationsPage(this.driver).assertAt();
		assertThat(organizations.names()).contains("acme-apps", "acme-public").doesNotContain("globex-ml");
		assertThat(organizations.imageCountOf("acme-apps")).isEqualTo("3");
		assertNoSeriousViolations(this.driver);
		screenshot("organizations-alice");

		organizations.create("Data--Lake");
		assertThat(organizations.nameError()).isEqualTo("Use only lowercase letters (a–z), digits (0–9) and the separators . _ -");
		assertThat(organizations.nameValue()).isEqualTo("Data--Lake");
		assertNoSeriousViolations(this.driver);
		screenshot("organizations-name-error");
		// A name pasted too long is refused whole, with the reason, not cut to 64 characters and created.
		organizations.create("acme-" + "x".repeat(65));
		assertThat(organizations.nameError()).isEqualTo("Use at most 64 characters.");
		assertThat(organizations.nameValue()).hasSize(70);
		organizations.create("data--lake");
		assertThat(organizations.nameError()).isEqualTo("Do not put two separators (. _ -) in a row.");
		organizations.create("globex-ml");
		assertThat(organizations.nameError()).startsWith("The name globex-ml is already taken.");
		this.driver.manage().window().setSize(new Dimension(1024, 768));
		screenshot("organizations-name-error-1024");
		this.driver.manage().window().setSize(new Dimension(1280, 900));

		organizations.create("acme-data");
		OrganizationPage organization = new OrganizationPage(this.driver).assertAt("acme-data");
		assertThat(organization.message()).isEqualTo("Created the organization acme-data.");
		assertThat(organization.permissionOf("alice")).isEqualTo("Manage administrator");
		assertThat(organization.canChange("alice")).isFalse();
		assertThat(organization.permissionOf("bob")).isEmpty();
		organization.grant("bob", "Edit");
		assertThat(organization.permissionOf("bob")).isEqualTo("Edit");
		assertNoSeriousViolations(this.driver);
		screenshot("organization-detail-alice");
		this.driver.manage().window().setSize(new Dimension(1024, 768));
		screenshot("organization-detail-alice-1024");
		this.driver.manage().window().setSize(new Dimension(1280, 900));

		this.driver.manage().deleteAllCookies();
		loginAs("bob");
		open("/organizations");
		organizations = new OrganizationsPage(this.driver).assertAt();
		assertThat(organizations.names()).containsExactly("acme-apps", "acme-data");
		assertThat(organizations.permissionOn("acme-data")).isEqualTo("Edit");
		assertThat(organizations.permissionOn("acme-apps")).isEqualTo("Read");
		assertThat(organizations.hasCreateForm()).isFalse();
		screenshot("organizations-bob");
		organizations.open("acme-data");
		OrganizationPage asBob = new OrganizationPage(this.driver).assertAt("acme-data");
		assertThat(asBob.hasGrantForm()).isFalse();
		assertThat(asBob.canChange("bob")).isFalse();
		assertNoSeriousViolations(this.driver);
	}

	@Test
	void aliceChangesAndRemovesAPermissionOnAnOrganization() {
		loginAs("alice");
		open("/organizations");
		OrganizationsPage organizations = new OrganizationsPage(this.driver).assertAt();
		organizations.create("acme-tools");
		OrganizationPage organization = new OrganizationPage(this.driver).assertAt("acme-tools");
		organization.grant("bob", "Read");
		organization.change("bob", "Manage");
		assertThat(organization.permissionOf("bob")).isEqualTo("Manage");
		// The swap replaced the Change button; the keyboard focus lands on the members section, not the page.
		waitFor().until(d -> "members".equals(d.switchTo().activeElement().getAttribute("id")));
		organization.remove("bob", true);
		assertThat(organization.permissionOf("bob")).isEmpty();
		assertThat(organization.message()).isEqualTo("Removed the permission of bob on acme-tools.");
	}

	@Test
	void aliceGrantsBobAnImagePermissionChangesAndRemovesIt() {
		loginAs("alice");
		open("/images/acme-apps/internal-tools");
		ImageDetailPage detail = new ImageDetailPage(this.driver).assertAt("acme-apps/internal-tools");
		detail.openTab("Permissions");
		PermissionsTab permissions = new PermissionsTab(this.driver).assertAt();
		assertThat(this.driver.findElement(By.cssSelector("nav.tabs a[aria-current=page]")).getText())
			.isEqualTo("Permissions");
		assertThat(permissions.effective("alice")).isEqualTo("Manage administrator");
		assertThat(permissions.effective("bob")).isEqualTo("Read");
		assertThat(permissions.organizationGrant("bob")).isEqualTo("Read");
		assertThat(permissions.imageGrant("bob")).isEqualTo("—");
		assertNoSeriousViolations(this.driver);
		screenshot("permissions-tab-alice");

		permissions.grant("bob", "Edit");
		assertThat(permissions.effective("bob")).isEqualTo("Edit");
		assertThat(permissions.message()).isEqualTo("bob now holds Edit on acme-apps/internal-tools.");
		assertThat(this.driver.getCurrentUrl()).endsWith("/images/acme-apps/internal-tools?tab=permissions");
		permissions.change("bob", "Manage");
		assertThat(permissions.effective("bob")).isEqualTo("Manage");
		// The change swapped the tab area in place: still one row of tabs, focus on the panel.
		assertThat(this.driver.findElements(By.cssSelector("nav.tabs"))).hasSize(1);
		waitFor().until(d -> "tab-panel".equals(d.switchTo().activeElement().getAttribute("id")));
		assertNoSeriousViolations(this.driver);
		screenshot("permissions-tab-granted");
		this.driver.manage().window().setSize(new Dimension(1024, 768));
		screenshot("permissions-tab-granted-1024");
		this.driver.manage().window().setSize(new Dimension(1280, 900));
		permissions.remove("bob", true);
		assertThat(permissions.effective("bob")).isEqualTo("Read");
	}

	@Test
	void aliceSearchesAndOpensAnImageWithTheKeyboardAlone() {
		loginAs("alice");
		open("/images");
		new MyImagesPage(this.driver).assertAt("Private Images");
		tabUntil("the search field", () -> "q".equals(focused().getAttribute("id")));
		new Actions(this.driver).sendKeys("nginx").perform();
		waitFor().until(d -> d.getCurrentUrl().contains("q=nginx")
				&& new MyImagesPage(d).imagePaths().equals(java.util.List.of("acme-apps/nginx")));
		this.driver.executeScript("window.listRequests = 0;"
				+ "document.body.addEventListener('htmx:beforeRequest', () => window.listRequests++);");
		tabUntil("the nginx link", () -> "acme-apps/nginx".equals(focused().getText())
				&& focused().getAttribute("class").contains("image-link"));
		assertThat(this.driver.executeScript("return window.listRequests"))
			.as("leaving the search field asks for the list it already shows, which would take the focus away")
			.isEqualTo(0L);
		new Actions(this.driver).sendKeys(Keys.ENTER).perform();
		new ImageDetailPage(this.driver).assertAt("acme-apps/nginx");
	}

	@Test
	void publicImagesEditAttributesAndErrorPagesHaveNoSeriousAccessibilityViolations() {
		loginAs("alice");
		open("/images/public");
		new MyImagesPage(this.driver).assertAt("Public Images");
		assertNoSeriousViolations(this.driver);
		screenshot("images-public-alice");
		long nginx = this.catalog.find("acme-apps", "nginx").orElseThrow().image().id();
		open("/images/" + nginx + "/edit");
		assertThat(heading()).isEqualTo("Edit acme-apps/nginx");
		assertNoSeriousViolations(this.driver);
		screenshot("edit-attributes-alice");
		this.driver.findElement(By.id("category")).clear();
		this.driver.findElement(By.cssSelector("form.form-stack button[type=submit]")).click();
		waitFor().until(d -> !d.findElements(By.id("category-error")).isEmpty());
		assertThat(this.driver.findElement(By.id("category-error")).getText()).isEqualTo("Enter a category.");
		assertNoSeriousViolations(this.driver);
		screenshot("edit-attributes-error");
		open("/organizations/globex-ml");
		assertThat(heading()).isEqualTo("Not found");
		assertNoSeriousViolations(this.driver);
		this.driver.manage().deleteAllCookies();

		loginAs("bob");
		open("/images/" + nginx + "/edit");
		assertThat(heading()).isEqualTo("Not allowed");
		assertNoSeriousViolations(this.driver);
		screenshot("forbidden-bob");
	}

	private void tabUntil(String what, java.util.function.BooleanSupplier reached) {
		for (int i = 0; i < 40; i++) {
			new Actions(this.driver).sendKeys(Keys.TAB).perform();
			if (reached.getAsBoolean()) {
				return;
			}
		}
		throw new AssertionError("Tabbing 40 times never reached " + what + "; stopped at "
				+ focused().getTagName() + " " + focused().getText());
	}

}

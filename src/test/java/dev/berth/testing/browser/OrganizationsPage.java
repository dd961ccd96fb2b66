package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** The Organizations page: the list and the create form. */
public class OrganizationsPage {

	private final WebDriver driver;

	public OrganizationsPage(WebDriver driver) {
		this.driver = driver;
	}

	public OrganizationsPage assertAt() {
		waitFor().until(d -> d.getCurrentUrl().endsWith("/organizations"));
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Organizations");
		return this;
	}

	public List<String> names() {
		return this.driver.findElements(By.cssSelector("#organization-table .org-link"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public String permissionOn(String organization) {
		return this.driver
			.findElement(By.cssSelector("#organization-table tr[data-organization='" + organization + "'] .org-permission"))
			.getText();
	}

	public String imageCountOf(String organization) {
		return this.driver
			.findElement(By.cssSelector("#organization-table tr[data-organization='" + organization + "'] td.num"))
			.getText();
	}

	public boolean hasCreateForm() {
		return !this.driver.findElements(By.id("create-organization")).isEmpty();
	}

	public void create(String name) {
		WebElement field = this.driver.findElement(By.id("name"));
		field.clear();
		field.sendKeys(name);
		WebElement form = this.driver.findElement(By.id("create-organization"));
		form.findElement(By.cssSelector("button[type=submit]")).click();
		// The answer replaces the form (with its messages, or the page after a redirect).
		waitFor().until(Browser.replaced(form));
	}

	public String nameError() {
		return waitFor().until(Browser.fieldError("name"));
	}

	public String nameValue() {
		return this.driver.findElement(By.id("name")).getDomProperty("value");
	}

	public void open(String organization) {
		this.driver.findElement(By.linkText(organization)).click();
	}

	private WebDriverWait waitFor() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10));
	}

}

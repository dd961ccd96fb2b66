package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** One organization: its images and its users with their permissions. */
public class OrganizationPage {

	private final WebDriver driver;

	public OrganizationPage(WebDriver driver) {
		this.driver = driver;
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

	public OrganizationPage assertAt(String name) {
		waitFor().until(d -> !d.findElements(By.id("organization-title")).isEmpty());
		assertThat(this.driver.findElement(By.id("organization-title")).getText()).isEqualTo(name);
		return this;
	}

	public List<String> images() {
		return this.driver.findElements(By.cssSelector("#organization-images .image-link"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/** The permission shown for the user, e.g. "Manage administrator" or "Edit"; empty if not listed. */
	public String permissionOf(String username) {
		List<WebElement> cells = this.driver
			.findElements(By.cssSelector("#members-table tr[data-user='" + username + "'] .member-permission"));
		return cells.isEmpty() ? "" : cells.get(0).getText();
	}

	public boolean canChange(String username) {
		return !this.driver.findElements(By.cssSelector("#members-table tr[data-user='" + username + "'] form"))
			.isEmpty();
	}

	public boolean hasGrantForm() {
		return !this.driver.findElements(By.id("grant-form")).isEmpty();
	}

	public void grant(String username, String permission) {
		new Select(this.driver.findElement(By.id("grant-user"))).selectByVisibleText(username);
		new Select(this.driver.findElement(By.id("grant-permission"))).selectByVisibleText(permission);
		this.driver.findElement(By.cssSelector("#grant-form button[type=submit]")).click();
		waitFor().until(d -> permissionOf(username).equals(permission));
		waitFor().until(Browser.htmxSettled());
	}

	public void change(String username, String permission) {
		WebElement row = this.driver.findElement(By.cssSelector("#members-table tr[data-user='" + username + "']"));
		new Select(row.findElement(By.cssSelector("select[name=permission]"))).selectByVisibleText(permission);
		row.findElement(By.xpath(".//button[text()='Change']")).click();
		waitFor().until(d -> permissionOf(username).equals(permission));
		waitFor().until(Browser.htmxSettled());
	}

	public void remove(String username, boolean javascript) {
		this.driver.findElement(By.cssSelector("#members-table tr[data-user='" + username + "'] .btn-danger")).click();
		if (javascript) {
			Alert confirm = waitFor().until(ExpectedConditions.alertIsPresent());
			confirm.accept();
		}
		waitFor().until(d -> permissionOf(username).isEmpty());
	}

	public String message() {
		List<WebElement> members = this.driver.findElements(By.cssSelector("#members .flash"));
		return (members.isEmpty() ? this.driver.findElement(By.cssSelector(".flash")) : members.get(0)).getText();
	}

}

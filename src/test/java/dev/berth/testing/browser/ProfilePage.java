package dev.berth.testing.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile: who you are, and the form that changes your password. */
public class ProfilePage {

	private final WebDriver driver;

	public ProfilePage(WebDriver driver) {
		this.driver = driver;
	}

	public static ProfilePage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/profile");
		return new ProfilePage(driver).assertAt();
	}

	public ProfilePage assertAt() {
		waitFor().until(d -> !d.findElements(By.id("password-form")).isEmpty());
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Profile");
		return this;
	}

	/** Whether the page says that the password must be changed before anything else. */
	public boolean mustChange() {
		return !this.driver.findElements(By.id("must-change")).isEmpty();
	}

	public String username() {
		return this.driver.findElement(By.id("profile-username")).getText();
	}

	/** Fills and sends the form; the next page is the one after it (or this one with messages). */
	public void changePassword(String current, String password) {
		type("current", current);
		type("password", password);
		type("confirm", password);
		this.driver.findElement(By.id("change-password")).click();
	}

	public String error(String field) {
		return waitFor().until(Browser.fieldError(field));
	}

	private void type(String id, String text) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

}

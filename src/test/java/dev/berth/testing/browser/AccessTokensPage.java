package dev.berth.testing.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile > Access tokens: the create form, the secret shown once, the list with Revoke. */
public class AccessTokensPage {

	private final WebDriver driver;

	public AccessTokensPage(WebDriver driver) {
		this.driver = driver;
	}

	/** From Profile, by its link. */
	public static AccessTokensPage fromProfile(WebDriver driver, String baseUrl) {
		ProfilePage.open(driver, baseUrl);
		driver.findElement(By.id("tokens-link")).click();
		return new AccessTokensPage(driver).assertAt();
	}

	public AccessTokensPage assertAt() {
		waitFor().until(d -> !d.findElements(By.id("token-form")).isEmpty());
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Access tokens");
		return this;
	}

	public TokenForm form() {
		return new TokenForm();
	}

	/** The secret shown after creating (empty when none is shown). */
	public String secret() {
		var shown = this.driver.findElements(By.id("token-secret"));
		return shown.isEmpty() ? "" : shown.get(0).getText();
	}

	public String command(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	/** Clicks the Copy button of the secret; its label says Copied once the clipboard has it. */
	public WebElement copySecret() {
		WebElement button = this.driver.findElement(By.cssSelector("button.copy[data-copy-target='token-secret']"));
		button.click();
		return button;
	}

	public String error(String field) {
		return waitFor().until(Browser.fieldError(field));
	}

	public WebElement row(String name) {
		return this.driver.findElement(By.cssSelector("#tokens-table tr[data-token='" + name + "']"));
	}

	public String status(String name) {
		return row(name).findElement(By.className("token-status")).getText();
	}

	/** Revoke, confirmed on the page that asks; the list comes back with the message. */
	public AccessTokensPage revoke(String name) {
		WebElement form = this.driver.findElement(By.id("token-form"));
		row(name).findElement(By.cssSelector("form.revoke-token button")).click();
		waitFor().until(Browser.replaced(form));
		waitFor().until(d -> d.findElement(By.id("revoke-title")).getText().equals("Revoke " + name));
		this.driver.findElement(By.id("revoke-yes")).click();
		waitFor().until(d -> !d.findElements(By.id("token-form")).isEmpty());
		waitFor().until(d -> d.findElement(By.cssSelector(".flash")).getText().contains(name));
		return assertAt();
	}

	public String flash() {
		return this.driver.findElement(By.cssSelector(".flash")).getText();
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

	/** The create form. */
	public class TokenForm {

		public TokenForm name(String name) {
			WebElement field = AccessTokensPage.this.driver.findElement(By.id("name"));
			field.clear();
			field.sendKeys(name);
			return this;
		}

		/** {@code all}, {@code organizations} or {@code shared}. */
		public TokenForm reach(String reach) {
			AccessTokensPage.this.driver.findElement(By.id("reach-" + reach)).click();
			return this;
		}

		public TokenForm pull() {
			AccessTokensPage.this.driver.findElement(By.id("scope-pull")).click();
			return this;
		}

		public TokenForm pullAndPush() {
			AccessTokensPage.this.driver.findElement(By.id("scope-push")).click();
			return this;
		}

		public TokenForm onDate(String date) {
			AccessTokensPage.this.driver.findElement(By.id("expiry-date")).click();
			WebElement field = AccessTokensPage.this.driver.findElement(By.id("expiresOn"));
			field.clear();
			field.sendKeys(date);
			return this;
		}

		/** Sends the form and waits for the answer (a new page). */
		public AccessTokensPage create() {
			WebElement form = AccessTokensPage.this.driver.findElement(By.id("token-form"));
			AccessTokensPage.this.driver.findElement(By.id("create-token")).click();
			waitFor().until(Browser.replaced(form));
			return assertAt();
		}

	}

}

package dev.berth.testing.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/** The login page. */
public class LoginPage {

	private final WebDriver driver;

	public LoginPage(WebDriver driver) {
		this.driver = driver;
	}

	public static LoginPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/login");
		return new LoginPage(driver).assertAt();
	}

	public LoginPage assertAt() {
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Log in to Berth");
		return this;
	}

	public LoginForm loginForm() {
		return new LoginForm();
	}

	/** Logs in with the demo password. */
	public void loginAs(String username) {
		loginForm().username(username).password("demo12345").submit();
	}

	public String error() {
		return this.driver.findElement(By.id("login-error")).getText();
	}

	/** What the user name field holds. */
	public String username() {
		return this.driver.findElement(By.id("username")).getDomProperty("value");
	}

	/** The id of the field the cursor is in. */
	public String focused() {
		return this.driver.switchTo().activeElement().getDomAttribute("id");
	}

	/** Logs in with a name and a password; the next page is where the console sends the user. */
	public void login(String username, String password) {
		loginForm().username(username).password(password).submit();
	}

	/** Logs in and waits until the next page replaced this one (also when it is the login page again). */
	public void loginAndWait(String username, String password) {
		org.openqa.selenium.WebElement form = this.driver.findElement(By.id("login-form"));
		login(username, password);
		new org.openqa.selenium.support.ui.WebDriverWait(this.driver, java.time.Duration.ofSeconds(10))
			.until(Browser.replaced(form));
	}

	/** The message of a refused login (wrong, throttled, disabled), once the login page shows it again. */
	public String refusal() {
		return new org.openqa.selenium.support.ui.WebDriverWait(this.driver, java.time.Duration.ofSeconds(10))
			.until(d -> d.findElements(By.cssSelector(".login-card .alert-error"))
				.stream()
				.map(org.openqa.selenium.WebElement::getText)
				.findFirst()
				.orElse(null));
	}

	public class LoginForm {

		public LoginForm username(String username) {
			var field = LoginPage.this.driver.findElement(By.id("username"));
			field.clear();
			field.sendKeys(username);
			return this;
		}

		public LoginForm password(String password) {
			var field = LoginPage.this.driver.findElement(By.id("password"));
			field.clear();
			field.sendKeys(password);
			return this;
		}

		public void submit() {
			LoginPage.this.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
		}

	}

}

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

package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Users: an account administrator's list of the account's users, and the Create user form. */
public class UsersPage {

	private final WebDriver driver;

	public UsersPage(WebDriver driver) {
		this.driver = driver;
	}

	public static UsersPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/account/users");
		return new UsersPage(driver).assertAt();
	}

	public UsersPage assertAt() {
		waitFor().until(d -> !d.findElements(By.id("users-table")).isEmpty());
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Users");
		return this;
	}

	public List<String> usernames() {
		return this.driver.findElements(By.cssSelector("#users-table tbody tr"))
			.stream()
			.map(row -> row.getAttribute("data-user"))
			.toList();
	}

	public void create(String username, String password, boolean administrator) {
		type("username", username);
		type("password", password);
		type("confirm", password);
		WebElement box = this.driver.findElement(By.cssSelector("#create-user input[type=checkbox][name=administrator]"));
		if (box.isSelected() != administrator) {
			box.click();
		}
		WebElement form = this.driver.findElement(By.id("create-user"));
		form.findElement(By.cssSelector("button[type=submit]")).click();
		// The answer is a new page (the list with its message, or the form with its errors).
		waitFor().until(Browser.replaced(form));
	}

	public String status(String username) {
		return row(username).findElement(By.cssSelector(".user-status")).getText();
	}

	public String message() {
		return waitFor().until(d -> {
			var flashes = d.findElements(By.cssSelector(".flash"));
			return flashes.isEmpty() ? null : flashes.get(0).getText();
		});
	}

	/** Reset password: its own page; the users list again after it. */
	public void resetPassword(String username, String password) {
		row(username).findElement(By.cssSelector(".reset-user")).click();
		waitFor().until(d -> !d.findElements(By.id("reset-form")).isEmpty());
		type("password", password);
		type("confirm", password);
		this.driver.findElement(By.id("reset-submit")).click();
		assertAt();
	}

	/** Disable, confirmed in the browser's dialog; htmx swaps the list. */
	public void disable(String username) {
		row(username).findElement(By.cssSelector(".disable-user")).click();
		waitFor().until(ExpectedConditions.alertIsPresent()).accept();
		waitFor().until(d -> status(username).startsWith("Disabled"));
	}

	public void enable(String username) {
		row(username).findElement(By.cssSelector(".enable-user")).click();
		waitFor().until(d -> status(username).startsWith("Active"));
	}

	/** Delete: a confirmation page, then the list without the user. */
	public void delete(String username) {
		row(username).findElement(By.cssSelector(".delete-user")).click();
		waitFor().until(d -> !d.findElements(By.id("delete-yes")).isEmpty());
		this.driver.findElement(By.id("delete-yes")).click();
		assertAt();
		waitFor().until(d -> !usernames().contains(username));
	}

	public WebElement row(String username) {
		return this.driver.findElement(By.cssSelector("#users-table tr[data-user='" + username + "']"));
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

package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's Administration: the Accounts list, the Create account form, an account's page
 * with Disable / Enable / Delete and their confirmations, and the Activity of every account.
 */
public class AdministrationPage {

	private final WebDriver driver;

	public AdministrationPage(WebDriver driver) {
		this.driver = driver;
	}

	public static AdministrationPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/administration/accounts");
		return new AdministrationPage(driver).assertAt();
	}

	public AdministrationPage assertAt() {
		waitFor().until(d -> !d.findElements(By.id("create-account")).isEmpty());
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Administration");
		return this;
	}

	public List<String> accounts() {
		return this.driver.findElements(By.cssSelector("#accounts-table .account-link"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public String status(String account) {
		return this.driver
			.findElement(By.cssSelector("#accounts-table tr[data-account='" + account + "'] .account-status"))
			.getText();
	}

	public AdministrationPage search(String text) {
		WebElement q = this.driver.findElement(By.id("q"));
		q.clear();
		q.sendKeys(text);
		this.driver.findElement(By.cssSelector("form.toolbar button[type=submit]")).click();
		return this;
	}

	/** Create account: fills the one form (account and its first administrator) and sends it. */
	public void createAccount(String name, String region, String administrator, String password) {
		this.driver.findElement(By.id("create-account")).click();
		waitFor().until(d -> !d.findElements(By.id("account-form")).isEmpty());
		type("name", name);
		new Select(this.driver.findElement(By.id("region"))).selectByVisibleText(region);
		type("administrator", administrator);
		type("password", password);
		type("confirm", password);
		this.driver.findElement(By.id("create-account-submit")).click();
	}

	public String error(String field) {
		return waitFor().until(Browser.fieldError(field));
	}

	/** The account's page (after Create account, or from the list). */
	public AdministrationPage openAccount(String name) {
		this.driver.findElement(By.cssSelector("#accounts-table tr[data-account='" + name + "'] .account-link")).click();
		return assertAtAccount(name);
	}

	public AdministrationPage assertAtAccount(String name) {
		waitFor().until(d -> !d.findElements(By.id("account-title")).isEmpty());
		assertThat(this.driver.findElement(By.id("account-title")).getText()).isEqualTo(name);
		return this;
	}

	public String accountStatus() {
		return this.driver.findElement(By.id("account-status")).getText();
	}

	public String message() {
		return this.driver.findElement(By.cssSelector(".flash")).getText();
	}

	/** Disable: the confirmation says what happens; ticks "yes" (and suspends the shares it gives when asked). */
	public String disable(boolean suspendShares) {
		this.driver.findElement(By.id("disable-account")).click();
		waitFor().until(d -> !d.findElements(By.id("confirm-form")).isEmpty());
		String consequences = this.driver.findElement(By.cssSelector(".consequences")).getText();
		if (suspendShares) {
			this.driver.findElement(By.cssSelector("input[name=suspendShares][type=checkbox]")).click();
		}
		this.driver.findElement(By.cssSelector("input[name=confirm][type=checkbox]")).click();
		this.driver.findElement(By.id("confirm-submit")).click();
		waitFor().until(d -> !d.findElements(By.id("enable-account")).isEmpty());
		return consequences;
	}

	public void enable() {
		this.driver.findElement(By.id("enable-account")).click();
		waitFor().until(d -> !d.findElements(By.id("confirm-form")).isEmpty());
		this.driver.findElement(By.cssSelector("input[name=confirm][type=checkbox]")).click();
		this.driver.findElement(By.id("confirm-submit")).click();
		waitFor().until(d -> !d.findElements(By.id("disable-account")).isEmpty());
	}

	/** Administration › Activity, of one account or all, of one kind or all. */
	public static List<String> activity(WebDriver driver, String baseUrl, String account, String kind) {
		driver.get(baseUrl + "/administration/activity?account=" + account + "&kind=" + kind);
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("results")).isEmpty());
		return driver.findElements(By.cssSelector("#operator-activity tbody tr"))
			.stream()
			.map(WebElement::getText)
			.toList();
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

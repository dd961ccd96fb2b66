package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sharing tab of an image's details: the shares table, Share Image, edit and revoke. */
public class SharingTabPage {

	private final WebDriver driver;

	public SharingTabPage(WebDriver driver) {
		this.driver = driver;
	}

	public static SharingTabPage open(WebDriver driver, String baseUrl, String path) {
		driver.get(baseUrl + "/images/" + path + "?tab=sharing");
		return new SharingTabPage(driver).assertAt(path);
	}

	public SharingTabPage assertAt(String path) {
		waitFor().until(d -> !d.findElements(By.id("shares")).isEmpty());
		assertThat(this.driver.findElement(By.id("image-title")).getText()).isEqualTo(path);
		waitForHtmx();
		return this;
	}

	/** htmx and berth.js are loaded deferred; wait until they have enhanced the page. */
	public void waitForHtmx() {
		waitFor().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
			.executeScript("return document.readyState === 'complete' && !!window.htmx")));
	}

	public boolean hasShareImage() {
		return !this.driver.findElements(By.id("share-image")).isEmpty();
	}

	public ShareDialog shareImage() {
		this.driver.findElement(By.id("share-image")).click();
		return new ShareDialog(this.driver).waitOpen();
	}

	public List<String> accounts() {
		return this.driver.findElements(By.cssSelector("#shares-table tbody th[scope=row]"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public WebElement row(String account) {
		return this.driver.findElement(By.cssSelector("#shares-table tr[data-account='" + account + "']"));
	}

	public String validUntil(String account) {
		return row(account).findElement(By.cssSelector(".valid-until .expiry-date")).getText();
	}

	public String status(String account) {
		return row(account).findElement(By.cssSelector(".status")).getText();
	}

	public String description(String account) {
		return row(account).findElement(By.cssSelector(".share-description")).getText();
	}

	public String count() {
		return this.driver.findElement(By.id("share-count")).getText();
	}

	public String message() {
		return this.driver.findElement(By.cssSelector("#shares .flash")).getText();
	}

	public ShareDialog edit(String account) {
		row(account).findElement(By.cssSelector(".edit-share")).click();
		return new ShareDialog(this.driver).waitOpen();
	}

	/** Revoke opens a confirmation dialog naming the account; Cancel is focused first. */
	public RevokeDialog startRevoke(String account) {
		row(account).findElement(By.cssSelector(".revoke-share")).click();
		return new RevokeDialog(this.driver).waitOpen();
	}

	public void revoke(String account) {
		RevokeDialog dialog = startRevoke(account);
		assertThat(dialog.account()).isEqualTo(account);
		dialog.confirm();
		waitFor().until(d -> d.findElements(By.cssSelector("#shares-table tr[data-account='" + account + "']")).isEmpty());
	}

	/** Revokes a share that is gone already (the page is stale): the refusal shows in the page. */
	public String revokeAndReadTheError(String account) {
		row(account).findElement(By.cssSelector(".revoke-share")).click();
		return waitFor().until(d -> {
			WebElement error = d.findElement(By.id("request-error"));
			return error.isDisplayed() ? error.getText() : null;
		});
	}

	public List<String> history() {
		return this.driver.findElements(By.cssSelector("#share-history li")).stream().map(WebElement::getText).toList();
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

}

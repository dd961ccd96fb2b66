package dev.berth.testing.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Share Image dialog (a modal {@code <dialog>} swapped in by htmx). */
public class ShareDialog {

	private final WebDriver driver;

	public ShareDialog(WebDriver driver) {
		this.driver = driver;
	}

	public ShareDialog waitOpen() {
		waitFor().until(d -> !d.findElements(By.cssSelector("dialog#share-dialog[open]")).isEmpty());
		return this;
	}

	public String title() {
		return dialog().findElement(By.id("share-dialog-title")).getText();
	}

	public ShareDialog shareWith(String account) {
		WebElement field = dialog().findElement(By.id("shareWith"));
		field.clear();
		field.sendKeys(account);
		return this;
	}

	public ShareDialog permanent(boolean permanent) {
		WebElement box = dialog().findElement(By.id("permanent"));
		if (box.isSelected() != permanent) {
			box.sendKeys(Keys.SPACE);
		}
		return this;
	}

	/** Valid Until is typed as YYYY-MM-DD, as the tables show dates. */
	public ShareDialog validUntil(String isoDate) {
		WebElement field = dialog().findElement(By.id("validUntil"));
		field.clear();
		field.sendKeys(isoDate);
		return this;
	}

	public String validUntil() {
		return dialog().findElement(By.id("validUntil")).getDomProperty("value");
	}

	public ShareDialog description(String text) {
		WebElement field = dialog().findElement(By.id("description"));
		field.clear();
		field.sendKeys(text);
		return this;
	}

	public String descriptionCount() {
		return dialog().findElement(By.id("description-count")).getText();
	}

	/** OK: the dialog goes away when the share was saved, or comes back with messages. */
	public void ok() {
		dialog().findElement(By.id("share-ok")).click();
	}

	public void okAndWaitClosed() {
		ok();
		waitClosed();
	}

	public void waitClosed() {
		waitFor().until(d -> d.findElements(By.cssSelector("dialog#share-dialog")).isEmpty());
		waitFor().until(Browser.htmxSettled());
	}

	/** The message next to a field, once the server re-rendered the dialog with it. */
	public String error(String field) {
		return waitFor().until(d -> {
			var errors = d.findElements(By.cssSelector("dialog#share-dialog[open] #" + field + "-error"));
			return errors.isEmpty() ? null : errors.get(0).getText();
		});
	}

	public ShareDialog editExisting() {
		dialog().findElement(By.cssSelector("a.edit-existing")).click();
		waitFor().until(d -> {
			var titles = d.findElements(By.cssSelector("dialog#share-dialog[open] #share-dialog-title"));
			return !titles.isEmpty() && titles.get(0).getText().startsWith("Edit share");
		});
		return this;
	}

	public void pressEscape() {
		dialog().findElement(By.id("description")).sendKeys(Keys.ESCAPE);
	}

	public void cancel() {
		dialog().findElement(By.cssSelector(".modal-foot [data-close-dialog]")).click();
	}

	private WebElement dialog() {
		return this.driver.findElement(By.cssSelector("dialog#share-dialog[open]"));
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

}

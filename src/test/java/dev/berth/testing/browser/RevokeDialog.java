package dev.berth.testing.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Revoke confirmation (a modal {@code <dialog>}): the account, its last pull and pulls; Cancel first. */
public class RevokeDialog {

	private final WebDriver driver;

	public RevokeDialog(WebDriver driver) {
		this.driver = driver;
	}

	public RevokeDialog waitOpen() {
		waitFor().until(d -> !d.findElements(By.cssSelector("dialog#revoke-dialog[open]")).isEmpty());
		return this;
	}

	public String account() {
		return dialog().findElement(By.id("revoke-account")).getText();
	}

	public String lastPull() {
		return dialog().findElement(By.id("revoke-last-pull")).getText();
	}

	public String pulls() {
		return dialog().findElement(By.id("revoke-pulls")).getText();
	}

	public String focusedId() {
		return this.driver.switchTo().activeElement().getAttribute("id");
	}

	public void cancel() {
		dialog().findElement(By.id("revoke-cancel")).click();
		waitFor().until(d -> d.findElements(By.cssSelector("dialog#revoke-dialog")).isEmpty());
	}

	public void confirm() {
		dialog().findElement(By.id("revoke-yes")).click();
		waitFor().until(d -> d.findElements(By.cssSelector("dialog#revoke-dialog")).isEmpty());
	}

	private WebElement dialog() {
		return this.driver.findElement(By.cssSelector("dialog#revoke-dialog[open]"));
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

}

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

/** The Permissions tab of image details. */
public class PermissionsTab {

	private final WebDriver driver;

	public PermissionsTab(WebDriver driver) {
		this.driver = driver;
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

	public PermissionsTab assertAt() {
		waitFor().until(d -> !d.findElements(By.id("permissions-table")).isEmpty());
		return this;
	}

	private WebElement row(String username) {
		return this.driver.findElement(By.cssSelector("#permissions-table tr[data-user='" + username + "']"));
	}

	public String effective(String username) {
		return row(username).findElement(By.cssSelector(".effective")).getText();
	}

	public String organizationGrant(String username) {
		return row(username).findElement(By.cssSelector(".organization-grant")).getText();
	}

	/** The image grant: the selected permission, or "—" for none. */
	public String imageGrant(String username) {
		List<WebElement> select = row(username).findElements(By.cssSelector(".image-grant select"));
		return select.isEmpty() ? row(username).findElement(By.cssSelector(".image-grant")).getText()
				: new Select(select.get(0)).getFirstSelectedOption().getText();
	}

	public void grant(String username, String permission) {
		new Select(this.driver.findElement(By.id("image-grant-user"))).selectByVisibleText(username);
		new Select(this.driver.findElement(By.id("image-grant-permission"))).selectByVisibleText(permission);
		this.driver.findElement(By.cssSelector("#image-grant-form button[type=submit]")).click();
		waitFor().until(d -> imageGrant(username).equals(permission));
		waitFor().until(Browser.htmxSettled());
	}

	public void change(String username, String permission) {
		new Select(row(username).findElement(By.cssSelector(".image-grant select"))).selectByVisibleText(permission);
		row(username).findElement(By.xpath(".//button[text()='Change']")).click();
		waitFor().until(d -> message().equals(username + " now holds " + permission + " on " + imagePath() + "."));
	}

	public void remove(String username, boolean javascript) {
		row(username).findElement(By.cssSelector(".btn-danger")).click();
		if (javascript) {
			Alert confirm = waitFor().until(ExpectedConditions.alertIsPresent());
			confirm.accept();
		}
		waitFor().until(d -> imageGrant(username).equals("—"));
	}

	private String imagePath() {
		return this.driver.findElement(By.id("image-title")).getText();
	}

	public String message() {
		List<WebElement> flash = this.driver.findElements(By.cssSelector(".flash"));
		return flash.isEmpty() ? "" : flash.get(0).getText();
	}

}

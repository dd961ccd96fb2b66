package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Image details: header, tabs and the Tags table with its pull commands. */
public class ImageDetailPage {

	private final WebDriver driver;

	public ImageDetailPage(WebDriver driver) {
		this.driver = driver;
	}

	public ImageDetailPage assertAt(String path) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.id("image-title")).isEmpty());
		assertThat(this.driver.findElement(By.id("image-title")).getText()).isEqualTo(path);
		return this;
	}

	public List<String> tabs() {
		return this.driver.findElements(By.cssSelector("nav.tabs a"))
			.stream()
			.map(a -> a.getText().replaceAll("\\s+\\d+$", ""))
			.toList();
	}

	public List<String> tags() {
		return this.driver.findElements(By.cssSelector("#tags-table .tag-name")).stream().map(WebElement::getText).toList();
	}

	public String pullCommand(String tag) {
		return tagRow(tag).findElement(By.cssSelector(".pull-cell .copy-field code")).getText();
	}

	public WebElement copyButton(String tag) {
		return tagRow(tag).findElement(By.cssSelector(".pull-cell button.copy"));
	}

	private WebElement tagRow(String tag) {
		return this.driver.findElement(By.cssSelector("#tags-table tr[data-tag='" + tag + "']"));
	}

	public void openTab(String name) {
		this.driver.findElements(By.cssSelector("nav.tabs a"))
			.stream()
			.filter(a -> a.getText().startsWith(name))
			.findFirst()
			.orElseThrow()
			.click();
	}

	public boolean hasEditButton() {
		return !this.driver.findElements(By.linkText("Edit attributes")).isEmpty();
	}

}

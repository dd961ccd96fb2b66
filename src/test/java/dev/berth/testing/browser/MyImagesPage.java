package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** My Images: the tabs, the search form and the image table. */
public class MyImagesPage {

	private final WebDriver driver;

	public MyImagesPage(WebDriver driver) {
		this.driver = driver;
	}

	public MyImagesPage assertAt(String tab) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector(".tabs a[aria-current=page]")).isEmpty());
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("My Images");
		assertThat(this.driver.findElement(By.cssSelector(".tabs a[aria-current=page]")).getText()).isEqualTo(tab);
		return this;
	}

	public List<String> imagePaths() {
		return this.driver.findElements(By.cssSelector("#image-table .image-link"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	public MyImagesPage search(String text) {
		WebElement q = this.driver.findElement(By.id("q"));
		q.clear();
		q.sendKeys(text);
		this.driver.findElement(By.cssSelector("form.toolbar button[type=submit]")).click();
		return this;
	}

	public void openTab(String tab) {
		this.driver.findElement(By.linkText(tab)).click();
	}

	public void openImage(String path) {
		this.driver.findElements(By.cssSelector("#image-table .image-link"))
			.stream()
			.filter(link -> link.getText().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No image " + path + " in " + imagePaths()))
			.click();
	}

}

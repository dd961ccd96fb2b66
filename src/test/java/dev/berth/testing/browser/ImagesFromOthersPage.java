package dev.berth.testing.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** My Images › Images From Others. */
public class ImagesFromOthersPage {

	private final WebDriver driver;

	public ImagesFromOthersPage(WebDriver driver) {
		this.driver = driver;
	}

	public static ImagesFromOthersPage open(WebDriver driver, String baseUrl) {
		driver.get(baseUrl + "/images/from-others");
		return new ImagesFromOthersPage(driver).assertAt();
	}

	public ImagesFromOthersPage assertAt() {
		waitFor().until(d -> !d.findElements(By.cssSelector(".tabs a[aria-current=page]")).isEmpty());
		assertThat(this.driver.findElement(By.cssSelector(".tabs a[aria-current=page]")).getText())
			.isEqualTo("Images From Others");
		return this;
	}

	public List<String> images() {
		return this.driver.findElements(By.cssSelector("#others-table .image-link")).stream().map(WebElement::getText).toList();
	}

	public String cell(String image, String css) {
		return this.driver.findElement(By.cssSelector("#others-table tr[data-image='" + image + "'] " + css)).getText();
	}

	public ImagesFromOthersPage search(String text) {
		var q = this.driver.findElement(By.id("q"));
		q.clear();
		q.sendKeys(text);
		this.driver.findElement(By.cssSelector("form.toolbar button[type=submit]")).click();
		return this;
	}

	public void openImage(String image) {
		this.driver.findElement(By.cssSelector("#others-table tr[data-image='" + image + "'] .image-link")).click();
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

}

package dev.berth.testing.browser;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the browser journeys: the whole console on a random loopback port with the demo data,
 * and one headless Chromium per test class. Each test starts logged out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "berth.registry.managed=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest {

	@LocalServerPort
	protected int port;

	protected ChromeDriver driver;

	@BeforeAll
	void startBrowser() {
		this.driver = Browser.start(javascriptEnabled());
	}

	@AfterAll
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@AfterEach
	void logOut() {
		assertThat(Browser.contentSecurityPolicyViolations(this.driver)).as("Content-Security-Policy violations").isEmpty();
		this.driver.manage().deleteAllCookies();
	}

	protected boolean javascriptEnabled() {
		return true;
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	protected void open(String path) {
		this.driver.get(baseUrl() + path);
	}

	protected void loginAs(String username) {
		LoginPage.open(this.driver, baseUrl()).loginAs(username);
		waitFor().withMessage(() -> "still at " + this.driver.getCurrentUrl() + ": " + this.driver.getPageSource())
			.until(d -> !d.getCurrentUrl().contains("/login"));
	}

	protected WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.ignoring(StaleElementReferenceException.class);
	}

	/** The element that has the keyboard focus. */
	protected WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	protected String heading() {
		return this.driver.findElement(By.tagName("h1")).getText();
	}

	protected void screenshot(String name) {
		Browser.screenshot(this.driver, name);
	}

}

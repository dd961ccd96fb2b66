package dev.berth.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium and chromedriver, headless, sending nothing off the machine. No test tool
 * downloads a browser here: both paths are fixed ({@code CHROMIUM} and {@code CHROMEDRIVER}
 * override them).
 */
public final class Browser {

	private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

	private Browser() {
	}

	/**
	 * The element's document was replaced (a page load or an htmx swap): like Selenium's
	 * {@code stalenessOf}, but Chromium also answers a question about a node of a document that
	 * is being replaced with "Node with given id does not belong to the document" — a plain
	 * WebDriverException, which the wait would otherwise throw instead of polling on.
	 */
	public static ExpectedCondition<Boolean> replaced(WebElement element) {
		return driver -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (WebDriverException gone) {
				return true;
			}
		};
	}

	/**
	 * htmx has no request in flight and has settled its last swap. htmx wires the links and forms of
	 * swapped-in content when it settles, about 20 ms after the swap: a click in between is a plain
	 * page load or form post. Wait for this before clicking in content an htmx answer just brought.
	 */
	public static ExpectedCondition<Boolean> htmxSettled() {
		return driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver)
			.executeScript("return !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"));
	}

	/**
	 * The text of the message next to a form's field ({@code id="FIELD-error"}), once the answer
	 * to the form has arrived: a click on submit returns before the page or fragment does.
	 */
	public static ExpectedCondition<String> fieldError(String field) {
		return driver -> {
			var errors = driver.findElements(By.id(field + "-error"));
			return errors.isEmpty() ? null : errors.get(0).getText();
		};
	}

	public static ChromeDriver start(boolean javascript) {
		if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
			throw new IllegalStateException("Browser tests need Debian's Chromium and chromedriver: "
					+ "apt-get install -y chromium chromium-driver (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
		}
		Path profile;
		try {
			profile = Files.createTempDirectory("berth-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,900", "--user-data-dir=" + profile,
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
		if (!javascript) {
			options.addArguments("--blink-settings=scriptEnabled=false");
		}
		// The console log, so that tests can see Content-Security-Policy violations.
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options) {
			@Override
			public void quit() {
				try {
					super.quit();
				}
				finally {
					FileSystemUtils.deleteRecursively(profile.toFile());
				}
			}
		};
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** What the page logged to its console about the Content-Security-Policy since the last call. */
	public static List<String> contentSecurityPolicyViolations(ChromeDriver driver) {
		return driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter(message -> message.contains("Content Security Policy"))
			.toList();
	}

	/** Saves a screenshot under target/screenshots, for people to look at. */
	public static Path screenshot(ChromeDriver driver, String name) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "screenshots"));
			Path file = dir.resolve(name + ".png");
			Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

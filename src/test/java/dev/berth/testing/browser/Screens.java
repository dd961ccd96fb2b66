package dev.berth.testing.browser;

import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Screenshots of the whole page at a desktop width (1440 px) and a phone width (390 px), under
 * target/screenshots, for people to look at. The page is laid out at that width with a viewport as
 * tall as the page (Chromium's device metrics), then put back as it was.
 */
public final class Screens {

	private static final Dimension USUAL = new Dimension(1280, 900);

	private Screens() {
	}

	public static void desktopAndPhone(ChromeDriver driver, String name) {
		try {
			shoot(driver, name + "-1440", 1440);
			shoot(driver, name + "-390", 390);
		}
		finally {
			driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
			driver.manage().window().setSize(USUAL);
		}
	}

	private static void shoot(ChromeDriver driver, String name, int width) {
		metrics(driver, width, 900);
		Object height = ((JavascriptExecutor) driver)
			.executeScript("return Math.min(6000, document.documentElement.scrollHeight)");
		metrics(driver, width, Math.max(600, ((Number) height).intValue()));
		Browser.screenshot(driver, name);
	}

	private static void metrics(ChromeDriver driver, int width, int height) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
	}

}

package dev.berth.administration;

import java.util.List;

import dev.berth.testing.browser.AdministrationPage;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.LoginPage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's lists apply a chosen filter at once, without a Search button press. */
class OperatorFiltersBrowserIT extends BrowserTest {

	@Test
	void choosingARegionOrAStatusNarrowsTheAccountsAtOnce() {
		loginAs("admin");
		AdministrationPage administration = AdministrationPage.open(this.driver, baseUrl()).assertAt();
		assertThat(administration.accounts()).contains("acme", "globex", "initech", "umbrella");
		new Select(this.driver.findElement(By.id("region"))).selectByVisibleText("ap-southeast-1");
		waitFor().until(d -> d.getCurrentUrl().contains("region=ap-southeast-1")
				&& administration.accounts().equals(List.of("initech")));
		new Select(this.driver.findElement(By.id("status"))).selectByVisibleText("Disabled");
		waitFor().until(d -> d.getCurrentUrl().contains("status=disabled") && administration.accounts().isEmpty());
	}

	@Test
	void choosingAKindOfEventNarrowsTheActivityAtOnce() {
		LoginPage.open(this.driver, baseUrl()).login("nobody-here", "not a password");
		waitFor().until(d -> d.getCurrentUrl().contains("/login?error"));
		loginAs("admin");
		open("/administration/activity");
		new Select(this.driver.findElement(By.id("kind"))).selectByVisibleText("Failed and throttled logins");
		List<String> actions = waitFor().until(d -> {
			List<String> shown = d.findElements(By.cssSelector("#operator-activity tbody .badge"))
				.stream()
				.map(WebElement::getText)
				.toList();
			return (d.getCurrentUrl().contains("kind=logins") && !shown.isEmpty()) ? shown : null;
		});
		assertThat(actions).containsOnly("Login failed");
	}

}

package dev.berth.registry;

import java.time.Duration;

import dev.berth.testing.browser.AdministrationPage;
import dev.berth.testing.browser.Browser;
import dev.berth.testing.browser.ImagesFromOthersPage;
import dev.berth.testing.browser.LoginPage;
import dev.berth.testing.browser.OrganizationPage;
import dev.berth.testing.browser.ProfilePage;
import dev.berth.testing.browser.Screens;
import dev.berth.testing.browser.ShareDialog;
import dev.berth.testing.browser.SharingTabPage;
import dev.berth.testing.browser.UsersPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import static dev.berth.testing.browser.Accessibility.assertNoSeriousViolations;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding real tenants, as people do it in a browser, checked with the real registry and skopeo:
 * the operator creates the account hooli with its administrator heidi, who must choose her own
 * password first; alice shares acme-apps/nginx with hooli, heidi sees it and pulls it with her
 * console credentials; the operator disables hooli (heidi can neither log in nor pull, alice sees
 * "Account disabled") and enables it again. Inside acme, alice creates frank, grants him Read on
 * acme-apps, resets his password, disables him (his pulls are refused) and deletes him.
 */
class OnboardingJourneyIT extends RegistryIntegration {

	static final String DEMO = "demo12345";

	static final String HEIDI_FIRST = "hooli welcomes heidi";

	static final String HEIDI = "heidi's own passphrase";

	static final String FRANK_FIRST = "frank starts at acme";

	static final String FRANK = "frank's own passphrase";

	static final String FRANK_RESET = "a reset for frank now";

	static final String FRANK_AGAIN = "frank's second passphrase";

	/** One browser for the class (static: the registry fixture's folders are the class's). */
	static ChromeDriver browser;

	ChromeDriver driver;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start(true);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@org.junit.jupiter.api.BeforeEach
	void browser() {
		this.driver = browser;
	}

	@AfterEach
	void noContentSecurityPolicyViolations() {
		assertThat(Browser.contentSecurityPolicyViolations(this.driver)).as("Content-Security-Policy violations")
			.isEmpty();
	}

	@Test
	void operatorOnboardsHooliThenHeidiPullsWhatAliceSharedUntilHooliIsDisabledAndAgainWhenEnabled() {
		login("admin", DEMO);
		AdministrationPage administration = AdministrationPage.open(this.driver, baseUrl());
		assertThat(administration.accounts()).containsExactly("acme", "globex", "initech", "umbrella");
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "administration-accounts");

		administration.createAccount("hooli", "eu-west-1", "heidi", "password");
		assertThat(administration.error("password")).contains("at least 12 characters");
		Screens.desktopAndPhone(this.driver, "administration-create-account-errors");
		this.driver.navigate().to(baseUrl() + "/administration/accounts");
		administration.assertAt().createAccount("hooli", "eu-west-1", "heidi", HEIDI_FIRST);
		administration.assertAtAccount("hooli");
		assertThat(administration.message()).contains("Created the account hooli in eu-west-1", "heidi");
		assertThat(administration.accountStatus()).isEqualTo("Active");
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "administration-account");
		logOut();

		// heidi's first login: her own password first; the one the operator set is no good for skopeo.
		login("heidi", HEIDI_FIRST);
		ProfilePage profile = new ProfilePage(this.driver).assertAt();
		assertThat(profile.mustChange()).isTrue();
		this.driver.navigate().to(baseUrl() + "/images");
		profile.assertAt();
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "profile-must-change");
		assertThat(this.skopeo.inspect("acme-public/hello", "latest", "heidi:" + HEIDI_FIRST).succeeded()).isFalse();
		profile.changePassword(HEIDI_FIRST, HEIDI);
		waitFor().until(d -> d.getCurrentUrl().endsWith("/images"));
		logOut();

		login("alice", DEMO);
		SharingTabPage tab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		ShareDialog dialog = tab.shareImage();
		dialog.shareWith("hooli").permanent(true).description("hooli's deployments");
		dialog.okAndWaitClosed();
		waitFor().until(d -> tab.accounts().contains("hooli"));
		assertThat(tab.status("hooli")).isEqualTo("Valid");
		logOut();

		login("heidi", HEIDI);
		ImagesFromOthersPage others = ImagesFromOthersPage.open(this.driver, baseUrl());
		assertThat(others.images()).containsExactly("acme-apps/nginx");
		assertThat(others.cell("acme-apps/nginx", ".owner")).isEqualTo("acme");
		RegistryTesting.Result pulled = this.skopeo.pull("acme-apps/nginx", "1.25", "heidi:" + HEIDI,
				this.work.resolve("nginx-1"));
		assertThat(pulled.succeeded()).as(pulled.output()).isTrue();
		assertThat(this.work.resolve("nginx-1").resolve("manifest.json")).exists();
		logOut();

		login("admin", DEMO);
		administration = AdministrationPage.open(this.driver, baseUrl()).openAccount("hooli");
		this.driver.findElement(By.id("disable-account")).click();
		waitFor().until(d -> !d.findElements(By.id("confirm-form")).isEmpty());
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "administration-disable");
		this.driver.navigate().back();
		String consequences = administration.assertAtAccount("hooli").disable(false);
		assertThat(consequences).contains("can no longer log in", "stops allowing pulls at once", "Nothing is deleted");
		assertThat(administration.accountStatus()).isEqualTo("Disabled");
		logOut();

		LoginPage login = LoginPage.open(this.driver, baseUrl());
		login.loginAndWait("heidi", HEIDI);
		assertThat(login.refusal()).contains("Your account is disabled");
		RegistryTesting.Result refused = this.skopeo.pull("acme-apps/nginx", "1.25", "heidi:" + HEIDI,
				this.work.resolve("nginx-2"));
		assertThat(refused.succeeded()).as(refused.output()).isFalse();

		login("alice", DEMO);
		SharingTabPage aliceTab = SharingTabPage.open(this.driver, baseUrl(), "acme-apps/nginx");
		assertThat(aliceTab.status("hooli")).isEqualTo("Account disabled");
		Screens.desktopAndPhone(this.driver, "sharing-tab-account-disabled");
		logOut();

		login("admin", DEMO);
		administration = AdministrationPage.open(this.driver, baseUrl()).openAccount("hooli");
		administration.enable();
		assertThat(administration.accountStatus()).isEqualTo("Active");
		assertThat(AdministrationPage.activity(this.driver, baseUrl(), "hooli", "all")).anySatisfy(
				line -> assertThat(line).contains("Account disabled")).anySatisfy(
						line -> assertThat(line).contains("Login failed", "the account is disabled"));
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "administration-activity");
		logOut();

		login("heidi", HEIDI);
		assertThat(ImagesFromOthersPage.open(this.driver, baseUrl()).images()).containsExactly("acme-apps/nginx");
		RegistryTesting.Result again = this.skopeo.pull("acme-apps/nginx", "1.25", "heidi:" + HEIDI,
				this.work.resolve("nginx-3"));
		assertThat(again.succeeded()).as(again.output()).isTrue();
		logOut();
	}

	@Test
	void aliceCreatesFrankGrantsReadResetsDisablesAndDeletesHim() throws Exception {
		login("alice", DEMO);
		UsersPage users = UsersPage.open(this.driver, baseUrl());
		users.create("frank", FRANK_FIRST, false);
		assertThat(users.assertAt().message()).contains("Created the user frank")
			.as("where to give him access").contains("until you give them a permission");
		assertThat(users.status("frank")).contains("Active", "Must change password");
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "users");

		this.driver.get(baseUrl() + "/organizations/acme-apps");
		new OrganizationPage(this.driver).assertAt("acme-apps").grant("frank", "Read");
		logOut();

		login("frank", FRANK_FIRST);
		new ProfilePage(this.driver).assertAt().changePassword(FRANK_FIRST, FRANK);
		waitFor().until(d -> d.getCurrentUrl().endsWith("/images"));
		assertThat(pull("frank:" + FRANK, "frank-1").succeeded()).isTrue();
		assertThat(this.skopeo.push(layout(ImageBuilder.build("f.txt", "frank\n"), "1"), "acme-apps/by-frank", "1",
				"frank:" + FRANK).succeeded()).as("Read does not push").isFalse();
		logOut();

		login("alice", DEMO);
		users = UsersPage.open(this.driver, baseUrl());
		this.driver.findElement(By.cssSelector("#users-table tr[data-user='frank'] .reset-user")).click();
		waitFor().until(d -> !d.findElements(By.id("reset-form")).isEmpty());
		assertNoSeriousViolations(this.driver);
		Screens.desktopAndPhone(this.driver, "users-reset");
		this.driver.navigate().back();
		users.assertAt().resetPassword("frank", FRANK_RESET);
		assertThat(users.message()).contains("Set a new password for frank");
		assertThat(token("scope=repository:acme-apps/nginx:pull", "frank:" + FRANK).statusCode())
			.as("the old password stops at once").isEqualTo(401);
		logOut();

		login("frank", FRANK_RESET);
		new ProfilePage(this.driver).assertAt().changePassword(FRANK_RESET, FRANK_AGAIN);
		waitFor().until(d -> d.getCurrentUrl().endsWith("/images"));
		assertThat(pull("frank:" + FRANK_AGAIN, "frank-2").succeeded()).isTrue();
		logOut();

		login("alice", DEMO);
		users = UsersPage.open(this.driver, baseUrl());
		users.disable("frank");
		RegistryTesting.Result denied = pull("frank:" + FRANK_AGAIN, "frank-3");
		assertThat(denied.succeeded()).as(denied.output()).isFalse();
		users.enable("frank");
		assertThat(pull("frank:" + FRANK_AGAIN, "frank-4").succeeded()).isTrue();
		users.disable("frank");
		users.delete("frank");
		assertThat(users.message()).contains("Deleted the user frank");
		this.driver.get(baseUrl() + "/organizations/acme-apps");
		assertThat(new OrganizationPage(this.driver).assertAt("acme-apps").permissionOf("frank")).isEmpty();
		this.driver.get(baseUrl() + "/activity");
		assertThat(this.driver.findElement(By.id("activity-table")).getText()).contains("User deleted", "User frank");
		logOut();

		LoginPage login = LoginPage.open(this.driver, baseUrl());
		login.loginAndWait("frank", FRANK_AGAIN);
		assertThat(login.refusal()).contains("Wrong user name or password");
	}

	private RegistryTesting.Result pull(String credentials, String folder) {
		return this.skopeo.pull("acme-apps/nginx", "1.25", credentials, this.work.resolve(folder));
	}

	private void login(String username, String password) {
		LoginPage.open(this.driver, baseUrl()).login(username, password);
		waitFor().withMessage(() -> "still at " + this.driver.getCurrentUrl())
			.until(d -> !d.getCurrentUrl().contains("/login"));
	}

	private void logOut() {
		this.driver.manage().deleteAllCookies();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	private WebDriverWait waitFor() {
		return (WebDriverWait) new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.ignoring(StaleElementReferenceException.class);
	}

}

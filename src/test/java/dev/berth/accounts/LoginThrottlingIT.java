package dev.berth.accounts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.berth.testing.MutableClock;
import dev.berth.testing.TestClockConfiguration;
import dev.berth.testing.browser.AdministrationPage;
import dev.berth.testing.browser.BrowserTest;
import dev.berth.testing.browser.LoginPage;
import dev.berth.testing.browser.Screens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling as an attacker and alice see it: 20 wrong passwords for alice over HTTP Basic
 * (the API and the token endpoint) are refused with 401, then 429 with Retry-After; 20 over the
 * login form, with the wrong-password message, then the one saying when to try again — alice's
 * right password too, meanwhile. After the window (the test's clock moves on) alice logs in, and
 * the operator sees the failed and throttled logins, never a password.
 */
@Import(TestClockConfiguration.class)
class LoginThrottlingIT extends BrowserTest {

	static final int TRIES = 20;

	@Autowired
	MutableClock clock;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void twentyWrongPasswordsOverBasicAndTheFormThenRefusedUntilTheWindowEndsThenAliceLogsIn() throws Exception {
		List<HttpResponse<String>> basic = new ArrayList<>();
		for (int i = 0; i < TRIES; i++) {
			basic.add(get((i % 2 == 0) ? "/api/v1/shared-with-me" : "/v2/token?service=berth-registry",
					"alice", "wrong password " + i));
		}
		assertThat(basic.subList(0, 5)).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(401));
		assertThat(basic.subList(5, TRIES)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
					seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 900L));
			// The token endpoint answers in the registry's error format, which docker and skopeo show.
			if (response.uri().getPath().equals("/v2/token")) {
				assertThat(response.body()).startsWith("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"")
					.contains("too many failed logins");
			}
			else {
				assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
						type -> assertThat(type).startsWith("application/problem+json"));
			}
		});
		assertThat(get("/api/v1/shared-with-me", "alice", "demo12345").statusCode()).as("right password, throttled")
			.isEqualTo(429);

		this.clock.advance(Duration.ofMinutes(16));
		LoginPage login = LoginPage.open(this.driver, baseUrl());
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < TRIES; i++) {
			login.loginAndWait("alice", "wrong password " + i);
			messages.add(login.refusal());
		}
		assertThat(messages.subList(0, 5)).allSatisfy(message -> assertThat(message).startsWith("Wrong user name or password"));
		assertThat(messages.subList(5, TRIES)).allSatisfy(message -> assertThat(message)
			.startsWith("Too many failed logins for this user name or from this address. Try again in"));
		login.loginAndWait("alice", "demo12345");
		assertThat(login.refusal()).as("the right password, meanwhile").contains("Try again in 1 second");
		Screens.desktopAndPhone(this.driver, "login-throttled");

		this.clock.advance(Duration.ofMinutes(15));
		loginAs("alice");
		assertThat(this.driver.getCurrentUrl()).endsWith("/images");
		assertThat(get("/api/v1/shared-with-me", "alice", "demo12345").statusCode()).isEqualTo(200);

		this.driver.manage().deleteAllCookies();
		loginAs("admin");
		List<String> logins = AdministrationPage.activity(this.driver, baseUrl(), "", "logins");
		assertThat(logins).anySatisfy(line -> assertThat(line).contains("acme", "alice", "Login throttled", "127.0.0.1"))
			.anySatisfy(line -> assertThat(line).contains("alice", "Login failed", "Wrong user name or password"))
			.noneSatisfy(line -> assertThat(line).contains("wrong password"));
		// Every failed check is on record; of the refused tries, the first of each delay.
		assertThat(logins.stream().filter(line -> line.contains("Login failed"))).hasSize(10);
		assertThat(logins.stream().filter(line -> line.contains("Login throttled"))).hasSize(2);
	}

	private HttpResponse<String> get(String path, String user, String password) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Authorization", "Basic " + credentials)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

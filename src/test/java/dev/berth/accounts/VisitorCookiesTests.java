package dev.berth.accounts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor who has not logged in costs the console no session: the login form's CSRF token and
 * the page to return to after the login travel in cookies, so no request before a login writes a
 * session row (an unauthenticated client could otherwise fill the table). Over a real server and
 * its real cookies (the same context as {@code StaticAssetsTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class VisitorCookiesTests {

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void visitorThenNoSessionUntilTheLogin() throws Exception {
		int before = sessions();
		Map<String, String> cookies = new LinkedHashMap<>();

		HttpResponse<String> form = send(get("/login"), cookies);
		HttpResponse<String> asked = send(get("/images/acme-apps/nginx"), cookies);
		HttpResponse<String> failed = send(login("alice", "not her password", csrf(form)), cookies);

		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		assertThat(cookies).as("the visitor's cookies").containsKeys("XSRF-TOKEN", "REDIRECT_URI")
			.doesNotContainKey("SESSION");
		assertThat(sessions()).as("session rows").isEqualTo(before);
	}

	@Test
	void loginFormWithItsTokenAndCookieThenLoggedInButWithoutTheCookieRefused() throws Exception {
		Map<String, String> cookies = new LinkedHashMap<>();
		HttpResponse<String> form = send(get("/login"), cookies);
		assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(
				cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("HttpOnly", "SameSite=Lax"));

		HttpResponse<String> forged = send(login("erin", "demo12345", csrf(form)), new LinkedHashMap<>());
		HttpResponse<String> real = send(login("erin", "demo12345", csrf(form)), cookies);

		assertThat(forged.statusCode()).as("the token without its cookie").isEqualTo(403);
		assertThat(real.statusCode()).isEqualTo(302);
		assertThat(real.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/"));
		assertThat(cookies).containsKey("SESSION");
		HttpResponse<String> page = send(get("/images"), cookies);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("X-CSRF-TOKEN");
	}

	@Test
	void pageAskedForBeforeTheLoginThenTheLoginLeadsBackToIt() throws Exception {
		Map<String, String> cookies = new LinkedHashMap<>();
		send(get("/images/acme-apps/nginx?tab=sharing"), cookies);
		HttpResponse<String> form = send(get("/login"), cookies);

		HttpResponse<String> loggedIn = send(login("carol", "demo12345", csrf(form)), cookies);

		assertThat(loggedIn.headers().firstValue("Location"))
			.hasValueSatisfying(url -> assertThat(url).endsWith("/images/acme-apps/nginx?tab=sharing"));
	}

	/** The page to return to travels in a cookie: an address too long for one is not kept, and never a 500. */
	@Test
	void veryLongAddressBeforeTheLoginThenTheLoginFormAndNoCookieForIt() throws Exception {
		Map<String, String> cookies = new LinkedHashMap<>();
		HttpResponse<String> asked = send(get("/images?q=" + "x".repeat(7000)), cookies);

		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(cookies).doesNotContainKey("REDIRECT_URI");
	}

	private int sessions() {
		return this.jdbc.sql("select count(*) from spring_session").query(Integer.class).single();
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path));
	}

	private HttpRequest.Builder login(String user, String password, String csrf) {
		String form = Map.of("username", user, "password", password, "_csrf", csrf)
			.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
	}

	/** Sends the request with {@code cookies}, then keeps what the answer sets (a browser's jar, no redirects). */
	private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) throws Exception {
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies.entrySet()
				.stream()
				.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
		List<String> set = response.headers().allValues("Set-Cookie");
		for (String cookie : set) {
			String pair = cookie.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('='));
			String value = pair.substring(pair.indexOf('=') + 1);
			if (value.isEmpty() || cookie.contains("Max-Age=0")) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return response;
	}

	private static String csrf(HttpResponse<String> form) {
		Matcher hidden = HIDDEN_CSRF.matcher(form.body());
		assertThat(hidden.find()).as("the form's CSRF field").isTrue();
		return hidden.group(1);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}

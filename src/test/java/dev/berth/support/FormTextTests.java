package dev.berth.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
 * Text sent in a form arrives as it was typed. A browser's form post names no charset; the console
 * reads it as UTF-8, its pages' own, although a filter looks at the parameters before any other
 * (RequestLimits). Over a real server, with the body a browser sends (the same context as
 * {@code ProblemDetailsTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class FormTextTests {

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final String TYPED = "Für das ML-Team — café ✓ 🚀";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shareDescriptionWithAccentsDashAndEmojiThenStoredAndShownAsTyped() throws Exception {
		long image = this.jdbc.sql("select id from image where name = 'internal-tools'").query(Long.class).single();
		String cookies = login("alice");
		try {
			HttpResponse<String> created = send(post("/images/" + image + "/shares", cookies,
					Map.of("shareWith", "umbrella", "permanent", "true", "description", TYPED,
							"_csrf", csrf(send(get("/images/" + image + "/shares/new", cookies))))));

			assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
			assertThat(this.jdbc.sql("select description from image_share where image_id = :image")
				.param("image", image)
				.query(String.class)
				.single()).isEqualTo(TYPED);
			assertThat(send(get("/images/acme-apps/internal-tools?tab=sharing", cookies)).body()).contains(TYPED);
		}
		finally {
			this.jdbc.sql("delete from image_share where image_id = :image").param("image", image).update();
			this.jdbc.sql("delete from audit_event").update();
		}
	}

	/** Logs in as {@code username} with the demo password; the cookies a browser then holds. */
	private String login(String username) throws Exception {
		HttpResponse<String> form = send(get("/login", ""));
		String visitor = cookies(form, "");
		HttpResponse<String> loggedIn = send(post("/login", visitor,
				Map.of("username", username, "password", "demo12345", "_csrf", csrf(form))));
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		return cookies(send(get("/logout", cookies(loggedIn, visitor))), cookies(loggedIn, visitor));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder get(String path, String cookies) {
		return withCookies(HttpRequest.newBuilder(uri(path)), cookies);
	}

	/** A form post as a browser sends it: URL-encoded UTF-8, and no charset in the content type. */
	private HttpRequest.Builder post(String path, String cookies, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return withCookies(HttpRequest.newBuilder(uri(path)), cookies)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static HttpRequest.Builder withCookies(HttpRequest.Builder request, String cookies) {
		return cookies.isEmpty() ? request : request.header("Cookie", cookies);
	}

	/** {@code held} with what {@code response} sets on top. */
	private static String cookies(HttpResponse<String> response, String held) {
		Map<String, String> jar = new LinkedHashMap<>();
		for (String pair : held.isEmpty() ? new String[0] : held.split("; ")) {
			jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			String pair = cookie.split(";", 2)[0];
			jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		return jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
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

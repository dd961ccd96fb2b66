package dev.berth.testing;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One visitor of a console over real HTTP, as a browser without JavaScript is one: a jar of the
 * cookies the console sets (kept and sent back, removed when it clears them), redirects not
 * followed, and forms posted URL-encoded in UTF-8 without a charset in the content type.
 */
public final class HttpVisitor {

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final int port;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	public HttpVisitor(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)));
	}

	public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
		String body = fields.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Logs in with the login form (its CSRF token and cookie) and {@code password}; the answer. */
	public HttpResponse<String> logIn(String username, String password) throws Exception {
		String token = csrf(get("/login"));
		return post("/login", Map.of("username", username, "password", password, "_csrf", token));
	}

	/** The cookies held now, by name. */
	public Map<String, String> cookies() {
		return this.cookies;
	}

	/** The CSRF token of the form on {@code page}. */
	public static String csrf(HttpResponse<String> page) {
		Matcher hidden = HIDDEN_CSRF.matcher(page.body());
		assertThat(hidden.find()).as("the form's CSRF field").isTrue();
		return hidden.group(1);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		if (!this.cookies.isEmpty()) {
			request.header("Cookie", this.cookies.entrySet()
				.stream()
				.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			String pair = cookie.split(";", 2)[0];
			String name = pair.substring(0, pair.indexOf('='));
			String value = pair.substring(pair.indexOf('=') + 1);
			if (value.isEmpty() || cookie.contains("Max-Age=0")) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, value);
			}
		}
		return response;
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}

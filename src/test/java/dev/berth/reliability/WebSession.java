package dev.berth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like client of a running console: its cookies (the session's and the CSRF token's,
 * kept by hand, so the same {@link HttpClient} serves many sessions), the CSRF token the pages render, no redirects
 * followed. {@link #anonymous} has no session yet; {@link #login} submits the login form.
 */
final class WebSession {

	static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final Pattern HIDDEN_CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

	private static final Pattern HX_HEADERS_CSRF = Pattern
		.compile("X-CSRF-TOKEN(?:&quot;|\")\\s*:\\s*(?:&quot;|\")([^&\"]+)");

	private static final Pattern COOKIE = Pattern.compile("^([^=;]+)=([^;]*)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Function<String, URI> uris;

	private final HttpClient http;

	private final String user;

	/** The cookies the console set, by name, sent back with every request as a browser does. */
	private final Map<String, String> cookies = new LinkedHashMap<>();

	private String csrf;

	private WebSession(Function<String, URI> uris, HttpClient http, String user) {
		this.uris = uris;
		this.http = http;
		this.user = user;
	}

	static HttpClient newHttpClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	static WebSession anonymous(ConsoleProcess console, HttpClient http) {
		return new WebSession(console::uri, http, null);
	}

	/** Logs in with the login form, as a browser does, and reads the CSRF token of the first page. */
	static WebSession login(ConsoleProcess console, HttpClient http, String user, String password) {
		return login(console::uri, http, user, password);
	}

	/** The same, at any address that serves the console (e.g. a load balancer: {@code path -> base + path}). */
	static WebSession login(Function<String, URI> uris, HttpClient http, String user, String password) {
		WebSession session = new WebSession(uris, http, user);
		HttpResponse<String> page = session.get("/login");
		String token = hiddenCsrf(page.body()).orElseThrow(() -> new IllegalStateException("No _csrf on /login"));
		HttpResponse<String> answer = session.post("/login",
				form("username", user, "password", password, "_csrf", token));
		String location = answer.headers().firstValue("Location").orElse("");
		if (answer.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException("Login of " + user + " failed: " + answer.statusCode() + " " + location);
		}
		session.refreshCsrf();
		return session;
	}

	String user() {
		return this.user;
	}

	/** The same session (cookie and CSRF token) sent to another address, e.g. straight to one node. */
	WebSession at(Function<String, URI> other) {
		WebSession copy = new WebSession(other, this.http, this.user);
		copy.cookies.putAll(this.cookies);
		copy.csrf = this.csrf;
		return copy;
	}

	String csrf() {
		return this.csrf;
	}

	/** Reads the token the layout puts into {@code <body hx-headers>} from a page. */
	void refreshCsrf() {
		HttpResponse<String> page = get("/images");
		this.csrf = headerCsrf(page.body()).or(() -> hiddenCsrf(page.body()))
			.orElseThrow(() -> new IllegalStateException("No CSRF token on /images for " + this.user + ": "
					+ page.statusCode()));
	}

	HttpResponse<String> get(String pathAndQuery, String... headers) {
		return send(request(pathAndQuery, headers).GET());
	}

	/** A form POST as the browser sends it; the body is already encoded (see {@link #form}). */
	HttpResponse<String> post(String path, String formBody, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody)));
	}

	HttpRequest.Builder request(String pathAndQuery, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.uris.apply(pathAndQuery)).timeout(TIMEOUT);
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	HttpResponse<String> send(HttpRequest.Builder builder) {
		try {
			return sendOrThrow(builder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends with the cookies and keeps those the console sets (or drops those it ends). */
	HttpResponse<String> sendOrThrow(HttpRequest.Builder builder) throws IOException {
		if (!this.cookies.isEmpty()) {
			builder.setHeader("Cookie", this.cookies.entrySet()
				.stream()
				.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			Matcher matcher = COOKIE.matcher(cookie);
			if (!matcher.find()) {
				continue;
			}
			if (cookie.contains("Max-Age=0") || matcher.group(2).isEmpty()) {
				this.cookies.remove(matcher.group(1));
			}
			else {
				this.cookies.put(matcher.group(1), matcher.group(2));
			}
		}
		return response;
	}

	static Optional<String> hiddenCsrf(String html) {
		Matcher input = HIDDEN_CSRF.matcher(html);
		if (!input.find()) {
			return Optional.empty();
		}
		Matcher value = VALUE.matcher(input.group());
		return value.find() ? Optional.of(value.group(1)) : Optional.empty();
	}

	static Optional<String> headerCsrf(String html) {
		Matcher matcher = HX_HEADERS_CSRF.matcher(html);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	/** {@code application/x-www-form-urlencoded} of name/value pairs; a name may repeat. */
	static String form(String... namesAndValues) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(encode(namesAndValues[i])).append('=').append(encode(namesAndValues[i + 1]));
		}
		return body.toString();
	}

	static String form(List<Map.Entry<String, String>> pairs) {
		StringBuilder body = new StringBuilder();
		for (Map.Entry<String, String> pair : pairs) {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(encode(pair.getKey())).append('=').append(encode(pair.getValue()));
		}
		return body.toString();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	static String toJson(Object value) {
		return JSON.writeValueAsString(value);
	}

	/**
	 * The {@code code} member of an error body, wherever it is: the current {@code {"code","message"}}
	 * and an RFC 9457 problem+json with a {@code code} member both have one.
	 */
	static String errorCode(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			JsonNode tree = JSON.readTree(body);
			JsonNode code = tree.findValue("code");
			return (code != null && code.isValueNode()) ? code.asString() : "";
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

}

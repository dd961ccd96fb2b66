package dev.berth.reliability;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends {@link Probe}s to a running console: logs in each named user once with the login form
 * and keeps the session, adds Basic, the registry's secret or the CSRF header as the probe says.
 */
final class ProbeRunner {

	private final ConsoleProcess console;

	private final HttpClient http;

	private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();

	ProbeRunner(ConsoleProcess console, HttpClient http) {
		this.console = console;
		this.http = http;
	}

	WebSession session(String user) {
		return this.sessions.computeIfAbsent(user,
				name -> WebSession.login(this.console, this.http, name, ConsoleProcess.PASSWORD));
	}

	Result send(Probe probe) {
		long start = System.nanoTime();
		HttpRequest.Builder builder;
		try {
			builder = HttpRequest.newBuilder(this.console.uri(probe.path())).timeout(Duration.ofSeconds(90));
			for (int i = 0; i + 1 < probe.headers().size(); i += 2) {
				builder.header(probe.headers().get(i), probe.headers().get(i + 1));
			}
		}
		catch (IllegalArgumentException ex) {
			return new Result(probe, -2, "", "", "not sendable: " + ex.getMessage(), 0);
		}
		HttpRequest.BodyPublisher body = (probe.body() != null) ? HttpRequest.BodyPublishers.ofByteArray(probe.body())
				: HttpRequest.BodyPublishers.noBody();
		builder.method(probe.method(), body);
		try {
			HttpResponse<String> response = deliver(probe, builder);
			return new Result(probe, response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(""), "",
					Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
		catch (IOException ex) {
			return new Result(probe, -1, "", "", ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
	}

	private HttpResponse<String> deliver(Probe probe, HttpRequest.Builder builder) throws IOException {
		String who = probe.who();
		if (who.startsWith("session:")) {
			WebSession session = session(who.substring("session:".length()));
			csrf(probe, builder, session.csrf());
			return session.sendOrThrow(builder);
		}
		if (who.equals("login-page")) {
			// A visitor who opened the login page: a session with a CSRF token, nobody logged in.
			WebSession visitor = WebSession.anonymous(this.console, this.http);
			String token = WebSession.hiddenCsrf(visitor.get("/login").body()).orElse("");
			csrf(probe, builder, token);
			return visitor.sendOrThrow(builder);
		}
		if (who.startsWith("basic:")) {
			String[] parts = who.split(":", 3);
			builder.header("Authorization", ConsoleProcess.basic(parts[1], parts[2]));
		}
		else if (who.equals("registry")) {
			builder.header("Authorization", "Bearer " + this.console.notificationSecret());
		}
		else if (who.startsWith("registry:")) {
			builder.header("Authorization", "Bearer " + who.substring("registry:".length()));
		}
		try {
			return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void csrf(Probe probe, HttpRequest.Builder builder, String token) {
		if (probe.method().equals("GET")) {
			return;
		}
		switch (probe.csrf()) {
			case "valid" -> builder.header("X-CSRF-TOKEN", token);
			case "bad" -> builder.header("X-CSRF-TOKEN", "not-the-token");
			default -> {
			}
		}
	}

	/** What came back: a status, or -1 with the failure when no answer came. */
	record Result(Probe probe, int status, String body, String location, String failure, long millis) {

		boolean serverError() {
			return this.status >= 500;
		}

	}

}

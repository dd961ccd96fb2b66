package dev.berth.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error of the JSON API has one shape, whether a controller, Spring MVC or the servlet
 * container produced it: an RFC 9457 problem detail with the status, a text and a {@code code}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ProblemDetailsTests {

	static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:demo12345".getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest(name = "{0} {1} as {2} → {4} {5}")
	@CsvSource(delimiter = '|', value = {
			"GET    | /api/v1/shared-by-me                    | anonymous |                               | 401 | unauthorized",
			"GET    | /api/v1/shared-by-me                    | wrong     |                               | 401 | unauthorized",
			"GET    | /api/v1/shares/acme-apps/missing        | alice     |                               | 404 | not_found",
			"GET    | /api/v1/no-such-route                   | alice     |                               | 404 | not_found",
			"GET    | /api/v1/shared-by-me?limit=abc          | alice     |                               | 400 | bad_request",
			"GET    | /api/v1/shares/acme-apps%2Fnginx        | alice     |                               | 400 | bad_request",
			"GET    | /api/v1/shared-by-me?limit=0            | alice     |                               | 400 | invalid_paging",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice     | {not json                     | 400 | bad_request",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice     | text:account=globex           | 415 | unsupported_media_type",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice     | {\"account\":\"globex\",\"valid_until\":\"2030-01-01\"} | 400 | bad_request",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice     | {\"account\":\"initech\",\"account\":\"globex\"} | 400 | bad_request",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice     | {\"account\":\"globex\",\"permanent\":\"true\"} | 400 | bad_request",
			"PATCH  | /api/v1/shares/acme-apps/nginx          | alice     | {}                            | 405 | method_not_allowed",
			"DELETE | /api/v1/shares/acme-apps/nginx          | alice     |                               | 400 | bad_request",
			"POST   | /api/v1/shares/acme-public/hello        | alice     | {\"account\":\"globex\"}      | 400 | not_private",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice     | {\"account\":\"initech\"}     | 400 | cross_region",
			"POST   | /api/v1/shares/acme-apps/nginx          | alice with a stale session cookie | {\"account\":\"globex\"} | 403 | csrf",
			"POST   | /api/v1/shares/acme-apps/nginx          | anonymous | {\"account\":\"globex\"}      | 401 | unauthorized" })
	void apiErrorThenProblemDetailWithCode(String method, String path, String who, String body, int status,
			String code) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path.strip()));
		if (who.startsWith("alice")) {
			request.header("Authorization", ALICE);
		}
		if (who.endsWith("session cookie")) {
			request.header("Cookie", "SESSION=Zm9v");
		}
		else if ("wrong".equals(who)) {
			request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes()));
		}
		if (body == null) {
			request.method(method, BodyPublishers.noBody());
		}
		else if (body.startsWith("text:")) {
			request.header("Content-Type", "text/plain").method(method, BodyPublishers.ofString(body.substring(5)));
		}
		else {
			request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body));
		}
		HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("code").asString()).isEqualTo(code);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("Exception");
		if (who.endsWith("session cookie")) {
			assertThat(problem.path("detail").asString()).as("names the header to send").contains("X-CSRF-TOKEN");
		}
		if (path.contains("no-such-route")) {
			assertThat(problem.path("detail").asString()).isEqualTo("There is nothing at this address.");
		}
	}

	/**
	 * The token endpoint answers every error in the registry's format, which docker and skopeo read,
	 * also one that reaches the error page (here a method it does not take; so would an overloaded
	 * console's 503).
	 */
	@Test
	void tokenEndpointErrorThroughTheErrorPageThenTheRegistrysFormat() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v2/token?service=berth-registry"))
			.POST(BodyPublishers.noBody())
			.build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"method not allowed\"}]}");
	}

	/** An encoded slash in a page's path: the console's page that says the request was not understood, not Tomcat's. */
	@Test
	void pageWithAnEncodedSlashThenTheConsolesBadRequestPage() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/images/acme-apps%2Fnginx"))
			.header("Accept", "text/html")
			.build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("That request was not understood").doesNotContain("HTTP Status 400");
	}

	/**
	 * Requests Tomcat refuses before the console sees them (a broken %-escape, a character a URL must
	 * encode, a request line past 8 KB): the console's words in the client's form, not Tomcat's page
	 * (a request line Tomcat cannot read at all has no path to tell the form by: a page).
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"/images/%zz                   | text/html",
			"/images?q={x}                 | text/html",
			"/api/v1/shares/%zz            | application/problem+json",
			"/v2/to%zzken                  | application/json",
			"/api/v1/shared-by-me?x=[1]    | text/html",
			"/activity?image=LONG          | text/html" })
	void requestTomcatRefusesThenTheConsolesAnswer(String path, String type) throws Exception {
		String target = path.strip().replace("LONG", "x".repeat(10_000));
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 400").doesNotContain("HTTP Status 400", "Apache Tomcat");
			assertThat(response.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")))
				.singleElement()
				.asString()
				.contains(type.strip());
			assertThat(response).contains(type.contains("problem") ? "\"code\":\"bad_request\"" : "That request was not understood");
		}
	}

	/** A status the console sets on an empty answer on purpose stays empty (the registry's notifications without the secret). */
	@Test
	void registryNotificationWithoutTheSecretThenABare401() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/registry/events"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"events\":[]}"))
			.build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEmpty();
	}

	/** A body sent without a length (chunked) is cut off past 1 MB, as one with its length is refused: 413. */
	@Test
	void bodyWithoutALengthPastTheLimitThen413AndNothingShared() throws Exception {
		byte[] body = ("{\"account\":\"globex\",\"description\":\"" + "x".repeat(3_000_000) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/shares/acme-apps/nginx"))
			.header("Authorization", ALICE)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.path("code").asString()).isEqualTo("content_too_large");
		HttpResponse<String> shares = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/shares/acme-apps/nginx"))
			.header("Authorization", ALICE)
			.build(), BodyHandlers.ofString());
		assertThat(shares.body()).isEqualTo("[]");
	}

	/** A form sent without a length past 1 MB is refused as one with its length is (it was read whole up to 2 MB). */
	@Test
	void formWithoutALengthPastTheLimitThen413() throws Exception {
		byte[] body = ("username=alice&password=" + "x".repeat(1_500_000)).getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		assertThat(this.http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(413);
	}

}

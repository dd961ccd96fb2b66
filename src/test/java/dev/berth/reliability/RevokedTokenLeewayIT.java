package dev.berth.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import dev.berth.registry.RegistryTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A token carol got before alice revoked the share keeps working until it expires: tokens that
 * rest on a share live {@code berth.registry.shared-token-ttl} (60 s by default, 2 s here), and the
 * real registry accepts a token up to 60 s past its expiry (its fixed leeway). Measured on the
 * console jar with its managed registry: revoke → the earlier token refused within that.
 *
 * <p>
 * Most of this test is that minute of waiting, so it runs beside the other process tests
 * ({@code CONCURRENT}; failsafe enables parallel execution, every other class keeps to one
 * thread). It holds nothing they use: its own data folder, ports and registry.
 */
@Execution(ExecutionMode.CONCURRENT)
class RevokedTokenLeewayIT {

	private static final String REPOSITORY = "acme-apps/nginx";

	private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

	private final HttpClient http = WebSession.newHttpClient();

	private ConsoleProcess console;

	private int registryPort;

	@BeforeAll
	static void binaries() {
		RegistryTesting.requireBinaries();
	}

	@AfterEach
	void stopConsole() {
		if (this.console != null) {
			this.console.close();
		}
	}

	@Test
	void tokenIssuedBeforeARevokeThenRefusedWithinItsLifetimePlusTheRegistrysLeeway() throws Exception {
		this.registryPort = ConsoleProcess.freePort();
		this.console = ConsoleProcess.create("leeway")
			.withManagedRegistry(this.registryPort)
			.withArguments("--berth.registry.shared-token-ttl=2s")
			.start();
		await("the managed registry answers").atMost(Duration.ofSeconds(30)).until(() -> registry("/v2/", null) == 401);
		Path work = Files.createTempDirectory(this.console.dataDir().getParent(), "skopeo-");
		RegistryTesting.Skopeo skopeo = new RegistryTesting.Skopeo(work, "127.0.0.1:" + this.registryPort);
		RegistryTesting.Result push = skopeo.push(
				RegistryTesting.ociLayout(work.resolve("layout"), "leeway.txt", "revoked\n", "leeway"), REPOSITORY,
				"leeway", "alice:" + ConsoleProcess.PASSWORD);
		assertThat(push.succeeded()).as(push.output()).isTrue();

		HttpResponse<String> share = send(this.console.uri("/api/v1/shares/" + REPOSITORY), "POST", "alice",
				"{\"account\":\"globex\"}");
		assertThat(share.statusCode()).as(share.body()).isEqualTo(201);
		HttpResponse<String> granted = token("carol");
		HttpResponse<String> own = token("alice");
		assertThat(granted.body()).contains("\"expires_in\":2");
		assertThat(own.body()).contains("\"expires_in\":300");
		String bearer = "Bearer " + WebSession.json(granted.body()).get("token").asString();
		assertThat(registry("/v2/" + REPOSITORY + "/manifests/leeway", bearer)).isEqualTo(200);

		HttpResponse<String> revoke = send(this.console.uri("/api/v1/shares/" + REPOSITORY + "?account=globex"),
				"DELETE", "alice", null);
		Instant revoked = Instant.now();
		assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(204);
		assertThat(access(token("carol"))).as("what a token asked for after the revoke grants").isEmpty();
		await("the earlier token refused").atMost(Duration.ofSeconds(2 + 60 + 10))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> registry("/v2/" + REPOSITORY + "/manifests/leeway", bearer), status -> status == 401);

		Duration delay = Duration.between(revoked, Instant.now());
		System.out.printf("Revoke → the earlier token refused after %d s (token lifetime 2 s + registry leeway 60 s)%n",
				delay.toSeconds());
		assertThat(delay).isGreaterThan(Duration.ofSeconds(2)).isLessThanOrEqualTo(Duration.ofSeconds(2 + 60 + 10));
	}

	private HttpResponse<String> token(String user) {
		return send(this.console.uri("/v2/token?service=berth-registry&scope=repository:" + REPOSITORY + ":pull"), "GET",
				user, null);
	}

	/** The {@code access} claim of the token in a {@code /v2/token} answer. */
	private static JsonNode access(HttpResponse<String> answer) {
		String token = WebSession.json(answer.body()).get("token").asString();
		return WebSession.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
			.get("access");
	}

	/** A request with {@code user}'s Basic credentials and a JSON body, or none. */
	private HttpResponse<String> send(URI uri, String method, String user, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Authorization", ConsoleProcess.basic(user, ConsoleProcess.PASSWORD));
		if (json != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + uri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The registry's status for a {@code HEAD} of {@code path}, with that Authorization or none. */
	private int registry(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.registryPort + path))
			.header("Accept", MANIFEST)
			.method("HEAD", HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}

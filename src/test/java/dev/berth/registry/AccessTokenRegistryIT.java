package dev.berth.registry;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.berth.images.ImageCatalog;
import dev.berth.testing.MutableClock;
import dev.berth.testing.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Access tokens against the real registry with the real skopeo: a pull-only token pulls
 * acme-apps/nginx and cannot push, a pull-and-push token pushes; carol's "shared images only"
 * token pulls while acme's share is valid and not after alice revokes it; a revoked token cannot
 * log in or pull; an expired one (the console's clock moved) is refused; a token never logs in on
 * the form. Tokens are created through the JSON API, as a user's script would.
 */
@TestPropertySource(properties = { "berth.registry.demo-images=false" })
@Import(TestClockConfiguration.class)
class AccessTokenRegistryIT extends RegistryIntegration {

	static final String NGINX = "acme-apps/nginx";

	@Autowired
	MutableClock clock;

	ImageBuilder.BuiltImage image;

	@BeforeEach
	void pushNginx() {
		this.jdbc.sql("delete from access_token").update();
		this.image = ImageBuilder.build("nginx.txt", "acme's nginx 1.25\n");
		RegistryTesting.Result push = this.skopeo.push(layout(this.image, "1.25"), NGINX, "1.25", ALICE);
		assertThat(push.succeeded()).as(push.output()).isTrue();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.catalog.findByPath(NGINX).map(ImageCatalog.CatalogImage::image).flatMap(i -> i.tag("1.25")),
					tag -> tag.isPresent());
	}

	@AfterEach
	void reset() {
		this.shares.findAll().forEach(this.shares::delete);
		this.clock.reset();
	}

	@Test
	void pullOnlyTokenThenPullsAndPushDeniedAndAPushTokenPushes() throws Exception {
		String pull = create(ALICE, "{\"name\":\"ci-pull\",\"scope\":\"pull\"}");
		String push = create(ALICE, "{\"name\":\"ci-push\",\"scope\":\"push\"}");

		Path out = this.work.resolve("pulled");
		RegistryTesting.Result pulled = this.skopeo.pull(NGINX, "1.25", "alice:" + pull, out);
		RegistryTesting.Result pushWithPullToken = this.skopeo.push(layout(ImageBuilder.build("a.txt", "a\n"), "ci"),
				NGINX, "ci", "alice:" + pull);
		ImageBuilder.BuiltImage pushed = ImageBuilder.build("b.txt", "pushed with a token\n");
		RegistryTesting.Result pushWithPushToken = this.skopeo.push(layout(pushed, "ci"), NGINX, "ci", "alice:" + push);

		assertThat(pulled.succeeded()).as(pulled.output()).isTrue();
		assertThat(out.resolve(RegistryTesting.hex(this.image.layerDigest()))).hasBinaryContent(this.image.layer());
		assertThat(pushWithPullToken.denied()).as(pushWithPullToken.output()).isTrue();
		assertThat(pushWithPushToken.succeeded()).as(pushWithPushToken.output()).isTrue();
		assertThat(this.skopeo.inspect(NGINX, "ci", ALICE).output()).contains(pushed.configDigest());
	}

	@Test
	void sharedImagesOnlyTokenThenPullsWhileSharedAndDeniedAfterTheRevoke() throws Exception {
		String token = create(CAROL, "{\"name\":\"globex-ci\",\"reach\":\"shared\"}");
		RegistryTesting.Result before = this.skopeo.inspect(NGINX, "1.25", "carol:" + token);
		share("globex");

		RegistryTesting.Result whileShared = this.skopeo.pull(NGINX, "1.25", "carol:" + token, this.work.resolve("p"));
		// The owner's Sharing tab names the token that pulled (the registry's pull event).
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select coalesce(max(last_pull_token), '') from image_share").query(String.class).single(),
					"globex-ci"::equals);
		revokeShare();
		RegistryTesting.Result afterRevoke = this.skopeo.inspect(NGINX, "1.25", "carol:" + token);

		assertThat(before.denied()).as(before.output()).isTrue();
		assertThat(whileShared.succeeded()).as(whileShared.output()).isTrue();
		assertThat(afterRevoke.denied()).as(afterRevoke.output()).isTrue();
		assertThat(this.jdbc.sql("select token_name from pull_event").query(String.class).list()).contains("globex-ci");
	}

	@Test
	void revokedTokenThenLoginAndPullDenied() throws Exception {
		String token = create(ALICE, "{\"name\":\"revoke-me\"}");
		assertThat(login("alice", token).succeeded()).isTrue();
		long id = this.jdbc.sql("select id from access_token").query(Long.class).single();

		HttpResponse<String> revoked = api("DELETE", "/api/v1/tokens/" + id, ALICE, null);
		RegistryTesting.Result login = login("alice", token);
		RegistryTesting.Result pull = this.skopeo.inspect(NGINX, "1.25", "alice:" + token);
		HttpResponse<String> tokenRequest = token("scope=repository:" + NGINX + ":pull", "alice:" + token);

		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(login.succeeded()).as(login.output()).isFalse();
		assertThat(pull.succeeded()).as(pull.output()).isFalse();
		assertThat(pull.output()).containsIgnoringCase("unauthorized");
		assertThat(tokenRequest.statusCode()).isEqualTo(401);
		assertThat(tokenRequest.body()).isEqualTo("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
	}

	@Test
	void expiredTokenThenDenied() throws Exception {
		String token = create(ALICE, "{\"name\":\"thirty-days\",\"expiry\":\"30\"}");
		LocalDate lastDay = LocalDate.now(this.clock).plusDays(30);
		this.clock.set(lastDay.atTime(23, 59, 59).toInstant(ZoneOffset.UTC));
		RegistryTesting.Result lastSecond = this.skopeo.inspect(NGINX, "1.25", "alice:" + token);

		this.clock.set(lastDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
		RegistryTesting.Result nextDay = this.skopeo.inspect(NGINX, "1.25", "alice:" + token);

		assertThat(lastSecond.succeeded()).as(lastSecond.output()).isTrue();
		assertThat(nextDay.succeeded()).as(nextDay.output()).isFalse();
		assertThat(this.jdbc.sql("select action from audit_event where action like 'TOKEN%' order by id")
			.query(String.class)
			.list()).contains("TOKEN_CREATED", "TOKEN_NEW_ADDRESS", "TOKEN_EXPIRED_USED");
	}

	@Test
	void tokenOnTheLoginFormThenRefused() throws Exception {
		String token = create(ALICE, "{\"name\":\"not-a-password\"}");
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String form = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
		String csrf = form.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");

		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=alice&password=" + token + "&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error=token");
	}

	/** Creates a token through the API as {@code credentials}; its secret. */
	private String create(String credentials, String body) throws Exception {
		HttpResponse<String> created = api("POST", "/api/v1/tokens", credentials, body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
	}

	private HttpResponse<String> api(String method, String path, String credentials, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void share(String account) throws Exception {
		HttpResponse<String> shared = api("POST", "/api/v1/shares/" + NGINX, ALICE, "{\"account\":\"" + account + "\"}");
		assertThat(shared.statusCode()).as(shared.body()).isEqualTo(201);
	}

	private void revokeShare() throws Exception {
		HttpResponse<String> revoked = api("DELETE", "/api/v1/shares/" + NGINX + "?account=globex", ALICE, null);
		assertThat(revoked.statusCode()).as(revoked.body()).isIn(200, 204);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** {@code skopeo login} (what {@code docker login} does: a token request with the credentials). */
	private RegistryTesting.Result login(String username, String secret) throws IOException, InterruptedException {
		Path output = Files.createTempFile(this.work, "login", ".log");
		ProcessBuilder builder = new ProcessBuilder(List.of(RegistryTesting.SKOPEO.toString(), "login", "--tls-verify=false",
				"-u", username, "--password-stdin", "127.0.0.1:" + REGISTRY_PORT)).redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("REGISTRY_AUTH_FILE", this.work.resolve("login-auth.json").toString());
		builder.environment().put("HOME", this.work.toString());
		Process process = builder.start();
		process.getOutputStream().write((secret + "\n").getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new RegistryTesting.Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

}

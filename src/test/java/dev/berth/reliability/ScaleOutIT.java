package dev.berth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.registry.RegistryTesting;
import dev.berth.testing.PostgresServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * Two console nodes on one PostgreSQL behind a real nginx ({@code deploy/nginx.conf}), next to a
 * real registry configured from node A's bundle — issue 12 with one pair of nodes, step by step:
 * both start together on a fresh database; a share made on A is seen on B; a web session made
 * through nginx works on either node; a token from B is accepted by the registry; 600 share
 * attempts spread over both nodes end with exactly 500; node A is killed with SIGKILL under a
 * write load and every acknowledged share exists; the session goes on, on B alone; metrics and
 * health are on the management port only; and a node without its database is not ready and
 * serves no page until the database is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

	private static final int PEERS = 700;

	private static final String ALICE = ConsoleProcess.basic("alice", ConsoleProcess.PASSWORD);

	private static PostgresServer postgres;

	private static String database;

	private static ConsoleProcess nodeA;

	private static ConsoleProcess nodeB;

	private static Nginx nginx;

	private static Process registry;

	private static int registryPort;

	private static int nginxPort;

	private static List<String> peers;

	private static WebSession session;

	private static final HttpClient http = WebSession.newHttpClient();

	@BeforeAll
	static void twoNodesStartTogetherOnAFreshDatabase() throws Exception {
		assumeThat(PostgresServer.installed()).as("PostgreSQL 15 is installed").isTrue();
		assumeThat(Nginx.installed()).as("nginx is installed").isTrue();
		assumeThat(Files.isExecutable(Path.of("/usr/bin/docker-registry"))).as("docker-registry is installed").isTrue();
		postgres = PostgresServer.shared();
		database = postgres.createDatabase("scaleout");
		int[] ports = ConsoleProcess.freePorts(2);
		registryPort = ports[0];
		nginxPort = ports[1];
		nodeA = node("scale-a");
		nodeB = node("scale-b");
		peers = nodeA.seedAccounts("peer", PEERS);
		Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target", "reliability")).toAbsolutePath(),
				"scale-out-");
		// Both at the same moment; nginx knows their ports once they are launched.
		nodeA.launch();
		nodeB.launch();
		nginx = Nginx.inFrontOf(folder.resolve("nginx"), nginxPort, List.of(nodeA, nodeB));
		nodeA.awaitReady();
		nodeB.awaitReady();
		registry = startRegistry(folder.resolve("registry"));
	}

	private static ConsoleProcess node(String name) {
		return ConsoleProcess.create(name)
			.onDatabase(postgres.jdbcUrl(database), PostgresServer.USER)
			.withArguments("--berth.registry.url=http://127.0.0.1:" + registryPort,
					"--berth.registry.console-url=http://127.0.0.1:" + nginxPort,
					"--spring.datasource.hikari.connection-timeout=3000", "--berth.registry.check-interval=1s");
	}

	@AfterAll
	static void stopEverything() {
		if (registry != null) {
			registry.destroyForcibly();
		}
		if (nginx != null) {
			nginx.close();
		}
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
	}

	@Test
	@Order(1)
	void twoNodesStartedTogetherThenDemoKeyAndStartupReconciliationHappenedOnce() throws Exception {
		String logs = nodeA.logText() + nodeB.logText();
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(count(logs, "Demo data loaded:")).as("nodes that loaded the demo").isEqualTo(1);
		softly.assertThat(count(logs, "Demo data already loaded")).as("nodes that found it loaded").isEqualTo(1);
		softly.assertThat(count(logs, "Token signing key generated")).as("nodes that made the signing key").isEqualTo(1);
		softly.assertThat(Files.readString(nodeA.dataDir().resolve("registry/token-signing-cert.pem")))
			.as("the certificate both nodes sign with")
			.isEqualTo(Files.readString(nodeB.dataDir().resolve("registry/token-signing-cert.pem")));
		softly.assertThat(sqlText("select secret from shared_secret where name = 'token-signing-cert'"))
			.as("the certificate the database records, after the second node joined")
			.isEqualTo(Files.readString(nodeA.dataDir().resolve("registry/token-signing-cert.pem")));
		softly.assertThat(nodeA.notificationSecret()).as("the notification secret").isEqualTo(nodeB.notificationSecret());
		softly.assertThat(count(logs, "Reconciliation skipped: another node runs this round"))
			.as("nodes that left the first reconciliation to the other")
			.isEqualTo(1);
		softly.assertThat(sql("select count(*) from account where name = 'acme'")).isEqualTo(1);
		softly.assertThat(sql("select count(*) from app_user where username in ('alice', 'bob', 'carol', 'dave', 'erin')"))
			.as("demo users")
			.isEqualTo(5);
		softly.assertThat(sql("select count(*) from app_user where username like 'peer%'")).as("peers").isEqualTo(PEERS);
		softly.assertAll();
	}

	@Test
	@Order(2)
	void nodeStartedWithAnotherSigningKeyThenRefusesToStartAndTheKeyStays() throws Exception {
		String recorded = sqlText("select secret from shared_secret where name = 'token-signing-cert'");
		Path keys = Files.createTempDirectory(Files.createDirectories(Path.of("target", "reliability")).toAbsolutePath(),
				"other-key-");
		// The README's commands (Rotate the token signing key, step 1).
		shell(keys, "openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out key.pem");
		shell(keys, "openssl req -new -x509 -key key.pem -subj \"/CN=Berth registry token signer\" -days 3650 -out cert.pem");
		try (ConsoleProcess other = node("scale-c").withArguments(
				"--berth.registry.signing-key-file=" + keys.resolve("key.pem"),
				"--berth.registry.signing-cert-file=" + keys.resolve("cert.pem"))) {
			other.launch();

			int exit = other.awaitExit();

			assertThat(exit).as("exit code of a node with another key").isNotZero();
			assertThat(other.logText()).contains("APPLICATION FAILED TO START",
					"is not the one the other nodes sign with", "berth.registry.replace-signing-key");
		}
		assertThat(sqlText("select secret from shared_secret where name = 'token-signing-cert'"))
			.as("the key every node signs with").isEqualTo(recorded);
	}

	private static void shell(Path folder, String command) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).directory(folder.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(command + ": " + output).isZero();
	}

	@Test
	@Order(3)
	void shareMadeOnNodeAThenSeenOnNodeB() throws Exception {
		HttpResponse<String> created = send(nodeA.uri("/api/v1/shares/acme-apps/nginx"), "POST",
				WebSession.toJson(Map.of("account", "globex", "permanent", true, "description", "made on node A")),
				ALICE);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		HttpResponse<String> owner = send(nodeB.uri("/api/v1/shares/acme-apps/nginx"), "GET", null, ALICE);
		HttpResponse<String> grantee = send(nodeB.uri("/api/v1/shared-with-me"), "GET", null,
				ConsoleProcess.basic("carol", ConsoleProcess.PASSWORD));
		assertThat(owner.body()).contains("\"account\":\"globex\"", "made on node A");
		assertThat(grantee.body()).contains("acme-apps/nginx");
	}

	@Test
	@Order(4)
	void loggedInThroughNginxThenTheSessionWorksOnEitherNode() {
		session = WebSession.login(nginx::uri, http, "alice", ConsoleProcess.PASSWORD);

		assertThat(session.at(nodeA::uri).get("/images").statusCode()).as("the session on node A").isEqualTo(200);
		assertThat(session.at(nodeB::uri).get("/images").statusCode()).as("the session on node B").isEqualTo(200);
		assertThat(WebSession.anonymous(nodeB, http).get("/images").statusCode()).as("without the cookie")
			.isEqualTo(302);
	}

	@Test
	@Order(5)
	void logoutOnNodeAThenTheSessionIsOverOnNodeBAndThroughNginx() {
		WebSession bob = WebSession.login(nginx::uri, http, "bob", ConsoleProcess.PASSWORD);
		assertThat(bob.at(nodeB::uri).get("/images").statusCode()).as("logged in, on node B").isEqualTo(200);

		HttpResponse<String> logout = bob.at(nodeA::uri)
			.post("/logout", WebSession.form("_csrf", bob.csrf()), "Accept", "text/html");

		assertThat(logout.headers().firstValue("Location")).as("logged out on node A").get(STRING)
			.endsWith("/login?logout");
		// The login form, which may say that the session ended.
		assertThat(bob.at(nodeB::uri).get("/images").headers().firstValue("Location")).as("the cookie on node B")
			.get(STRING)
			.matches(".*/login(\\?expired)?");
		assertThat(bob.get("/images").headers().firstValue("Location")).as("the cookie through nginx")
			.get(STRING)
			.matches(".*/login(\\?expired)?");
		assertThat(session.get("/images").statusCode()).as("alice's session is not bob's").isEqualTo(200);
	}

	@Test
	@Order(6)
	void tokenFromNodeBThenAcceptedByTheRegistryConfiguredFromNodeA() throws Exception {
		HttpResponse<String> answer = send(
				nodeB.uri("/v2/token?service=berth-registry&scope=repository:acme-apps/nginx:pull"), "GET", null, ALICE);
		String token = WebSession.json(answer.body()).get("token").asString();
		URI base = URI.create("http://127.0.0.1:" + registryPort);

		HttpResponse<String> root = send(base.resolve("/v2/"), "GET", null, "Bearer " + token);
		HttpResponse<String> tags = send(base.resolve("/v2/acme-apps/nginx/tags/list"), "GET", null, "Bearer " + token);
		HttpResponse<String> forged = send(base.resolve("/v2/acme-apps/nginx/tags/list"), "GET", null,
				"Bearer " + token.substring(0, token.length() - 4) + "AAAA");
		HttpResponse<String> denied = send(
				nodeB.uri("/v2/token?service=berth-registry&scope=repository:acme-apps/nginx:push"), "GET", null,
				ConsoleProcess.basic("carol", ConsoleProcess.PASSWORD));

		assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
		assertThat(tags.statusCode()).as("the name is unknown to the registry, the token is good: " + tags.body())
			.isEqualTo(404);
		assertThat(forged.statusCode()).as("a token with a broken signature").isEqualTo(401);
		String claims = new String(Base64.getUrlDecoder().decode(WebSession.json(denied.body()).get("token").asString()
			.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(WebSession.json(claims).get("access")).as("carol may pull acme-apps/nginx, not push").isEmpty();
	}

	@Test
	@Order(7)
	void pushAndSharedPullThroughTheRegistryThenNotificationsReachTheNodesThroughNginx() throws Exception {
		Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "reliability")).toAbsolutePath(),
				"skopeo-");
		RegistryTesting.Skopeo skopeo = new RegistryTesting.Skopeo(work, "127.0.0.1:" + registryPort);
		Path layout = RegistryTesting.ociLayout(work.resolve("layout"), "scale.txt", "two nodes\n", "scale-out-1");

		RegistryTesting.Result push = skopeo.push(layout, "acme-apps/nginx", "scale-out-1",
				"alice:" + ConsoleProcess.PASSWORD);
		RegistryTesting.Result pull = skopeo.inspect("acme-apps/nginx", "scale-out-1",
				"carol:" + ConsoleProcess.PASSWORD);

		assertThat(push.succeeded()).as(push.output()).isTrue();
		assertThat(pull.succeeded()).as("carol pulls what acme shares with globex: " + pull.output()).isTrue();
		WebSession alice = WebSession.login(nodeB, http, "alice", ConsoleProcess.PASSWORD);
		await("the pushed tag on node B's page").atMost(Duration.ofMinutes(1))
			.until(() -> alice.get("/images/acme-apps/nginx").body().contains("scale-out-1"));
		await("carol's pull counted by the node that got the notification").atMost(Duration.ofMinutes(1))
			.until(() -> counter(nodeA, "berth_registry_pulls_recorded_total") + counter(nodeB,
					"berth_registry_pulls_recorded_total") >= 1);
	}

	@Test
	@Order(8)
	void sixHundredShareAttemptsOverBothNodesThenExactlyFiveHundred() throws Exception {
		List<String> grantees = peers.subList(0, 600);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(grantees.size());
		List<Future<int[]>> answers = new ArrayList<>();
		for (String grantee : grantees) {
			answers.add(threads.submit(() -> {
				go.await();
				HttpResponse<String> response = send(nginx.uri("/api/v1/shares/acme-apps/internal-tools"), "POST",
						WebSession.toJson(Map.of("account", grantee, "permanent", true)), ALICE);
				return new int[] { response.statusCode(),
						"quota_reached".equals(WebSession.errorCode(response.body())) ? 1 : 0 };
			}));
		}
		Instant start = Instant.now();
		go.countDown();
		Map<String, Integer> outcomes = new TreeMap<>();
		for (Future<int[]> answer : answers) {
			int[] result = answer.get(5, TimeUnit.MINUTES);
			outcomes.merge(result[0] + (result[1] == 1 ? " quota_reached" : ""), 1, Integer::sum);
		}
		threads.shutdown();
		System.out.printf("[scale-out] 600 share attempts through nginx in %d ms: %s%n",
				Duration.between(start, Instant.now()).toMillis(), outcomes);
		double createdOnA = sharesCreated(nodeA);
		double createdOnB = sharesCreated(nodeB);
		System.out.printf("[scale-out] shares created by node A %.0f, by node B %.0f%n", createdOnA, createdOnB);

		assertThat(outcomes).as("answers").isEqualTo(Map.of("201", 500, "409 quota_reached", 100));
		assertThat(sql("select count(*) from image_share s join image i on i.id = s.image_id where i.name = 'internal-tools'"))
			.isEqualTo(500);
		assertThat(createdOnA).as("shares node A created").isPositive();
		assertThat(createdOnB).as("shares node B created").isPositive();
	}

	/** A counter without labels from the node's Prometheus metrics. */
	private static double counter(ConsoleProcess node, String name) {
		String metrics = send(node.managementUri("/actuator/prometheus"), "GET", null, null).body();
		Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
		return value.find() ? Double.parseDouble(value.group(1)) : 0;
	}

	/** The node's own count of shares created, from its Prometheus metrics. */
	private static double sharesCreated(ConsoleProcess node) {
		String metrics = send(node.managementUri("/actuator/prometheus"), "GET", null, null).body();
		Matcher value = Pattern.compile("(?m)^berth_shares_total\\{[^}]*outcome=\"created\"[^}]*} (\\S+)$").matcher(metrics);
		return value.find() ? Double.parseDouble(value.group(1)) : 0;
	}

	@Test
	@Order(9)
	void nodeAKilledUnderAWriteLoadThenEveryAcknowledgedShareExists() throws Exception {
		List<String> grantees = new ArrayList<>(peers.subList(600, PEERS));
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger afterKill = new AtomicInteger();
		AtomicBoolean killed = new AtomicBoolean();
		AtomicInteger next = new AtomicInteger();
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> running = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			running.add(writers.submit(() -> {
				for (int i = next.getAndIncrement(); i < grantees.size(); i = next.getAndIncrement()) {
					String grantee = grantees.get(i);
					int status;
					try {
						status = send(nginx.uri("/api/v1/shares/acme-apps/billing/api"), "POST",
								WebSession.toJson(Map.of("account", grantee, "permanent", true)), ALICE)
							.statusCode();
					}
					catch (RuntimeException ex) {
						status = -1;
					}
					statuses.merge(status, 1, Integer::sum);
					if (status == 201) {
						acknowledged.add(grantee);
						if (killed.get()) {
							afterKill.incrementAndGet();
						}
					}
				}
				return null;
			}));
		}
		await("some shares acknowledged before the kill").atMost(Duration.ofMinutes(1))
			.until(() -> acknowledged.size() >= 20);
		nodeA.kill();
		killed.set(true);
		for (Future<?> writer : running) {
			writer.get(3, TimeUnit.MINUTES);
		}
		writers.shutdown();
		System.out.printf("[scale-out] writes around the kill of node A: %s; acknowledged %d, of them after the kill %d%n",
				statuses, acknowledged.size(), afterKill.get());

		Set<String> saved = new TreeSet<>();
		for (JsonNode share : WebSession
			.json(send(nodeB.uri("/api/v1/shares/acme-apps/billing/api"), "GET", null, ALICE).body())) {
			saved.add(share.get("account").asString());
		}
		Set<String> lost = new TreeSet<>(acknowledged);
		lost.removeAll(saved);
		assertThat(lost).as("acknowledged shares missing after the kill").isEmpty();
		assertThat(afterKill.get()).as("shares acknowledged by node B after node A died").isPositive();
	}

	@Test
	@Order(10)
	void firstNodeGoneMidSessionThenTheUserStaysLoggedInAndCanShare() throws Exception {
		assertThat(nodeA.isRunning()).isFalse();
		long image = sql("select i.id from image i join organization o on o.id = i.organization_id"
				+ " where o.name = 'acme-apps' and i.name = 'nginx'");

		HttpResponse<String> page = session.get("/images");
		session.refreshCsrf();
		HttpResponse<String> shared = session.post("/images/" + image + "/shares", WebSession.form("shareWith",
				"umbrella", "permanent", "true", "description", "after node A died", "_csrf", session.csrf()));

		assertThat(page.statusCode()).as("still logged in").isEqualTo(200);
		assertThat(shared.statusCode()).as(shared.body()).isEqualTo(302);
		assertThat(send(nodeB.uri("/api/v1/shares/acme-apps/nginx"), "GET", null, ALICE).body())
			.contains("\"account\":\"umbrella\"");
	}

	@Test
	@Order(11)
	void metricsAndHealthThenOnTheManagementPortOnly() throws Exception {
		HttpResponse<String> metrics = send(nodeB.managementUri("/actuator/prometheus"), "GET", null, null);
		HttpResponse<String> readiness = send(nodeB.managementUri("/actuator/health/readiness"), "GET", null, null);
		HttpResponse<String> throughNginx = send(nginx.uri("/actuator/prometheus"), "GET", null, null);
		HttpResponse<String> consolePort = WebSession.login(nodeB, http, "alice", ConsoleProcess.PASSWORD)
			.get("/actuator/prometheus");
		HttpResponse<String> liveness = send(nodeB.managementUri("/actuator/health/liveness"), "GET", null, null);
		HttpResponse<String> health = send(nodeB.managementUri("/actuator/health"), "GET", null, null);
		HttpResponse<String> discovery = send(nodeB.managementUri("/actuator"), "GET", null, null);

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("berth_shares_total", "outcome=\"created\"", "outcome=\"refused\"",
				"reason=\"quota_reached\"", "berth_registry_tokens_total", "outcome=\"issued\"",
				"outcome=\"denied\"", "berth_registry_pulls_recorded_total", "berth_registry_reconciliations_total",
				"http_server_requests_seconds_count");
		assertThat(metrics.body()).doesNotContain("alice", "acme-apps");
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
		assertThat(health.body()).as("no details without authentication").doesNotContain("components", "details");
		assertThat(discovery.body()).as("what the management port lists").contains("health", "prometheus")
			.doesNotContain("\"env\"", "heapdump", "configprops", "loggers", "\"metrics\"");
		for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/loggers", "/actuator/metrics")) {
			assertThat(send(nodeB.managementUri(path), "GET", null, null).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(throughNginx.statusCode()).isEqualTo(404);
		assertThat(consolePort.statusCode()).as("the console's own port serves no Actuator").isIn(403, 404);
	}

	@Test
	@Order(12)
	void databaseUnreachableThenNotReadyAndNoPageUntilItIsBack() throws Exception {
		postgres.stop();
		try {
			await("node B reports not ready").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> send(nodeB.managementUri("/actuator/health/readiness"), "GET", null, null).statusCode(),
						status -> status == 503);
			HttpResponse<String> page = session.at(nodeB::uri).get("/images");
			HttpResponse<String> api = send(nodeB.uri("/api/v1/shares/acme-apps/nginx"), "GET", null, ALICE);
			assertThat(page.statusCode()).as("a page without the database").isEqualTo(503);
			assertThat(page.headers().firstValue("Retry-After")).isPresent();
			assertThat(page.body()).doesNotContain("acme-apps/nginx");
			assertThat(api.statusCode()).as("the API without the database: " + api.body()).isEqualTo(503);
			assertThat(send(nodeB.managementUri("/actuator/health/liveness"), "GET", null, null).statusCode())
				.as("alive all the same: a restart would not bring the database back")
				.isEqualTo(200);
		}
		finally {
			postgres.start();
		}
		await("node B ready again").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> send(nodeB.managementUri("/actuator/health/readiness"), "GET", null, null).statusCode(),
					status -> status == 200);
		assertThat(session.at(nodeB::uri).get("/images").statusCode()).as("the same session, database back")
			.isEqualTo(200);
	}

	/** A registry configured from node A's {@code registry-config.yml}: its bundle, secret and realm. */
	private static Process startRegistry(Path folder) throws IOException {
		Files.createDirectories(folder.resolve("storage"));
		String config = Files.readString(nodeA.dataDir().resolve("registry/registry-config.yml"))
			.replace("\"0.0.0.0:5000\"", "\"127.0.0.1:" + registryPort + "\"")
			.replace("\"/var/lib/docker-registry\"", "\"" + folder.resolve("storage").toAbsolutePath() + "\"");
		assertThat(config).contains(nginx.url() + "/v2/token", nginx.url() + "/registry/events");
		Path file = folder.resolve("config.yml");
		Files.writeString(file, config);
		Process process = new ProcessBuilder("/usr/bin/docker-registry", "serve", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("registry.log").toFile())
			.start();
		await("the registry answers").atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> send(URI.create("http://127.0.0.1:" + registryPort + "/v2/"), "GET", null, null)
				.statusCode() == 401);
		return process;
	}

	private static HttpResponse<String> send(URI uri, String method, String json, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody());
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long sql(String query) throws Exception {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
				PreparedStatement statement = connection.prepareStatement(query);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String sqlText(String query) throws Exception {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER, "");
				PreparedStatement statement = connection.prepareStatement(query);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static int count(String text, String fragment) {
		int count = 0;
		for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
			count++;
		}
		return count;
	}

}

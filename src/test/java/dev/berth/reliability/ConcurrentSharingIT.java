package dev.berth.reliability;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.testing.PostgresServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * At most 500 accounts per image, also under concurrent requests (docs/sharing-rules.md, rule 5), and no 5xx
 * or false 401 under load (issue 8 §2): alice shares acme-apps/nginx with 600 different accounts
 * of her region in 600 simultaneous HTTP requests, each with HTTP Basic, all released at once.
 */
class ConcurrentSharingIT {

	private static final String IMAGE = "acme-apps/nginx";

	private static final int REQUESTS = 600;

	private static final int MAX_ACCOUNTS_PER_IMAGE = 500;

	private ConsoleProcess console;

	@AfterEach
	void stopConsole() {
		if (this.console != null) {
			this.console.close();
		}
	}

	@Test
	void sixHundredConcurrentSharesThenExactlyFiveHundredCreated() throws Exception {
		this.console = ConsoleProcess.create("concurrent");
		sixHundredConcurrentShares();
	}

	/** The same on PostgreSQL, where the image row's lock, not H2's, keeps the count. */
	@Test
	void sixHundredConcurrentSharesOnPostgresqlThenExactlyFiveHundredCreated() throws Exception {
		assumeThat(PostgresServer.installed()).as("PostgreSQL 15 is installed").isTrue();
		PostgresServer postgres = PostgresServer.shared();
		this.console = ConsoleProcess.create("concurrent-pg")
			.onDatabase(postgres.jdbcUrl(postgres.createDatabase("concurrent")), PostgresServer.USER);
		sixHundredConcurrentShares();
	}

	private void sixHundredConcurrentShares() throws Exception {
		List<String> grantees = this.console.seedAccounts("peer", REQUESTS);
		this.console.start();
		HttpClient http = WebSession.newHttpClient();
		String authorization = ConsoleProcess.basic("alice", ConsoleProcess.PASSWORD);
		long logBefore = this.console.logSize();

		CountDownLatch ready = new CountDownLatch(REQUESTS);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(REQUESTS);
		List<Future<Answer>> futures = new ArrayList<>();
		for (String grantee : grantees) {
			String body = WebSession.toJson(Map.of("account", grantee, "permanent", true, "description",
					"concurrent share with " + grantee));
			HttpRequest request = HttpRequest.newBuilder(this.console.uri("/api/v1/shares/" + IMAGE))
				.header("Authorization", authorization)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofMinutes(3))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			futures.add(threads.submit(() -> {
				ready.countDown();
				go.await();
				try {
					HttpResponse<String> response = http.send(request,
							HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
					return new Answer(grantee, response.statusCode(), WebSession.errorCode(response.body()), "");
				}
				catch (IOException ex) {
					return new Answer(grantee, -1, "", ex.getClass().getSimpleName());
				}
			}));
		}
		ready.await();
		go.countDown();
		List<Answer> answers = new ArrayList<>();
		for (Future<Answer> future : futures) {
			answers.add(future.get());
		}
		threads.shutdown();

		Map<String, Long> byOutcome = new TreeMap<>();
		answers.forEach(a -> byOutcome.merge(a.outcome(), 1L, Long::sum));
		System.out.printf("[concurrent] %d simultaneous POSTs: %s%n", REQUESTS, byOutcome);
		Set<String> created = new TreeSet<>();
		answers.stream().filter(a -> a.status() == 201).forEach(a -> created.add(a.account()));
		Set<String> saved = sharedAccounts(http);
		Set<String> savedWithoutCreated = new TreeSet<>(saved);
		savedWithoutCreated.removeAll(created);
		Set<String> createdWithoutSaved = new TreeSet<>(created);
		createdWithoutSaved.removeAll(saved);
		Map<String, Long> statusOfSavedWithout201 = new TreeMap<>();
		answers.stream()
			.filter(a -> savedWithoutCreated.contains(a.account()))
			.forEach(a -> statusOfSavedWithout201.merge(a.outcome(), 1L, Long::sum));
		ConsoleLog log = new ConsoleLog(this.console.logSince(logBefore));
		Map<String, Long> logged = log.exceptions();

		System.out.printf("[concurrent] shares saved %d; saved although not answered 201: %d %s; 201 but not saved: %d%n",
				saved.size(), savedWithoutCreated.size(), statusOfSavedWithout201, createdWithoutSaved.size());
		System.out.printf("[concurrent] exceptions in the console log: %s%n", logged);
		System.out.printf("[concurrent] warnings in the console log: %s%n", log.warnings());

		long status500s = answers.stream().filter(a -> a.status() >= 500).count();
		long false401s = answers.stream().filter(a -> a.status() == 401).count();
		long quota = answers.stream().filter(a -> a.status() == 409 && "quota_reached".equals(a.code())).count();
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(created.size()).as("answered 201 (all answers: %s)", byOutcome)
			.isEqualTo(MAX_ACCOUNTS_PER_IMAGE);
		softly.assertThat(quota).as("answered 409 quota_reached (all answers: %s)", byOutcome)
			.isEqualTo(REQUESTS - MAX_ACCOUNTS_PER_IMAGE);
		softly.assertThat(status500s)
			.as("answers >= 500 (all answers: %s; the console warned: %s)", byOutcome, log.warnings())
			.isZero();
		softly.assertThat(false401s).as("false 401 for alice's right password (all answers: %s)", byOutcome).isZero();
		softly.assertThat(answers.stream().filter(a -> a.status() < 0).count())
			.as("requests without an answer (all answers: %s)", byOutcome)
			.isZero();
		softly.assertThat(savedWithoutCreated).as("shares saved although their request was not answered 201 (%s)",
				statusOfSavedWithout201).isEmpty();
		softly.assertThat(createdWithoutSaved).as("requests answered 201 whose share is not saved").isEmpty();
		softly.assertAll();

		doubleClicks(http, created, grantees.stream().filter(g -> !created.contains(g)).toList());
	}

	/**
	 * The same change sent many times at once, as a double click or a client's retries do: one takes
	 * effect, the others say it had, and nothing is counted twice or answered with a 5xx.
	 */
	private void doubleClicks(HttpClient http, Set<String> shared, List<String> notShared) throws Exception {
		String authorization = ConsoleProcess.basic("alice", ConsoleProcess.PASSWORD);
		String revoked = shared.iterator().next();
		HttpRequest revoke = HttpRequest.newBuilder(this.console.uri("/api/v1/shares/" + IMAGE + "?account=" + revoked))
			.header("Authorization", authorization)
			.timeout(WebSession.TIMEOUT)
			.DELETE()
			.build();
		List<Integer> revokes = simultaneously(20, () -> http.send(revoke, HttpResponse.BodyHandlers.ofString()).statusCode());
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(revokes).as("twenty DELETEs of one share at once").containsOnly(204, 404).containsOnlyOnce(204);
		// The image holds 499 shares now, and its count says so: one more share is taken, and then no other.
		softly.assertThat(shareAs(http, authorization, notShared.get(0))).as("the 500th share").isEqualTo(201);
		softly.assertThat(shareAs(http, authorization, notShared.get(1))).as("a 501st share").isEqualTo(409);

		HttpRequest token = HttpRequest.newBuilder(this.console.uri("/api/v1/tokens"))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.timeout(WebSession.TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ci\"}"))
			.build();
		List<Integer> tokens = simultaneously(10, () -> http.send(token, HttpResponse.BodyHandlers.ofString()).statusCode());
		softly.assertThat(tokens).as("ten tokens of one name at once").containsOnly(201, 400).containsOnlyOnce(201);

		WebSession alice = WebSession.login(this.console, http, "alice", ConsoleProcess.PASSWORD);
		String tab = alice.get("/images/" + IMAGE + "?tab=permissions").body();
		Matcher action = Pattern.compile("action=\"(/images/\\d+/permissions)\"").matcher(tab);
		Matcher bob = Pattern.compile("<option value=\"(\\d+)\"[^>]*>bob<").matcher(tab);
		softly.assertThat(action.find() && bob.find()).as("the Permissions tab's grant form offers bob").isTrue();
		String grant = WebSession.form("user", bob.group(1), "permission", "EDIT", "_csrf", alice.csrf());
		List<Integer> grants = simultaneously(20, () -> alice.post(action.group(1), grant).statusCode());
		softly.assertThat(grants).as("twenty grants of Edit to bob at once").containsOnly(302);
		softly.assertThat(alice.get("/images/" + IMAGE + "?tab=permissions").body())
			.as("bob's image grant")
			.containsPattern("(?s)data-user=\"bob\".*?<td class=\"image-grant\".*?value=\"EDIT\" selected");

		// Changes of one account's users, grants and tokens at once, each taking the account's row
		// first: alice changes bob's grant back and forth while bob makes tokens (in another order of
		// locks, PostgreSQL ended some of them as deadlocks: 503s).
		String remove = action.group(1) + "/" + bob.group(1) + "/remove";
		String bobs = ConsoleProcess.basic("bob", ConsoleProcess.PASSWORD);
		AtomicInteger turn = new AtomicInteger();
		List<Integer> mixed = simultaneously(30, () -> {
			int i = turn.getAndIncrement();
			if (i % 2 == 1) {
				return http.send(HttpRequest.newBuilder(this.console.uri("/api/v1/tokens"))
					.header("Authorization", bobs)
					.header("Content-Type", "application/json")
					.timeout(WebSession.TIMEOUT)
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bob-" + i + "\"}"))
					.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
			}
			return alice.post((i % 4 == 0) ? remove : action.group(1), grant).statusCode();
		});
		softly.assertThat(mixed).as("grants and tokens of one account at once").containsOnly(201, 302);
		softly.assertAll();
	}

	private int shareAs(HttpClient http, String authorization, String account) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.console.uri("/api/v1/shares/" + IMAGE))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.timeout(WebSession.TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(WebSession.toJson(Map.of("account", account, "permanent", true))))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	/** What each of {@code n} copies of the call answered, all released at once. */
	private static List<Integer> simultaneously(int n, Callable<Integer> call) throws Exception {
		CountDownLatch ready = new CountDownLatch(n);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(n);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				answers.add(threads.submit(() -> {
					ready.countDown();
					go.await();
					return call.call();
				}));
			}
			ready.await();
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			return statuses;
		}
		finally {
			threads.shutdown();
		}
	}

	/** The accounts the image is shared with, once the console answers its owner again. */
	private Set<String> sharedAccounts(HttpClient http) {
		HttpRequest request = HttpRequest.newBuilder(this.console.uri("/api/v1/shares/" + IMAGE))
			.header("Authorization", ConsoleProcess.basic("alice", ConsoleProcess.PASSWORD))
			.timeout(WebSession.TIMEOUT)
			.GET()
			.build();
		HttpResponse<String> response = await("the console answers alice's GET of the shares again")
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.until(() -> http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)),
					r -> r.statusCode() == 200);
		Set<String> accounts = new TreeSet<>();
		for (JsonNode share : WebSession.json(response.body())) {
			accounts.add(share.get("account").asString());
		}
		return accounts;
	}

	record Answer(String account, int status, String code, String failure) {

		String outcome() {
			if (this.status < 0) {
				return "no answer (" + this.failure + ")";
			}
			return this.code.isEmpty() ? String.valueOf(this.status) : this.status + " " + this.code;
		}

	}

}

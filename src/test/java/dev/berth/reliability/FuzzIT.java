package dev.berth.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.berth.reliability.ProbeRunner.Result;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is a client error, never a 5xx, and leaves no stack trace in the log (issue 8 §3):
 * first the cases the probe found, each by name, then a few thousand requests generated from a
 * fixed seed over every form and API route (see {@link Fuzzer}), then 10 MB bodies, then the
 * console's log. One console for the class; logged-in demo users use the login form and the CSRF
 * token of the pages, API clients also use HTTP Basic, the registry its notification secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT {

	static final long SEED = 20261129L;

	static final int GENERATED = 3000;

	static final int CLIENTS = 2;

	private static final Pattern EDIT_LINK = Pattern.compile("/images/(\\d+)/edit");

	private static final Pattern SHARE_EDIT_LINK = Pattern.compile("/images/\\d+/shares/(\\d+)/edit");

	private static final Pattern MEMBER_REMOVE = Pattern.compile("/organizations/acme-apps/members/(\\d+)/remove");

	private ConsoleProcess console;

	private ProbeRunner runner;

	private Fuzzer.Ids ids;

	private final List<Result> results = Collections.synchronizedList(new ArrayList<>());

	@BeforeAll
	void startConsole() {
		this.console = ConsoleProcess.create("fuzz").start();
		this.runner = new ProbeRunner(this.console, WebSession.newHttpClient());
		this.ids = discoverIds();
		System.out.println("[fuzz] ids: " + this.ids);
	}

	@AfterAll
	void stopConsole() {
		if (this.console != null) {
			this.console.close();
		}
	}

	/**
	 * The probe's 5xx findings. A value of the wrong type for a form field is a binding error: 400
	 * with the message next to the field. The others must not be a 5xx; a notification the console
	 * cannot use may be skipped (2xx) or refused (4xx).
	 */
	static Stream<Named<BadInput>> issueEightBadInput() {
		String alice = "session:alice";
		String digest = "sha256:" + "a".repeat(64);
		return Stream.of(
				binding("POST /images/{id}/edit with visibility=X",
						ids -> Probe.form("POST /images/{id}/edit", alice, "/images/" + nginx(ids) + "/edit",
								WebSession.form("visibility", "X", "category", "Web server", "description", "d"))),
				binding("POST /images/{id}/edit with visibility=private",
						ids -> Probe.form("POST /images/{id}/edit", alice, "/images/" + nginx(ids) + "/edit",
								WebSession.form("visibility", "private", "category", "Web server", "description",
										"d"))),
				binding("POST /organizations/{name}/members with permission=ADMIN",
						ids -> Probe.form("POST /organizations/{name}/members", alice,
								"/organizations/acme-apps/members",
								WebSession.form("user", String.valueOf(ids.bobId()), "permission", "ADMIN"))),
				binding("POST /organizations/{name}/members with user=abc",
						ids -> Probe.form("POST /organizations/{name}/members", alice,
								"/organizations/acme-apps/members", WebSession.form("user", "abc", "permission", "READ"))),
				binding("POST /shares/batch with permanent=maybe",
						ids -> Probe.form("POST /shares/batch", alice, "/shares/batch",
								WebSession.form("image", String.valueOf(nginx(ids)), "shareWith", "umbrella",
										"permanent", "maybe", "description", ""))),
				binding("POST /shares/batch with validUntil=29/11/2026",
						ids -> Probe.form("POST /shares/batch", alice, "/shares/batch",
								WebSession.form("image", String.valueOf(nginx(ids)), "shareWith", "umbrella",
										"validUntil", "29/11/2026", "description", ""))),
				other("GET /shares/batch?image=&image=1",
						ids -> Probe.get("GET /shares/batch", alice, "/shares/batch?image=&image=1")),
				other("POST /registry/events with {\"events\":[null]}", ids -> events("{\"events\":[null]}")),
				other("POST /registry/events with an event id over 128 characters",
						ids -> events(pushEvent("e".repeat(129), "acme-apps/nginx", "fuzz", digest))),
				other("POST /registry/events with a tag over 128 characters",
						ids -> events(pushEvent("tag-too-long", "acme-apps/nginx", "t".repeat(129), digest))),
				other("POST /registry/events with a digest over 80 characters",
						ids -> events(pushEvent("digest-too-long", "acme-apps/nginx", "fuzz",
								"sha256:" + "b".repeat(80)))),
				other("POST /registry/events with a pull whose digest is over 80 characters",
						ids -> events(WebSession.toJson(Map.of("events", List.of(Map.of("id", "pull-digest-too-long",
								"action", "pull", "target", Map.of("mediaType", Fuzzer.MANIFEST_TYPES.get(0), "digest",
										"sha256:" + "c".repeat(80), "repository", "acme-apps/nginx", "tag", "1.25"),
								"actor", Map.of("name", "carol"))))))));
	}

	record BadInput(Function<Fuzzer.Ids, Probe> request, boolean bindingError) {
	}

	private static Named<BadInput> binding(String name, Function<Fuzzer.Ids, Probe> request) {
		return Named.of(name, new BadInput(request, true));
	}

	private static Named<BadInput> other(String name, Function<Fuzzer.Ids, Probe> request) {
		return Named.of(name, new BadInput(request, false));
	}

	@Order(1)
	@ParameterizedTest(name = "{0}")
	@MethodSource("issueEightBadInput")
	void badInputOfIssueEightThenNoServerErrorAndNoStackTrace(BadInput input) {
		long logBefore = this.console.logSize();
		Result result = this.runner.send(input.request().apply(this.ids));
		this.results.add(result);
		ConsoleLog log = new ConsoleLog(this.console.logSince(logBefore));
		SoftAssertions softly = new SoftAssertions();
		if (input.bindingError()) {
			softly.assertThat(result.status()).as("status of %s (%s)", result.probe(), result.failure())
				.isBetween(400, 499);
		}
		else {
			softly.assertThat(result.status()).as("status of %s (%s)", result.probe(), result.failure())
				.isBetween(200, 499);
		}
		softly.assertThat(log.stackFrames()).as("stack trace lines logged for %s: %s", result.probe(),
				log.errorsWithException().stream().map(line -> ConsoleLog.shorten(line, 300)).toList()).isZero();
		softly.assertAll();
	}

	@Order(2)
	@Test
	void thousandsOfGeneratedRequestsThenNoServerError() throws InterruptedException {
		Fuzzer fuzzer = new Fuzzer(this.ids, SEED);
		List<Probe> probes = new ArrayList<>(fuzzer.generate(GENERATED));
		probes.addAll(fuzzer.tenMegabyteBodies());
		long start = System.nanoTime();
		// Two clients, each sending its fixed half in order: the console gets both cores.
		Result[] sent = new Result[probes.size()];
		List<Thread> clients = new ArrayList<>();
		for (int k = 0; k < CLIENTS; k++) {
			int first = k;
			Thread client = new Thread(() -> {
				for (int i = first; i < probes.size(); i += CLIENTS) {
					sent[i] = this.runner.send(probes.get(i));
				}
			}, "fuzz-client-" + k);
			clients.add(client);
			client.start();
		}
		for (Thread client : clients) {
			client.join();
		}
		List<Result> answers = List.of(sent);
		this.results.addAll(answers);
		long millis = (System.nanoTime() - start) / 1_000_000;

		Map<Integer, Long> statuses = new TreeMap<>();
		answers.forEach(a -> statuses.merge(a.status(), 1L, Long::sum));
		System.out.printf("[fuzz] %d requests (seed %d) over %d routes in %d ms: statuses %s%n", answers.size(), SEED,
				fuzzer.routeNames().size(), millis, statuses);
		List<Result> serverErrors = answers.stream().filter(Result::serverError).toList();
		List<Result> unanswered = answers.stream().filter(a -> a.status() < 0).toList();
		Map<String, String> perRoute = perRoute(answers);
		perRoute.forEach((route, counts) -> System.out.printf("[fuzz]   %-52s %s%n", route, counts));
		if (!unanswered.isEmpty()) {
			System.out.println("[fuzz] requests without an answer (not counted as 5xx):");
			unanswered.forEach(a -> System.out.printf("[fuzz]   %s  %s%n", a.probe().shortForm(),
					ConsoleLog.shorten(a.failure(), 120)));
		}
		String table = table(serverErrors);
		if (!serverErrors.isEmpty()) {
			System.out.println("[fuzz] responses >= 500:\n" + table);
		}
		assertThat(serverErrors.size()).as("fuzzed requests (of %d) answered >= 500:%n%s", answers.size(), table)
			.isZero();
	}

	@Order(3)
	@Test
	void badInputThenNoStackTraceInTheLog() {
		ConsoleLog log = new ConsoleLog(this.console.logText());
		List<String> errors = log.errorsWithException();
		Map<String, Long> exceptions = log.exceptions();
		System.out.printf("[fuzz] log after %d requests: %d stack trace lines, %d ERROR lines with an exception, "
				+ "exceptions named %s%n", this.results.size(), log.stackFrames(), errors.size(), exceptions);
		Map<String, Long> distinct = errors.stream()
			.map(line -> ConsoleLog.shorten(line.replaceFirst("^.*? ERROR \\d+ --- \\[[^]]*] \\[[^]]*] ", ""), 220))
			.collect(Collectors.groupingBy(line -> line, LinkedHashMap::new, Collectors.counting()));
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(log.stackFrames()).as("stack trace lines in %s (exceptions: %s)", this.console.log(),
				exceptions).isZero();
		softly.assertThat(errors.size())
			.as("ERROR lines with an exception in %s, by message:%n  %s", this.console.log(),
					distinct.entrySet()
						.stream()
						.limit(20)
						.map(e -> e.getValue() + "× " + e.getKey())
						.collect(Collectors.joining(String.format("%n  "))))
			.isZero();
		softly.assertAll();
	}

	/** Status, method, path, who, and the start of the body: enough to send the request again. */
	private static String table(List<Result> rows) {
		StringBuilder table = new StringBuilder(String.format("  %-6s %-6s %s%n", "status", "method", "path [who] body"));
		rows.stream()
			.limit(100)
			.forEach(r -> table.append(String.format("  %-6d %s %s%n", r.status(), r.probe().shortForm(),
					r.probe().bodyPreview(70))));
		if (rows.size() > 100) {
			table.append("  … and ").append(rows.size() - 100).append(" more\n");
		}
		return table.toString();
	}

	private static Map<String, String> perRoute(List<Result> answers) {
		Map<String, Map<String, Long>> counts = new TreeMap<>();
		Map<String, Long> millis = new TreeMap<>();
		for (Result answer : answers) {
			String bucket = (answer.status() >= 500) ? "5xx" : (answer.status() < 0) ? "no answer"
					: (answer.status() / 100) + "xx";
			counts.computeIfAbsent(answer.probe().route(), r -> new TreeMap<>()).merge(bucket, 1L, Long::sum);
			millis.merge(answer.probe().route(), answer.millis(), Long::sum);
		}
		Map<String, String> lines = new LinkedHashMap<>();
		counts.forEach((route, byBucket) -> lines.put(route, byBucket + " in " + millis.get(route) + " ms"));
		return lines;
	}

	private static long nginx(Fuzzer.Ids ids) {
		return ids.image("acme-apps/nginx");
	}

	private static Probe events(String json) {
		return Probe.body("POST /registry/events", "registry", "POST", "/registry/events",
				"application/vnd.docker.distribution.events.v1+json", json.getBytes(StandardCharsets.UTF_8));
	}

	private static String pushEvent(String id, String repository, String tag, String digest) {
		return WebSession.toJson(Map.of("events",
				List.of(Map.of("id", id, "timestamp", "2026-11-29T10:00:00Z", "action", "push", "target",
						Map.of("mediaType", Fuzzer.MANIFEST_TYPES.get(0), "size", 1234, "digest", digest, "repository",
								repository, "tag", tag),
						"actor", Map.of("name", "alice")))));
	}

	/** Image ids from the owners' detail pages, bob's user id, and one share to edit and revoke. */
	private Fuzzer.Ids discoverIds() {
		Map<String, Long> images = new LinkedHashMap<>();
		Map<String, String> owners = new LinkedHashMap<>();
		owners.put("acme-apps/nginx", "alice");
		owners.put("acme-apps/billing/api", "alice");
		owners.put("acme-apps/internal-tools", "alice");
		owners.put("acme-public/hello", "alice");
		owners.put("globex-ml/trainer", "carol");
		owners.put("initech-web/portal", "dave");
		owners.forEach((path, owner) -> {
			String page = this.runner.session(owner).get("/images/" + path).body();
			Matcher matcher = EDIT_LINK.matcher(page);
			assertThat(matcher.find()).as("edit link on %s for %s", path, owner).isTrue();
			images.put(path, Long.parseLong(matcher.group(1)));
		});
		WebSession alice = this.runner.session("alice");
		// Every page user logs in before the fuzzing: its wrong passwords soon throttle logins from this address.
		this.runner.session("bob");
		Result shared = this.runner.send(Probe.body("setup", "basic:alice:" + ConsoleProcess.PASSWORD, "POST",
				"/api/v1/shares/acme-apps/nginx", "application/json",
				"{\"account\":\"globex\",\"permanent\":true,\"description\":\"fuzz setup\"}"
					.getBytes(StandardCharsets.UTF_8)));
		assertThat(shared.status()).as("setup share: %s", shared.body()).isEqualTo(201);
		Matcher share = SHARE_EDIT_LINK.matcher(alice.get("/images/acme-apps/nginx?tab=sharing").body());
		assertThat(share.find()).as("edit link of the share").isTrue();
		Matcher bob = MEMBER_REMOVE.matcher(alice.get("/organizations/acme-apps").body());
		assertThat(bob.find()).as("bob's member entry on acme-apps").isTrue();
		return new Fuzzer.Ids(images, Long.parseLong(bob.group(1)), Long.parseLong(share.group(1)));
	}

}

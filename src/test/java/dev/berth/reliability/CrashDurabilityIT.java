package dev.berth.reliability;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 201 or 200 means the change is on disk (issue 8 §1). A client creates shares of
 * acme-apps/nginx with fresh accounts and changes the descriptions of shares it created, from
 * several threads as fast as the console answers; after a random number of acknowledged writes
 * the console is killed with SIGKILL, restarted on the same data folder, and every acknowledged
 * change must be there. Several rounds on the same data.
 *
 * <p>
 * What counts: a create answered 201 must exist; for each share, the description must be the
 * last acknowledged one, or that of a later change whose answer never came (it may or may not
 * have been applied). A share whose create got no answer may or may not exist. Each share is
 * changed by one writer thread only, so "last" is well defined.
 */
class CrashDurabilityIT {

	private static final String IMAGE = "acme-apps/nginx";

	private static final int ROUNDS = 3;

	private static final int WRITERS = 4;

	private static final int ACCOUNTS = 300;

	private static final long SEED = 20261129L;

	private ConsoleProcess console;

	@AfterEach
	void stopConsole() {
		if (this.console != null) {
			this.console.close();
		}
	}

	@Test
	void killNineMidStreamThenEveryAcknowledgedShareChangeSurvivesTheRestart() throws Exception {
		this.console = ConsoleProcess.create("crash");
		Deque<String> fresh = new ConcurrentLinkedDeque<>(this.console.seedAccounts("crash", ACCOUNTS));
		this.console.start();
		HttpClient http = WebSession.newHttpClient();
		Random random = new Random(SEED);

		// The shares each writer owns, with the description the console last showed after a restart.
		List<Map<String, String>> confirmed = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			confirmed.add(new LinkedHashMap<>());
		}
		Set<String> everSent = new HashSet<>();
		Map<String, Integer> owner = new TreeMap<>();
		List<RoundResult> results = new ArrayList<>();

		for (int round = 1; round <= ROUNDS; round++) {
			int killAfter = 15 + random.nextInt(46);
			List<Op> ops = new CopyOnWriteArrayList<>();
			AtomicInteger acknowledged = new AtomicInteger();
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				Writer writer = new Writer(round, w, new Random(SEED * 31 + round * 1000L + w), http, fresh,
						new ArrayList<>(confirmed.get(w).keySet()), ops, acknowledged, stop);
				Thread thread = new Thread(writer, "crash-writer-" + round + "-" + w);
				writers.add(thread);
				thread.start();
			}
			await("round " + round + ": " + killAfter + " acknowledged writes").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> acknowledged.get() >= killAfter || writers.stream().noneMatch(Thread::isAlive));
			int ackedAtKill = acknowledged.get();
			this.console.kill();
			stop.set(true);
			for (Thread thread : writers) {
				thread.join(Duration.ofSeconds(150).toMillis());
			}
			ops.forEach(op -> everSent.add(op.account()));

			this.console.start();
			Map<String, String> present = shares(http);
			RoundResult result = check(round, ackedAtKill, ops, confirmed, present, everSent);
			results.add(result);
			System.out.println("[crash] " + result);
			result.problems().forEach(p -> System.out.println("[crash]   " + p));

			// The next round goes on from what the console shows now.
			ops.stream().filter(op -> op.kind() == Kind.CREATE).forEach(op -> owner.put(op.account(), op.writer()));
			for (int w = 0; w < WRITERS; w++) {
				confirmed.get(w).clear();
			}
			owner.forEach((account, writer) -> {
				if (present.containsKey(account)) {
					confirmed.get(writer).put(account, present.get(account));
				}
			});
		}

		System.out.println("[crash] summary:");
		results.forEach(r -> System.out.println("[crash]   " + r));
		int lostCreates = results.stream().mapToInt(RoundResult::lostCreates).sum();
		int ackedCreates = results.stream().mapToInt(RoundResult::ackedCreates).sum();
		long roundsWithLostUpdate = results.stream().filter(r -> r.lostUpdates() > 0).count();
		List<String> problems = results.stream()
			.flatMap(r -> r.problems().stream().map(p -> "round " + r.round() + ": " + p))
			.toList();
		assertThat(problems).as("""
				acknowledged writes lost after kill -9: %d of %d acknowledged creates missing; \
				the last acknowledged update lost in %d of %d rounds (%d shares); phantoms %d""", lostCreates,
				ackedCreates, roundsWithLostUpdate, ROUNDS, results.stream().mapToInt(RoundResult::lostUpdates).sum(),
				results.stream().mapToInt(RoundResult::phantoms).sum())
			.isEmpty();
	}

	/** The shares of the image as its owner sees them through the API: account → description. */
	private Map<String, String> shares(HttpClient http) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(this.console.uri("/api/v1/shares/" + IMAGE))
			.header("Authorization", ConsoleProcess.basic("alice", ConsoleProcess.PASSWORD))
			.timeout(WebSession.TIMEOUT)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as("GET shares after restart: %s", response.body()).isEqualTo(200);
		Map<String, String> shares = new TreeMap<>();
		for (JsonNode share : WebSession.json(response.body())) {
			shares.put(share.get("account").asString(), share.get("description").asString());
		}
		return shares;
	}

	private static RoundResult check(int round, int ackedAtKill, List<Op> ops, List<Map<String, String>> confirmed,
			Map<String, String> present, Set<String> everSent) {
		Map<String, List<Op>> byAccount = new LinkedHashMap<>();
		ops.stream()
			.sorted((a, b) -> (a.writer() != b.writer()) ? Integer.compare(a.writer(), b.writer())
					: Integer.compare(a.seq(), b.seq()))
			.forEach(op -> byAccount.computeIfAbsent(op.account(), a -> new ArrayList<>()).add(op));
		Map<String, String> baseline = new HashMap<>();
		confirmed.forEach(baseline::putAll);

		List<String> problems = new ArrayList<>();
		int ackedCreates = 0;
		int lostCreates = 0;
		int ackedUpdates = 0;
		int lostUpdates = 0;
		int phantoms = 0;
		Set<String> accounts = new HashSet<>(baseline.keySet());
		accounts.addAll(byAccount.keySet());
		for (String account : accounts) {
			List<Op> history = byAccount.getOrDefault(account, List.of());
			String acked = baseline.get(account);
			boolean ackedCreate = false;
			List<String> mayFollow = new ArrayList<>();
			boolean unknownCreate = false;
			for (Op op : history) {
				if (op.outcome() == Outcome.ACK) {
					acked = op.description();
					mayFollow.clear();
					if (op.kind() == Kind.CREATE) {
						ackedCreate = true;
						ackedCreates++;
					}
					else {
						ackedUpdates++;
					}
				}
				else if (op.outcome() == Outcome.UNKNOWN) {
					mayFollow.add(op.description());
					unknownCreate |= op.kind() == Kind.CREATE;
				}
			}
			String shown = present.get(account);
			if (acked == null) {
				if (shown != null && !unknownCreate) {
					phantoms++;
					problems.add("share with " + account + " exists, but its create was refused: " + history);
				}
				continue;
			}
			if (shown == null) {
				if (ackedCreate) {
					lostCreates++;
					problems.add("acknowledged create of the share with " + account + " is missing: " + history);
				}
				else {
					lostCreates++;
					problems.add("share with " + account + " confirmed after an earlier restart is missing");
				}
				continue;
			}
			if (!shown.equals(acked) && !mayFollow.contains(shown)) {
				lostUpdates++;
				problems.add("share with " + account + " shows \"" + shown + "\", last acknowledged \"" + acked
						+ "\"" + (mayFollow.isEmpty() ? "" : " (or one of " + mayFollow + ")"));
			}
		}
		for (String account : present.keySet()) {
			if (!everSent.contains(account)) {
				phantoms++;
				problems.add("share with " + account + " exists but was never requested");
			}
		}
		Map<Outcome, Long> outcomes = new TreeMap<>();
		ops.forEach(op -> outcomes.merge(op.outcome(), 1L, Long::sum));
		Map<Integer, Long> statuses = new TreeMap<>();
		ops.forEach(op -> statuses.merge(op.status(), 1L, Long::sum));
		return new RoundResult(round, ops.size(), ackedAtKill, ackedCreates, lostCreates, ackedUpdates, lostUpdates,
				phantoms, outcomes, statuses, present.size(), problems);
	}

	enum Kind {

		CREATE, UPDATE

	}

	enum Outcome {

		/** 201 for a create, 200 for a change: must be on disk. */
		ACK,
		/** A 4xx: not applied. */
		REFUSED,
		/** No answer, or a 5xx: may or may not have been applied. */
		UNKNOWN

	}

	record Op(int writer, int seq, Kind kind, String account, String description, int status, Outcome outcome) {

		@Override
		public String toString() {
			return this.kind + "#" + this.seq + "→" + ((this.status < 0) ? "no answer" : this.status);
		}

	}

	record RoundResult(int round, int requests, int ackedAtKill, int ackedCreates, int lostCreates, int ackedUpdates,
			int lostUpdates, int phantoms, Map<Outcome, Long> outcomes, Map<Integer, Long> statuses, int sharesAfter,
			List<String> problems) {

		@Override
		public String toString() {
			return String.format(
					"round %d: %d requests %s %s, killed after %d acknowledged; acknowledged creates %d, missing %d; "
							+ "acknowledged updates %d, shares whose last acknowledged update was lost %d; phantoms %d; "
							+ "%d shares after restart",
					this.round, this.requests, this.outcomes, this.statuses, this.ackedAtKill, this.ackedCreates,
					this.lostCreates, this.ackedUpdates, this.lostUpdates, this.phantoms, this.sharesAfter);
		}

	}

	/** One client thread: creates shares with fresh accounts and changes its own shares. */
	private final class Writer implements Runnable {

		private final int round;

		private final int index;

		private final Random random;

		private final HttpClient http;

		private final Deque<String> fresh;

		private final List<String> mine;

		private final List<Op> ops;

		private final AtomicInteger acknowledged;

		private final AtomicBoolean stop;

		private final String authorization = ConsoleProcess.basic("alice", ConsoleProcess.PASSWORD);

		Writer(int round, int index, Random random, HttpClient http, Deque<String> fresh, List<String> mine,
				List<Op> ops, AtomicInteger acknowledged, AtomicBoolean stop) {
			this.round = round;
			this.index = index;
			this.random = random;
			this.http = http;
			this.fresh = fresh;
			this.mine = new ArrayList<>(mine);
			this.ops = ops;
			this.acknowledged = acknowledged;
			this.stop = stop;
		}

		@Override
		public void run() {
			for (int seq = 0; !this.stop.get(); seq++) {
				boolean update = !this.mine.isEmpty() && (this.random.nextBoolean() || this.fresh.isEmpty());
				String account = update ? this.mine.get(this.random.nextInt(this.mine.size())) : this.fresh.poll();
				if (account == null) {
					return;
				}
				String description = "r" + this.round + " w" + this.index + " #" + seq + " " + account;
				Op op = send(seq, update ? Kind.UPDATE : Kind.CREATE, account, description);
				this.ops.add(op);
				if (op.outcome() == Outcome.ACK) {
					this.acknowledged.incrementAndGet();
					if (op.kind() == Kind.CREATE) {
						this.mine.add(account);
					}
				}
				if (op.status() < 0) {
					return; // the console is gone
				}
			}
		}

		private Op send(int seq, Kind kind, String account, String description) {
			Map<String, Object> body = new LinkedHashMap<>();
			if (kind == Kind.CREATE) {
				body.put("account", account);
			}
			body.put("validUntil", null);
			body.put("permanent", true);
			body.put("description", description);
			String path = "/api/v1/shares/" + IMAGE + ((kind == Kind.UPDATE) ? "?account=" + account : "");
			HttpRequest.BodyPublisher json = HttpRequest.BodyPublishers.ofString(WebSession.toJson(body));
			HttpRequest.Builder request = HttpRequest.newBuilder(CrashDurabilityIT.this.console.uri(path))
				.header("Authorization", this.authorization)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(60));
			request = (kind == Kind.CREATE) ? request.POST(json) : request.PUT(json);
			int status;
			try {
				status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException ex) {
				status = -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				status = -1;
			}
			int success = (kind == Kind.CREATE) ? 201 : 200;
			Outcome outcome = (status == success) ? Outcome.ACK
					: (status >= 400 && status < 500) ? Outcome.REFUSED : Outcome.UNKNOWN;
			return new Op(this.index, seq, kind, account, description, status, outcome);
		}

	}

}

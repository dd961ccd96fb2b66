package dev.berth.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.images.ImageRepository;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.sharing.SharingTestBase;
import dev.berth.support.JobLocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation reads both sides a page at a time: a registry whose catalog of 1,050 names
 * (all but a few in organizations the console does not know) comes 100 per request with a
 * {@code Link} header, and the console's images two per query. What the console then shows is
 * what the registry holds. (The changes are rolled back: the demo stays as the other tests know it.)
 */
class ReconcilerPagingTests extends SharingTestBase {

	private static final String NGINX_DIGEST = "sha256:" + "1".repeat(64);

	private static final String NEW_DIGEST = "sha256:" + "2".repeat(64);

	@Autowired
	RegistryImages registryImages;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	ImageRepository images;

	@Autowired
	TokenIssuer tokens;

	@Autowired
	JsonMapper json;

	@Autowired
	JobLocks jobs;

	@Autowired
	RegistryMetrics metrics;

	@Autowired
	TransactionTemplate transactions;

	private HttpServer registry;

	private final List<String> catalogRequests = new CopyOnWriteArrayList<>();

	/** Repository name → tag → digest, in catalog order. */
	private final Map<String, Map<String, String>> repositories = new LinkedHashMap<>();

	/** Repositories pushed after the catalog was read: they answer, but the catalog read did not list them. */
	private final Map<String, Map<String, String>> pushedLate = new LinkedHashMap<>();

	@BeforeEach
	void fakeRegistry() throws IOException {
		for (int i = 0; i < 1_000; i++) {
			this.repositories.put(String.format("elsewhere/app-%04d", i), Map.of("1", NEW_DIGEST));
		}
		// acme-apps/nginx holds only 1.25, with another digest than the console knows.
		this.repositories.put("acme-apps/nginx", Map.of("1.25", NGINX_DIGEST));
		for (int i = 0; i < 48; i++) {
			this.repositories.put(String.format("more/app-%04d", i), Map.of("1", NEW_DIGEST));
		}
		// On the last page: a name the console does not know yet, in an organization it knows.
		this.repositories.put("globex-ml/zz-new", Map.of("v1", NEW_DIGEST));
		this.registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.registry.createContext("/v2/", this::answer);
		this.registry.start();
	}

	@AfterEach
	void stopRegistry() {
		this.registry.stop(0);
	}

	@Test
	void catalogOfManyPagesThenEveryPageReadAndTheConsoleMatchesTheRegistry() {
		Reconciler reconciler = reconciler(2);

		this.transactions.executeWithoutResult(status -> {
			Reconciler.Result result = reconciler.reconcile();

			assertThat(this.catalogRequests).as("catalog requests").hasSize(11);
			assertThat(this.catalogRequests.get(0)).isEqualTo("n=100");
			assertThat(this.catalogRequests.get(1)).isEqualTo("last=elsewhere/app-0099&n=100");
			assertThat(tags("acme-apps/nginx")).containsExactly("1.25=" + NGINX_DIGEST);
			assertThat(tags("globex-ml/zz-new")).containsExactly("v1=" + NEW_DIGEST);
			// The demo's other images (six, over three pages of two) are not in the registry at all.
			for (String path : List.of("acme-apps/billing/api", "acme-apps/internal-tools", "acme-public/hello",
					"globex-ml/trainer", "initech-web/portal")) {
				assertThat(tags(path)).as(path).isEmpty();
			}
			assertThat(result).isEqualTo(new Reconciler.Result(1, 1, 8));
			status.setRollbackOnly();
		});
	}

	/**
	 * A repository first pushed while the catalog was read, after the page it would be on: its image
	 * keeps its tags (they were removed until the next round, which put them back as pushed then).
	 */
	@Test
	void repositoryPushedAfterItsCatalogPageWasReadThenItsTagsStay() {
		String trainer = tags("globex-ml/trainer").get(0);
		this.pushedLate.put("globex-ml/trainer", Map.of(trainer.substring(0, trainer.indexOf('=')),
				trainer.substring(trainer.indexOf('=') + 1)));

		this.transactions.executeWithoutResult(status -> {
			reconciler(2).reconcile();

			assertThat(tags("globex-ml/trainer")).containsExactly(trainer);
			assertThat(tags("initech-web/portal")).as("an image the registry does not hold").isEmpty();
			status.setRollbackOnly();
		});
	}

	private Reconciler reconciler(int consolePage) {
		RegistryProperties properties = new RegistryProperties(false, null, null,
				"http://127.0.0.1:" + this.registry.getAddress().getPort(), null, null, null, Duration.ofMinutes(5),
				Duration.ofSeconds(60), null, true, false, null, null, false, null);
		RegistryClient client = new RegistryClient(properties, this.tokens, this.json);
		return new Reconciler(client, null, properties, this.registryImages, this.organizations, this.images,
				this.clock, this.jobs, this.metrics, consolePage);
	}

	private List<String> tags(String path) {
		return this.catalog.findByPath(path)
			.map(found -> found.image().tags().stream().map(tag -> tag.name() + "=" + tag.digest()).sorted().toList())
			.orElse(List.of());
	}

	/** Distribution's answers: the catalog paged by {@code n} and {@code last}, tags, manifests. */
	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String query = exchange.getRequestURI().getRawQuery();
		if (path.equals("/v2/_catalog")) {
			this.catalogRequests.add(URLDecoder.decode(query, StandardCharsets.UTF_8));
			Map<String, String> parameters = parameters(query);
			int n = Integer.parseInt(parameters.get("n"));
			List<String> names = new ArrayList<>(this.repositories.keySet());
			int from = parameters.containsKey("last") ? names.indexOf(parameters.get("last")) + 1 : 0;
			List<String> page = names.subList(from, Math.min(names.size(), from + n));
			if (from + n < names.size()) {
				exchange.getResponseHeaders()
					.add("Link", "</v2/_catalog?last=" + page.get(page.size() - 1) + "&n=" + n + ">; rel=\"next\"");
			}
			send(exchange, 200, this.json.writeValueAsString(Map.of("repositories", page)));
			return;
		}
		Map<String, Map<String, String>> held = new LinkedHashMap<>(this.repositories);
		held.putAll(this.pushedLate);
		for (Map.Entry<String, Map<String, String>> repository : held.entrySet()) {
			String prefix = "/v2/" + repository.getKey() + "/";
			if (!path.startsWith(prefix)) {
				continue;
			}
			String rest = path.substring(prefix.length());
			if (rest.equals("tags/list")) {
				send(exchange, 200, this.json.writeValueAsString(
						Map.of("name", repository.getKey(), "tags", List.copyOf(repository.getValue().keySet()))));
				return;
			}
			if (rest.startsWith("manifests/")) {
				String reference = rest.substring("manifests/".length());
				String digest = repository.getValue().getOrDefault(reference, reference);
				exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
				send(exchange, 200, "{\"schemaVersion\":2,\"config\":{\"size\":100},\"layers\":[{\"size\":900}]}");
				return;
			}
		}
		send(exchange, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}");
	}

	private static Map<String, String> parameters(String query) {
		Map<String, String> parameters = new HashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}

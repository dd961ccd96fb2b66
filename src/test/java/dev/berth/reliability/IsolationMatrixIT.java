package dev.berth.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.reliability.ProbeRunner.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees what (docs/sharing-rules.md and docs/demo-data.md): every demo user and an anonymous
 * visitor × every demo image (and one that does not exist) × every page, tab, list, API and
 * token route of an image, against the outcome the rules give. First with no share, then after
 * alice shares acme-apps/nginx with globex: carol may view and pull it, never edit or share it;
 * dave (another region) and erin still get nothing.
 *
 * <p>
 * The rules as the console applies them today: a user of the owner account sees an image with
 * their effective permission (alice is administrator of acme: Manage; bob holds Read on
 * acme-apps only); the Sharing tab is for the owner side of a private image, Permissions for
 * Manage; an image the user may not see is a 404, the same as one that does not exist, never a
 * 403; a public image's details are open to every logged-in user and its pulls to anyone (the
 * Public Images list shows the user's region only); an anonymous visitor is sent to the login
 * page and gets 401 from the API. A token grants exactly pull / push / delete as Read / Edit /
 * Manage allow (pull on public images and valid shares); for a name the console does not know,
 * what the organization permission allows (a push creates the image).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolationMatrixIT {

	static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin", "anonymous");

	static final String MISSING = "acme-apps/no-such-image";

	static final List<String> IMAGES = List.of("acme-apps/nginx", "acme-apps/billing/api", "acme-apps/internal-tools",
			"acme-public/hello", "globex-ml/trainer", "initech-web/portal", MISSING);

	static final Set<String> PUBLIC = Set.of("acme-public/hello");

	static final Map<String, String> REGIONS = Map.of("alice", "eu-west-1", "bob", "eu-west-1", "carol", "eu-west-1",
			"dave", "ap-southeast-1", "erin", "eu-west-1");

	private static final Pattern EDIT_LINK = Pattern.compile("/images/(\\d+)/edit");

	private static final Pattern CURRENT_TAB = Pattern.compile("<a href=\"[^\"]*\\?tab=(\\w+)\"[^>]*aria-current=\"page\"");

	private ConsoleProcess console;

	private ProbeRunner runner;

	private final Map<String, Long> ids = new LinkedHashMap<>();

	@BeforeAll
	void startConsole() {
		this.console = ConsoleProcess.create("isolation").start();
		this.runner = new ProbeRunner(this.console, WebSession.newHttpClient());
		Map<String, String> owners = Map.of("acme-apps/nginx", "alice", "acme-apps/billing/api", "alice",
				"acme-apps/internal-tools", "alice", "acme-public/hello", "alice", "globex-ml/trainer", "carol",
				"initech-web/portal", "dave");
		owners.forEach((path, owner) -> {
			Matcher matcher = EDIT_LINK.matcher(this.runner.session(owner).get("/images/" + path).body());
			assertThat(matcher.find()).as("edit link of %s for %s", path, owner).isTrue();
			this.ids.put(path, Long.parseLong(matcher.group(1)));
		});
		this.ids.put(MISSING, 999_999L);
	}

	@AfterAll
	void stopConsole() {
		if (this.console != null) {
			this.console.close();
		}
	}

	@Order(1)
	@Test
	void beforeAnyShareEachUserSeesExactlyWhatTheirPermissionsAllow() throws InterruptedException {
		check("no shares", relations(false));
	}

	@Order(2)
	@Test
	void afterAliceSharesNginxWithGlobexCarolMayViewAndPullItButNotEditOrShareIt() throws InterruptedException {
		Result shared = share("globex");
		assertThat(shared.status()).as("alice shares nginx with globex: %s", shared.body()).isEqualTo(201);
		Result crossRegion = share("initech");
		assertThat(crossRegion.status()).as("alice shares nginx with initech (another region): %s", crossRegion.body())
			.isEqualTo(400);
		assertThat(WebSession.errorCode(crossRegion.body())).isEqualTo("cross_region");
		check("nginx shared with globex", relations(true));
	}

	private Result share(String account) {
		return this.runner.send(Probe.body("share", "basic:alice:" + ConsoleProcess.PASSWORD, "POST",
				"/api/v1/shares/acme-apps/nginx", "application/json",
				("{\"account\":\"" + account + "\",\"permanent\":true,\"description\":\"isolation\"}")
					.getBytes(StandardCharsets.UTF_8)));
	}

	/** How each user stands towards each image. */
	private static Map<String, Map<String, Relation>> relations(boolean nginxSharedWithGlobex) {
		Map<String, Map<String, Relation>> relations = new LinkedHashMap<>();
		for (String user : USERS) {
			Map<String, Relation> row = new LinkedHashMap<>();
			for (String image : IMAGES) {
				row.put(image, user.equals("anonymous") ? Relation.ANONYMOUS : Relation.NONE);
			}
			relations.put(user, row);
		}
		for (String image : List.of("acme-apps/nginx", "acme-apps/billing/api", "acme-apps/internal-tools",
				"acme-public/hello")) {
			relations.get("alice").put(image, Relation.MANAGE);
		}
		for (String image : List.of("acme-apps/nginx", "acme-apps/billing/api", "acme-apps/internal-tools")) {
			relations.get("bob").put(image, Relation.READ);
		}
		for (String user : List.of("bob", "carol", "dave", "erin")) {
			relations.get(user).put("acme-public/hello", Relation.PUBLIC_READER);
		}
		relations.get("carol").put("globex-ml/trainer", Relation.MANAGE);
		relations.get("dave").put("initech-web/portal", Relation.MANAGE);
		if (nginxSharedWithGlobex) {
			relations.get("carol").put("acme-apps/nginx", Relation.GRANTEE);
		}
		return relations;
	}

	private void check(String phase, Map<String, Map<String, Relation>> relations) throws InterruptedException {
		List<Cell> cells = new ArrayList<>();
		for (String user : USERS) {
			for (String image : IMAGES) {
				for (Route route : Route.values()) {
					cells.add(new Cell(user, image, route, relations.get(user).get(image)));
				}
			}
		}
		Map<String, String> lists = new ConcurrentHashMap<>();
		List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
		List<Thread> clients = new ArrayList<>();
		for (int k = 0; k < 2; k++) {
			int first = k;
			Thread client = new Thread(() -> {
				for (int i = first; i < cells.size(); i += 2) {
					String problem = cells.get(i).check(lists);
					if (problem != null) {
						mismatches.add(cells.get(i) + ": " + problem);
					}
				}
			}, "isolation-" + k);
			clients.add(client);
			client.start();
		}
		for (Thread client : clients) {
			client.join();
		}
		System.out.printf("[isolation] %s: %d cells (%d users × %d images × %d routes), %d mismatches%n", phase,
				cells.size(), USERS.size(), IMAGES.size(), Route.values().length, mismatches.size());
		mismatches.stream().sorted().forEach(m -> System.out.println("[isolation]   " + m));
		assertThat(mismatches).as("%s: cells whose outcome breaks the rules", phase).isEmpty();
	}

	enum Relation {

		ANONYMOUS, NONE, PUBLIC_READER, GRANTEE, READ, EDIT, MANAGE;

		boolean ownerSide() {
			return this == READ || this == EDIT || this == MANAGE;
		}

		boolean canEdit() {
			return this == EDIT || this == MANAGE;
		}

		boolean sees() {
			return this != ANONYMOUS && this != NONE;
		}

	}

	enum Route {

		DETAIL, TAB_TAGS, TAB_PULL, TAB_SHARING, TAB_PERMISSIONS, EDIT, SHARE_DIALOG, API_SHARES, TOKEN, PRIVATE_LIST,
		PUBLIC_LIST, FROM_OTHERS_LIST

	}

	private final class Cell {

		private final String user;

		private final String image;

		private final Route route;

		private final Relation relation;

		Cell(String user, String image, Route route, Relation relation) {
			this.user = user;
			this.image = image;
			this.route = route;
			this.relation = relation;
		}

		private String who() {
			return this.user.equals("anonymous") ? "anonymous" : "session:" + this.user;
		}

		private boolean isPrivate() {
			return !PUBLIC.contains(this.image);
		}

		/** Null when the outcome is the expected one, else what differs. */
		String check(Map<String, String> lists) {
			return switch (this.route) {
				case DETAIL -> page("/images/" + this.image, "tags");
				case TAB_TAGS -> page("/images/" + this.image + "?tab=tags", "tags");
				case TAB_PULL -> page("/images/" + this.image + "?tab=pull", "pull");
				case TAB_SHARING -> page("/images/" + this.image + "?tab=sharing",
						(this.relation.ownerSide() && isPrivate()) ? "sharing" : "tags");
				case TAB_PERMISSIONS -> page("/images/" + this.image + "?tab=permissions",
						(this.relation == Relation.MANAGE) ? "permissions" : "tags");
				case EDIT -> status("/images/" + id() + "/edit", this.relation.canEdit() ? 200 : 403);
				// A public image's dialog only says that public images cannot be shared (it is public anyway).
				case SHARE_DIALOG -> status("/images/" + id() + "/shares/new",
						(this.relation == Relation.MANAGE || !isPrivate()) ? 200 : 403);
				case API_SHARES -> api();
				case TOKEN -> token();
				case PRIVATE_LIST -> listed(lists, "/images?size=50", this.relation.ownerSide() && isPrivate());
				case PUBLIC_LIST -> listed(lists, "/images/public?size=50",
						!isPrivate() && "eu-west-1".equals(REGIONS.get(this.user)));
				case FROM_OTHERS_LIST -> listed(lists, "/images/from-others?size=50", this.relation == Relation.GRANTEE);
			};
		}

		private long id() {
			return IsolationMatrixIT.this.ids.get(this.image);
		}

		private Result get(String path) {
			return IsolationMatrixIT.this.runner.send(Probe.get(this.route.name(), who(), path));
		}

		/** An anonymous visitor goes to the login page; an invisible image is a 404. */
		private String refusedAsExpected(Result result) {
			if (this.relation == Relation.ANONYMOUS) {
				String location = (result.status() == 302) ? result.location() : "";
				return location.endsWith("/login") ? null : "expected a redirect to /login, got " + result.status()
						+ " " + location;
			}
			if (this.relation == Relation.NONE) {
				return result.status() == 404 ? null : "expected 404, got " + result.status();
			}
			return "";
		}

		private String page(String path, String expectedTab) {
			Result result = get(path);
			String refused = refusedAsExpected(result);
			if (refused == null || !refused.isEmpty()) {
				return refused;
			}
			if (result.status() != 200) {
				return "expected 200, got " + result.status();
			}
			Matcher tab = CURRENT_TAB.matcher(result.body());
			String shown = tab.find() ? tab.group(1) : "(none)";
			if (!shown.equals(expectedTab)) {
				return "expected the " + expectedTab + " tab, shown " + shown;
			}
			List<String> leaks = new ArrayList<>();
			if (!(this.relation.ownerSide() && isPrivate()) && result.body().contains("?tab=sharing")) {
				leaks.add("a Sharing tab");
			}
			if (this.relation != Relation.MANAGE && result.body().contains("?tab=permissions")) {
				leaks.add("a Permissions tab");
			}
			if (!this.relation.canEdit() && result.body().contains("/images/" + id() + "/edit")) {
				leaks.add("an Edit link");
			}
			if (this.relation != Relation.MANAGE && result.body().contains("/images/" + id() + "/shares/new")) {
				leaks.add("a Share Image action");
			}
			return leaks.isEmpty() ? null : "the page shows " + String.join(", ", leaks);
		}

		private String status(String path, int whenVisible) {
			Result result = get(path);
			String refused = refusedAsExpected(result);
			if (refused == null || !refused.isEmpty()) {
				return refused;
			}
			return result.status() == whenVisible ? null : "expected " + whenVisible + ", got " + result.status();
		}

		private String api() {
			String who = this.user.equals("anonymous") ? "anonymous" : "basic:" + this.user + ":" + ConsoleProcess.PASSWORD;
			Result result = IsolationMatrixIT.this.runner
				.send(Probe.get(this.route.name(), who, "/api/v1/shares/" + this.image, "Accept", "application/json"));
			int expected = switch (this.relation) {
				case ANONYMOUS -> 401;
				case NONE -> 404;
				case READ, EDIT, MANAGE -> 200;
				case PUBLIC_READER, GRANTEE -> 403;
			};
			return result.status() == expected ? null : "expected " + expected + ", got " + result.status();
		}

		private String token() {
			String who = this.user.equals("anonymous") ? "anonymous" : "basic:" + this.user + ":" + ConsoleProcess.PASSWORD;
			Result result = IsolationMatrixIT.this.runner.send(Probe.get(this.route.name(), who,
					"/v2/token?service=berth-registry&scope=repository:" + this.image + ":pull,push,delete"));
			if (result.status() != 200) {
				return "expected 200, got " + result.status();
			}
			Set<String> granted = granted(result.body(), this.image);
			Set<String> expected = new TreeSet<>(expectedActions());
			return granted.equals(expected) ? null : "expected " + expected + ", granted " + granted;
		}

		private Set<String> expectedActions() {
			Relation effective = this.relation;
			if (this.image.equals(MISSING)) {
				// Not known to the console: the organization permission decides (a push creates it).
				effective = switch (this.user) {
					case "alice" -> Relation.MANAGE;
					case "bob" -> Relation.READ;
					default -> Relation.NONE;
				};
			}
			return switch (effective) {
				case MANAGE -> Set.of("pull", "push", "delete");
				case EDIT -> Set.of("pull", "push");
				case READ, PUBLIC_READER, GRANTEE -> Set.of("pull");
				case ANONYMOUS -> PUBLIC.contains(this.image) ? Set.of("pull") : Set.of();
				case NONE -> Set.of();
			};
		}

		private String listed(Map<String, String> lists, String path, boolean expected) {
			String key = this.user + " " + path;
			String body = lists.get(key);
			if (body == null) {
				Result result = get(path);
				if (this.relation == Relation.ANONYMOUS) {
					return refusedAsExpected(result);
				}
				if (result.status() != 200) {
					return "expected 200, got " + result.status();
				}
				body = result.body();
				lists.put(key, body);
			}
			boolean shown = body.contains("href=\"/images/" + this.image + "\"");
			return shown == expected ? null : (expected ? "not listed, expected listed" : "listed, expected not listed");
		}

		@Override
		public String toString() {
			return String.format("%-9s × %-26s × %-16s (%s)", this.user, this.image, this.route, this.relation);
		}

	}

	/** The actions a registry token grants on one repository, from its (unverified) payload. */
	static Set<String> granted(String tokenResponse, String repository) {
		String token = WebSession.json(tokenResponse).get("token").asString();
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		Set<String> actions = new TreeSet<>();
		JsonNode access = WebSession.json(payload).get("access");
		if (access != null) {
			for (JsonNode entry : access) {
				if ("repository".equals(entry.get("type").asString()) && repository.equals(entry.get("name").asString())) {
					entry.get("actions").forEach(action -> actions.add(action.asString()));
				}
			}
		}
		return actions;
	}

}

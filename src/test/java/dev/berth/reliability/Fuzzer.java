package dev.berth.reliability;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates requests over every form and API route of the console (the mappings of the
 * controllers under src/main), from a fixed seed so that a failure reproduces: wrong types,
 * unknown enum values, empty, missing and repeated parameters, over-long and Unicode values
 * (emoji, right-to-left, NUL, combining marks), template and SQL look-alikes, invalid UTF-8, bad
 * JSON, wrong content types and path traversal look-alikes. Most parameters stay valid, so the
 * requests get past the first check and reach the code behind it.
 */
final class Fuzzer {

	static final String[] USERS = { "alice", "bob", "carol", "dave", "erin" };

	/** Values any parameter may get instead of a valid one. */
	static final List<String> HOSTILE = List.of("", " ", "abc", "-1", "0", "1.5", "1e3", "99999999999999999999",
			"9223372036854775807", "-9223372036854775808", "2147483648", "NaN", "null", "undefined", "true", "maybe",
			"X", "ADMIN", "private", "read", "Manage ", "29/11/2026", "2026-02-30", "2026-13-01", "+999999999-12-31",
			"0000-01-01", "1970-01-01T00:00:00Z", "\uD83D\uDC33", "\uD83D\uDC33".repeat(1001),
			"\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66".repeat(300), "\u202Eevil\u202C",
			"\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", "\u05E9\u05DC\u05D5\u05DD",
			"a\u0000b", "\u0000", "e" + "\u0301".repeat(500), "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032D",
			"\uFEFF", "x".repeat(65), "x".repeat(129), "x".repeat(1001), "x".repeat(4097), "<script>alert(1)</script>",
			"\"><img src=x onerror=alert(1)>", "' or '1'='1", "'; drop table image; --", "%", "%00", "%ZZ",
			"../../etc/passwd", "..%2f..%2f", "acme-apps/../globex-ml/trainer", "${7*7}", "#{7*7}", "*{7*7}",
			"__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x", "[[${1}]]", "\\", "/", "//", ";", ",", "a,b",
			"1,2", " 1 ", "acme", "globex ", "GLOBEX", "initech", "umbrella", "nobody", "READ", "PUBLIC", "PRIVATE");

	static final List<String> CONTENT_TYPES = List.of("application/json", "application/json", "application/json",
			"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
			"application/json; charset=ISO-8859-1", "application/vnd.docker.distribution.events.v1+json", "foo",
			"application/problem+json");

	static final List<String> MANIFEST_TYPES = List.of("application/vnd.oci.image.manifest.v1+json",
			"application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json");

	/** Paths that look like traversal or confusion, sent as they are. */
	static final List<String> ODD_PATHS = List.of("/images/%2e%2e/%2e%2e/etc/passwd", "/images/acme-apps/nginx/../../..",
			"/images;jsessionid=1", "/images//acme-apps//nginx", "/images/acme-apps/%00", "/WEB-INF/web.xml",
			"/actuator/env", "/images/acme-apps/nginx%2F..%2F..%2Fglobex-ml%2Ftrainer",
			"/api/v1/shares/acme-apps/..%2f..%2fglobex-ml/trainer", "/api/v1/shares/acme-apps/nginx/../../globex-ml/trainer",
			"/webjars/../application.properties", "/css/..%2f..%2fapplication.properties", "/%ff", "/images/ACME/x",
			"/images/a/" + "b".repeat(300), "/images/acme-apps/" + "n/".repeat(200), "/images/1/edit/..",
			"/images/-1/edit", "/images/99999999999999999999/edit", "/images/0x1/edit", "/images/1.0/edit",
			"/images/%31/edit", "/organizations/..", "/organizations/acme-apps%00", "/organizations/a;b",
			"/api/v1/shares/", "/api/v1/shares/acme-apps", "/api/v1/shares//nginx", "/api/v1/shared-by-me/../shared-with-me",
			"/registry/events/..", "/v2/token/..", "/v2/", "/shares/batch/result/x", "/images/acme-apps/nginx?tab=../../x",
			"/login/..;/images", "/images/%C0%AE%C0%AE/", "/images/%E2%80%AE/x", "/.git/config", "/favicon.ico/..",
			"/images/acme-apps/nginx%3Ftab=sharing", "/images/acme-apps/nginx#x", "/error", "/error?status=500");

	private final Ids ids;

	private final Random random;

	private final List<Route> routes = new ArrayList<>();

	private int counter;

	Fuzzer(Ids ids, long seed) {
		this.ids = ids;
		this.random = new Random(seed);
		catalog();
	}

	/** The ids the routes need, read from a running console's pages. */
	record Ids(Map<String, Long> images, long bobId, long shareId) {

		long image(String path) {
			return this.images.get(path);
		}

	}

	record Route(String name, int weight, Function<Random, Probe> generator) {
	}

	List<String> routeNames() {
		return this.routes.stream().map(Route::name).toList();
	}

	/** {@code count} requests, each route in proportion to its weight. */
	List<Probe> generate(int count) {
		int total = this.routes.stream().mapToInt(Route::weight).sum();
		List<Probe> probes = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int pick = this.random.nextInt(total);
			for (Route route : this.routes) {
				pick -= route.weight();
				if (pick < 0) {
					probes.add(route.generator().apply(this.random));
					break;
				}
			}
		}
		return probes;
	}

	/** Requests with 10 MB bodies, one per kind of body the console reads. */
	List<Probe> tenMegabyteBodies() {
		String big = "x".repeat(10 * 1024 * 1024);
		String nginx = "/images/" + this.ids.image("acme-apps/nginx");
		byte[] bigJson = WebSession.toJson(Map.of("account", "umbrella", "permanent", true, "description", big))
			.getBytes(StandardCharsets.UTF_8);
		StringBuilder events = new StringBuilder("{\"events\":[");
		while (events.length() < 10 * 1024 * 1024) {
			events.append("{\"id\":\"big-").append(events.length()).append("\",\"action\":\"pull\"},");
		}
		events.append("{}]}");
		return List.of(
				Probe.body("10 MB JSON share", "session:alice", "POST", "/api/v1/shares/acme-apps/nginx",
						"application/json", bigJson),
				Probe.body("10 MB JSON share", "basic:alice:" + ConsoleProcess.PASSWORD, "POST",
						"/api/v1/shares/acme-apps/nginx", "application/json", bigJson),
				Probe.body("10 MB JSON share", "session:alice", "PUT", "/api/v1/shares/acme-apps/nginx?account=globex",
						"application/json", bigJson),
				Probe.body("10 MB not JSON", "session:alice", "POST", "/api/v1/shares/acme-apps/nginx",
						"application/json", big.getBytes(StandardCharsets.UTF_8)),
				Probe.form("10 MB share form", "session:alice", nginx + "/shares",
						WebSession.form("shareWith", "umbrella", "permanent", "true", "description", big)),
				Probe.form("10 MB share form", "session:alice", nginx + "/shares",
						WebSession.form("shareWith", "umbrella", "permanent", "true", "description", big), "HX-Request",
						"true"),
				Probe.form("10 MB edit form", "session:alice", nginx + "/edit",
						WebSession.form("visibility", "PRIVATE", "category", "Web server", "description", big)),
				Probe.form("10 MB batch form", "session:alice", "/shares/batch",
						WebSession.form("image", String.valueOf(this.ids.image("acme-apps/nginx")), "shareWith", big)),
				Probe.form("10 MB organization", "session:alice", "/organizations", WebSession.form("name", big)),
				Probe.form("10 MB login", "login-page", "/login", WebSession.form("username", big, "password", big)),
				Probe.body("10 MB registry events", "registry", "POST", "/registry/events",
						"application/vnd.docker.distribution.events.v1+json",
						events.toString().getBytes(StandardCharsets.UTF_8)),
				Probe.body("10 MB registry events", "registry:wrong", "POST", "/registry/events", "application/json",
						events.toString().getBytes(StandardCharsets.UTF_8)),
				Probe.body("10 MB token request", "basic:alice:" + ConsoleProcess.PASSWORD, "POST",
						"/v2/token?service=berth-registry", "application/json", bigJson));
	}

	private void catalog() {
		for (String list : List.of("/images", "/images/public", "/images/from-others")) {
			add("GET " + list, 6, r -> Probe.get("GET " + list, pageUser(r), list + query(r, listParameters(r)),
					htmx(r)));
		}
		add("GET /images/{organization}/{name}", 8, r -> Probe.get("GET /images/{organization}/{name}", pageUser(r),
				"/images/" + imagePath(r) + query(r, param("tab", pick(r, "tags", "pull", "sharing", "permissions")))));
		add("GET /images/{id}/edit", 4, r -> Probe.get("GET /images/{id}/edit", pageUser(r),
				"/images/" + imageId(r) + "/edit"));
		add("GET /images/{id}/shares/new", 4, r -> Probe.get("GET /images/{id}/shares/new", pageUser(r),
				"/images/" + imageId(r) + "/shares/new", htmx(r)));
		add("GET /images/{id}/shares/{shareId}/edit", 3, r -> Probe.get("GET /images/{id}/shares/{shareId}/edit",
				pageUser(r), "/images/" + imageId(r) + "/shares/" + shareId(r) + "/edit", htmx(r)));
		add("GET /images/{id}/shares/{shareId}/revoke", 3, r -> Probe.get("GET /images/{id}/shares/{shareId}/revoke",
				pageUser(r), "/images/" + imageId(r) + "/shares/" + shareId(r) + "/revoke"));
		add("GET /organizations", 2, r -> Probe.get("GET /organizations", pageUser(r), "/organizations"));
		add("GET /organizations/{name}", 3, r -> Probe.get("GET /organizations/{name}", pageUser(r),
				"/organizations/" + organization(r)));
		add("GET /activity", 3, r -> Probe.get("GET /activity", pageUser(r), "/activity" + query(r, param("page",
				integer(r)))));
		add("GET /shares/batch", 6, r -> Probe.get("GET /shares/batch", pageUser(r), "/shares/batch"
				+ query(r, imageList(r))));
		add("GET /shares/batch/result", 1, r -> Probe.get("GET /shares/batch/result", pageUser(r),
				"/shares/batch/result"));
		add("GET /login", 2, r -> Probe.get("GET /login", pick(r, "anonymous", pageUser(r)),
				"/login" + query(r, param("error", value(r, "")), param("logout", value(r, "")))));
		add("GET /", 1, r -> Probe.get("GET /", pageUser(r), "/"));
		add("GET /logout", 1, r -> Probe.get("GET /logout", pageUser(r), "/logout"));
		add("GET /v2/token", 5, r -> Probe.get("GET /v2/token", tokenUser(r), "/v2/token" + query(r, tokenParameters(r))));
		add("GET /api/v1/shares/{organization}/{name}", 5, r -> Probe.get("GET /api/v1/shares/{organization}/{name}",
				apiUser(r), "/api/v1/shares/" + imagePath(r), accept(r)));
		for (String list : List.of("/api/v1/shared-by-me", "/api/v1/shared-with-me")) {
			add("GET " + list, 4, r -> Probe.get("GET " + list, apiUser(r),
					list + query(r, param("limit", integer(r)), param("offset", integer(r))), accept(r)));
		}
		add("odd paths", 4, r -> {
			String path = ODD_PATHS.get(r.nextInt(ODD_PATHS.size()));
			String method = pick(r, "GET", "GET", "POST", "PUT", "DELETE");
			return new Probe("odd paths", pageUser(r), method, path, List.of(), null, "valid");
		});
		add("unusual methods", 2, r -> new Probe("unusual methods", pageUser(r),
				pick(r, "PATCH", "OPTIONS", "TRACE", "HEAD", "PUT", "DELETE"),
				pick(r, "/images", "/images/" + imageId(r) + "/edit", "/api/v1/shares/acme-apps/nginx", "/registry/events",
						"/v2/token", "/shares/batch", "/login"),
				List.of(), null, "valid"));

		add("POST /images/{id}/edit", 8, r -> formPost(r, "POST /images/{id}/edit", "/images/" + imageId(r) + "/edit",
				param("visibility", pick(r, "PRIVATE", "PRIVATE", "PUBLIC")), param("category", text(r, "Web server")),
				param("description", text(r, "NGINX built for acme's apps"))));
		add("POST /images/{id}/permissions", 5, r -> formPost(r, "POST /images/{id}/permissions",
				"/images/" + imageId(r) + "/permissions", param("user", String.valueOf(userId(r))),
				param("permission", pick(r, "READ", "EDIT", "MANAGE"))));
		add("POST /images/{id}/permissions/{userId}/remove", 3, r -> formPost(r,
				"POST /images/{id}/permissions/{userId}/remove",
				"/images/" + imageId(r) + "/permissions/" + userIdSegment(r) + "/remove"));
		add("POST /organizations", 4, r -> formPost(r, "POST /organizations", "/organizations",
				param("name", pick(r, "fuzz-" + (++this.counter), "acme-apps", "Fuzz", "a..b", "-x", "a".repeat(65)))));
		add("POST /organizations/{name}/members", 6, r -> formPost(r, "POST /organizations/{name}/members",
				"/organizations/" + organization(r) + "/members", param("user", String.valueOf(userId(r))),
				param("permission", pick(r, "READ", "EDIT", "MANAGE"))));
		add("POST /organizations/{name}/members/{userId}/remove", 3, r -> formPost(r,
				"POST /organizations/{name}/members/{userId}/remove",
				"/organizations/" + organization(r) + "/members/" + userIdSegment(r) + "/remove"));
		add("POST /images/{id}/shares", 10, r -> formPost(r, "POST /images/{id}/shares",
				"/images/" + imageId(r) + "/shares", shareForm(r)));
		add("POST /images/{id}/shares/{shareId}", 6, r -> formPost(r, "POST /images/{id}/shares/{shareId}",
				"/images/" + imageId(r) + "/shares/" + shareId(r), shareForm(r)));
		add("POST /images/{id}/shares/{shareId}/revoke", 2, r -> formPost(r, "POST /images/{id}/shares/{shareId}/revoke",
				"/images/" + imageId(r) + "/shares/" + shareId(r) + "/revoke"));
		add("POST /shares/batch", 10, r -> {
			List<Map.Entry<String, String>> form = new ArrayList<>(imageList(r));
			form.addAll(shareForm(r));
			return formPost(r, "POST /shares/batch", "/shares/batch", form);
		});
		add("POST /login", 1, r -> formPost(r, "POST /login", "/login",
				param("username", value(r, pick(r, USERS))), param("password", value(r, ConsoleProcess.PASSWORD))));
		add("POST /api/v1/shares/{organization}/{name}", 10, r -> Probe.body("POST /api/v1/shares/{organization}/{name}",
				apiUser(r), "POST", "/api/v1/shares/" + imagePath(r), contentType(r), shareJson(r), accept(r))
			.withCsrf(csrf(r)));
		add("PUT /api/v1/shares/{organization}/{name}", 6, r -> Probe.body("PUT /api/v1/shares/{organization}/{name}",
				apiUser(r), "PUT", "/api/v1/shares/" + imagePath(r) + query(r, param("account", account(r))),
				contentType(r), shareJson(r), accept(r))
			.withCsrf(csrf(r)));
		add("DELETE /api/v1/shares/{organization}/{name}", 3, r -> new Probe("DELETE /api/v1/shares/{organization}/{name}",
				apiUser(r), "DELETE", "/api/v1/shares/" + imagePath(r) + query(r, param("account", account(r))),
				List.of(), null, csrf(r)));
		add("POST /registry/events", 14, r -> Probe.body("POST /registry/events",
				pick(r, "registry", "registry", "registry", "registry", "registry:wrong", "anonymous"), "POST",
				"/registry/events", pick(r, "application/vnd.docker.distribution.events.v1+json", "application/json",
						"text/plain", null),
				eventsBody(r)));
		add("form body with a wrong content type", 3, r -> Probe.body("form body with a wrong content type",
				pageUser(r), "POST", pick(r, "/images/" + imageId(r) + "/shares", "/images/" + imageId(r) + "/edit",
						"/shares/batch", "/organizations"),
				pick(r, "application/json", "text/plain", "multipart/form-data; boundary=x", "multipart/form-data", null),
				pick(r, "{\"shareWith\":\"umbrella\"}", "shareWith=umbrella", "--x\r\nContent-Disposition: form-data; "
						+ "name=\"shareWith\"\r\n\r\numbrella\r\n--x--\r\n", "").getBytes(StandardCharsets.UTF_8)));
		add("form body with invalid encoding", 2, r -> {
			byte[] prefix = ("shareWith=umbrella&permanent=true&description=").getBytes(StandardCharsets.UTF_8);
			byte[] bad = pick(r, "%ZZ", "%", "%C3%28", "%00", "%FF%FE").getBytes(StandardCharsets.ISO_8859_1);
			byte[] raw = { (byte) 0xC3, (byte) 0x28, (byte) 0xFF };
			byte[] tail = r.nextBoolean() ? bad : raw;
			byte[] body = new byte[prefix.length + tail.length];
			System.arraycopy(prefix, 0, body, 0, prefix.length);
			System.arraycopy(tail, 0, body, prefix.length, tail.length);
			return Probe.body("form body with invalid encoding", "session:alice", "POST",
					"/images/" + this.ids.image("acme-apps/nginx") + "/shares", "application/x-www-form-urlencoded",
					body);
		});
	}

	private void add(String name, int weight, Function<Random, Probe> generator) {
		this.routes.add(new Route(name, weight, generator));
	}

	// --- who sends

	private String pageUser(Random r) {
		int n = r.nextInt(100);
		if (n < 55) {
			return "session:alice";
		}
		if (n < 70) {
			return "session:bob";
		}
		if (n < 82) {
			return "session:carol";
		}
		if (n < 90) {
			return "session:dave";
		}
		return "anonymous";
	}

	private String apiUser(Random r) {
		// HTTP Basic costs a BCrypt per request: a few are enough, sessions carry the rest.
		int n = r.nextInt(100);
		if (n < 7) {
			return "basic:" + pick(r, "alice", "alice", "bob", "carol") + ":" + ConsoleProcess.PASSWORD;
		}
		if (n < 9) {
			return "basic:" + value(r, "alice") + ":" + value(r, "wrong");
		}
		if (n < 14) {
			return "anonymous";
		}
		return pageUser(r).equals("anonymous") ? "session:alice" : pageUser(r);
	}

	private String tokenUser(Random r) {
		int n = r.nextInt(100);
		if (n < 30) {
			return "basic:" + pick(r, USERS) + ":" + ConsoleProcess.PASSWORD;
		}
		if (n < 38) {
			return "basic:" + value(r, "carol") + ":" + value(r, "x");
		}
		if (n < 55) {
			return "session:alice";
		}
		return "anonymous";
	}

	private String csrf(Random r) {
		int n = r.nextInt(100);
		return (n < 88) ? "valid" : (n < 95) ? "none" : "bad";
	}

	// --- parameters

	private Probe formPost(Random r, String route, String path, Object... parameters) {
		List<Map.Entry<String, String>> form = new ArrayList<>();
		for (Object parameter : parameters) {
			if (parameter instanceof Map.Entry<?, ?> entry) {
				form.add(Map.entry(String.valueOf(entry.getKey()), String.valueOf(entry.getValue())));
			}
			else if (parameter instanceof List<?> list) {
				for (Object item : list) {
					Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
					form.add(Map.entry(String.valueOf(entry.getKey()), String.valueOf(entry.getValue())));
				}
			}
		}
		List<Map.Entry<String, String>> mutated = mutate(r, form);
		String who = route.equals("POST /login") ? "login-page" : pageUser(r);
		return Probe.form(route, who, path, WebSession.form(mutated), htmx(r)).withCsrf(csrf(r));
	}

	/**
	 * Drops, repeats, replaces or adds parameters: each keeps its valid value about half the time.
	 */
	private List<Map.Entry<String, String>> mutate(Random r, List<Map.Entry<String, String>> form) {
		List<Map.Entry<String, String>> out = new ArrayList<>();
		for (Map.Entry<String, String> pair : form) {
			int n = r.nextInt(100);
			if (n < 50) {
				out.add(pair);
			}
			else if (n < 62) {
				continue;
			}
			else if (n < 70) {
				out.add(pair);
				out.add(Map.entry(pair.getKey(), hostile(r)));
			}
			else if (n < 75) {
				out.add(Map.entry(pair.getKey(), ""));
			}
			else {
				out.add(Map.entry(pair.getKey(), hostile(r)));
			}
		}
		if (r.nextInt(100) < 10) {
			out.add(Map.entry(pick(r, "unknown", "class.module.classLoader.resources.context.parent.pipeline.first.pattern",
					"form.visibility", "_method", "id", "image[0]", "permission[]", hostile(r)), hostile(r)));
		}
		if (r.nextInt(100) < 5) {
			java.util.Collections.shuffle(out, r);
		}
		return out;
	}

	private String query(Random r, Object... parameters) {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		for (Object parameter : parameters) {
			if (parameter instanceof Map.Entry<?, ?> entry) {
				pairs.add(Map.entry(String.valueOf(entry.getKey()), String.valueOf(entry.getValue())));
			}
			else if (parameter instanceof List<?> list) {
				for (Object item : list) {
					Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
					pairs.add(Map.entry(String.valueOf(entry.getKey()), String.valueOf(entry.getValue())));
				}
			}
		}
		List<Map.Entry<String, String>> mutated = mutate(r, pairs);
		// Long values make a URL longer than a server reads; keep queries mostly below 8 KB. The cut
		// may split a character's UTF-8 bytes: one more kind of bad input.
		String encoded = WebSession.form(mutated);
		if (encoded.length() > 7000 && r.nextInt(100) < 80) {
			encoded = encoded.substring(0, 7000).replaceAll("%[0-9A-Fa-f]?$", "");
		}
		return encoded.isEmpty() ? "" : "?" + encoded;
	}

	private static Map.Entry<String, String> param(String name, String value) {
		return Map.entry(name, value);
	}

	private List<Map.Entry<String, String>> listParameters(Random r) {
		return List.of(param("q", text(r, pick(r, "nginx", "a", "hello"))),
				param("org", pick(r, "acme-apps", "acme-public", "globex-ml", "")),
				param("sort", pick(r, "name", "updated", "size", "tags")), param("dir", pick(r, "asc", "desc")),
				param("page", integer(r)), param("size", pick(r, "10", "20", "50")),
				param("shared", pick(r, "true", "false", "on")));
	}

	private List<Map.Entry<String, String>> tokenParameters(Random r) {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		pairs.add(param("service", pick(r, "berth-registry", "berth-registry", "other", "")));
		int scopes = r.nextInt(4);
		for (int i = 0; i < scopes; i++) {
			String name = r.nextInt(100) < 70 ? imagePathPlain(r) : hostile(r);
			String actions = pick(r, "pull", "pull,push", "pull,push,delete", "*", "", "pull,,push", hostile(r));
			String type = pick(r, "repository", "repository", "registry", "", hostile(r));
			pairs.add(param("scope", pick(r, type + ":" + name + ":" + actions, "registry:catalog:*",
					type + ":" + name, ":::", hostile(r))));
		}
		if (r.nextInt(100) < 20) {
			pairs.add(param("account", value(r, "alice")));
		}
		return pairs;
	}

	private List<Map.Entry<String, String>> imageList(Random r) {
		List<Map.Entry<String, String>> pairs = new ArrayList<>();
		int n = r.nextInt(4);
		for (int i = 0; i < n; i++) {
			pairs.add(param("image", r.nextInt(100) < 70 ? String.valueOf(validImageId(r)) : hostile(r)));
		}
		return pairs;
	}

	private List<Map.Entry<String, String>> shareForm(Random r) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		return List.of(param("shareWith", account(r)),
				param("validUntil", pick(r, today.plusDays(30).toString(), today.toString(), today.minusDays(1).toString(),
						"9999-12-31")),
				param("permanent", pick(r, "true", "false", "on")), param("description", text(r, "for the team")));
	}

	private byte[] shareJson(Random r) {
		int n = r.nextInt(100);
		if (n < 25) {
			String raw = pick(r, "", "{", "}", "[]", "null", "\"text\"", "123", "{\"account\":}",
					"{\"account\":\"umbrella\",}", "{'account':'umbrella'}", "{\"account\":\"umbrella\"",
					"[".repeat(5000), "{\"a\":".repeat(3000), "{\"validUntil\":\"2030-01-01\",\"validUntil\":\"x\"}",
					"\uFEFF{\"account\":\"umbrella\",\"permanent\":true}", "{\"account\":\"umbrella\"}\u0000",
					"{\"permanent\":" + "1".repeat(1000) + "}", "{\"account\":\"um\\u0000brella\"}",
					"{\"account\":{\"$ne\":null}}", "{\"account\":[\"umbrella\",\"globex\"]}");
			return raw.getBytes(StandardCharsets.UTF_8);
		}
		if (n < 30) {
			return new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		}
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("account", jsonValue(r, account(r)));
		body.put("validUntil", jsonValue(r, pick(r, today.plusDays(30).toString(), today.minusDays(1).toString(),
				"29/11/2026", "2026-02-30")));
		body.put("permanent", jsonValue(r, r.nextBoolean()));
		body.put("description", jsonValue(r, text(r, "shared for the fuzz test")));
		if (r.nextInt(100) < 10) {
			body.put(hostile(r), jsonValue(r, hostile(r)));
		}
		if (r.nextInt(100) < 15) {
			body.remove(pick(r, "account", "validUntil", "permanent", "description"));
		}
		return WebSession.toJson(body).getBytes(StandardCharsets.UTF_8);
	}

	/** A JSON value: usually the valid one, sometimes another type. */
	private Object jsonValue(Random r, Object valid) {
		int n = r.nextInt(100);
		if (n < 65) {
			return valid;
		}
		return switch (r.nextInt(8)) {
			case 0 -> null;
			case 1 -> r.nextInt();
			case 2 -> new java.math.BigDecimal("1E+400");
			case 3 -> List.of(valid == null ? "x" : valid, "y");
			case 4 -> Map.of("value", valid == null ? "x" : valid);
			case 5 -> r.nextBoolean();
			default -> hostile(r);
		};
	}

	private byte[] eventsBody(Random r) {
		int n = r.nextInt(100);
		if (n < 12) {
			String raw = pick(r, "", "{", "[]", "null", "{\"events\":null}", "{\"events\":{}}", "{\"events\":[1,\"x\",true]}",
					"{\"events\":[null]}", "{\"events\":[{}]}", "{\"events\":[[]]}", "[".repeat(5000),
					"{\"events\":[{\"target\":{\"size\":1e400}}]}", "{\"events\":[{\"target\":{\"size\":\"big\"}}]}",
					"{\"events\":[{\"id\":{\"x\":1}}]}");
			return raw.getBytes(StandardCharsets.UTF_8);
		}
		List<Object> events = new ArrayList<>();
		int count = 1 + r.nextInt(3);
		for (int i = 0; i < count; i++) {
			events.add(event(r));
		}
		return WebSession.toJson(Map.of("events", events)).getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, Object> event(Random r) {
		Map<String, Object> target = new LinkedHashMap<>();
		target.put("mediaType", maybe(r, pick(r, MANIFEST_TYPES.toArray(String[]::new)), "application/octet-stream"));
		target.put("size", jsonValue(r, 1000 + r.nextInt(100000)));
		target.put("digest", maybe(r, "sha256:" + hex(r, 64), pick(r, "sha256:" + hex(r, 80), "sha256:zz", "md5:1",
				"sha256:" + hex(r, 64) + "x".repeat(20))));
		target.put("repository", maybe(r, pick(r, "acme-apps/nginx", "globex-ml/trainer", "acme-public/hello",
				"acme-apps/fuzz-" + r.nextInt(20), "acme-apps/billing/api"), hostile(r)));
		target.put("tag", maybe(r, pick(r, "latest", "1.25", "fuzz", "v" + r.nextInt(10)), hostile(r)));
		if (r.nextInt(100) < 10) {
			target.remove(pick(r, "mediaType", "digest", "repository", "tag", "size"));
		}
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", maybe(r, "fuzz-" + r.nextLong(), hostile(r)));
		event.put("timestamp", maybe(r, "2026-11-29T10:00:00Z", hostile(r)));
		event.put("action", maybe(r, pick(r, "push", "pull", "delete"), pick(r, "mount", "PUSH", "", hostile(r))));
		event.put("target", (r.nextInt(100) < 5) ? null : target);
		event.put("actor", (r.nextInt(100) < 10) ? null : Map.of("name", maybe(r, pick(r, USERS), hostile(r))));
		event.put("request", Map.of("addr", "127.0.0.1", "method", "GET", "useragent", "fuzz"));
		return event;
	}

	private String maybe(Random r, String valid, String other) {
		return (r.nextInt(100) < 70) ? valid : other;
	}

	private static String hex(Random r, int length) {
		StringBuilder hex = new StringBuilder();
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(r.nextInt(16), 16));
		}
		return hex.toString();
	}

	// --- values

	private String hostile(Random r) {
		return HOSTILE.get(r.nextInt(HOSTILE.size()));
	}

	/** Mostly the valid value, sometimes a hostile one. */
	private String value(Random r, String valid) {
		return (r.nextInt(100) < 70) ? valid : hostile(r);
	}

	private String text(Random r, String valid) {
		return (r.nextInt(100) < 60) ? valid : hostile(r);
	}

	private String integer(Random r) {
		return pick(r, "1", "2", "0", "-1", "1000", "1001", "abc", "1.5", "99999999999999999999", "2147483648", "");
	}

	private String account(Random r) {
		return pick(r, "globex", "umbrella", "initech", "acme", "nobody", "", "GLOBEX", " globex ", hostile(r));
	}

	private String organization(Random r) {
		return (r.nextInt(100) < 75) ? pick(r, "acme-apps", "acme-public", "globex-ml", "initech-web", "nope")
				: pick(r, "a", "acme-apps.x", "acme-apps-", "a" + "b".repeat(200), "acme--apps");
	}

	private long validImageId(Random r) {
		List<Long> all = new ArrayList<>(this.ids.images().values());
		return all.get(r.nextInt(all.size()));
	}

	private String imageId(Random r) {
		int n = r.nextInt(100);
		if (n < 80) {
			return String.valueOf(validImageId(r));
		}
		return pick(r, "0", "999999", "99999999999999999999", "9223372036854775807", "00001");
	}

	private String shareId(Random r) {
		return (r.nextInt(100) < 70) ? String.valueOf(this.ids.shareId())
				: pick(r, "0", "999999", "99999999999999999999", "9223372036854775807");
	}

	private long userId(Random r) {
		return (r.nextInt(100) < 80) ? this.ids.bobId() : pick(r, 1L, 3L, 999L, 0L);
	}

	private String userIdSegment(Random r) {
		return (r.nextInt(100) < 70) ? String.valueOf(this.ids.bobId()) : pick(r, "1", "3", "0", "99999999999999999999");
	}

	private String imagePathPlain(Random r) {
		List<String> all = new ArrayList<>(this.ids.images().keySet());
		return all.get(r.nextInt(all.size()));
	}

	/** An image path for a URL: usually real, sometimes made up; each segment encoded. */
	private String imagePath(Random r) {
		if (r.nextInt(100) < 75) {
			return imagePathPlain(r);
		}
		String organization = pick(r, "acme-apps", "nope", "a", "acme-apps.", "x".repeat(70));
		String name = hostile(r);
		StringBuilder path = new StringBuilder(organization).append('/');
		for (String part : name.split("/", -1)) {
			if (path.charAt(path.length() - 1) != '/') {
				path.append('/');
			}
			path.append(WebSession.encode(part).replace("+", "%20"));
		}
		return path.toString();
	}

	private String[] htmx(Random r) {
		return (r.nextInt(100) < 30) ? new String[] { "HX-Request", "true" } : new String[0];
	}

	private String[] accept(Random r) {
		return new String[] { "Accept",
				pick(r, "application/json", "*/*", "text/html", "application/xml", "application/problem+json") };
	}

	private String contentType(Random r) {
		return (r.nextInt(100) < 70) ? "application/json" : CONTENT_TYPES.get(r.nextInt(CONTENT_TYPES.size()));
	}

	@SafeVarargs
	private static <T> T pick(Random r, T... values) {
		return values[r.nextInt(values.length)];
	}

}

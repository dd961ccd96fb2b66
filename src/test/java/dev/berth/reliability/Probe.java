package dev.berth.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP request of the reliability suite, described so that it can be printed and sent
 * again: who sends it (a logged-in session, HTTP Basic, the registry's secret, nobody), the
 * method, the path with its query (already encoded), headers and body.
 *
 * @param route the route it exercises, e.g. {@code POST /images/{id}/edit}
 * @param who {@code session:alice}, {@code basic:alice:<password>}, {@code registry},
 * {@code registry:<wrong secret>} or {@code anonymous}
 * @param csrf {@code valid}, {@code none} or {@code bad}: for a session, how the CSRF token is
 * sent (as the {@code X-CSRF-TOKEN} header)
 */
record Probe(String route, String who, String method, String path, List<String> headers, byte[] body, String csrf) {

	static Probe get(String route, String who, String path, String... headers) {
		return new Probe(route, who, "GET", path, List.of(headers), null, "valid");
	}

	static Probe form(String route, String who, String path, String formBody, String... headers) {
		List<String> all = new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
		all.addAll(List.of(headers));
		return new Probe(route, who, "POST", path, all, formBody.getBytes(StandardCharsets.UTF_8), "valid");
	}

	static Probe body(String route, String who, String method, String path, String contentType, byte[] body,
			String... headers) {
		List<String> all = new ArrayList<>();
		if (contentType != null) {
			all.add("Content-Type");
			all.add(contentType);
		}
		all.addAll(List.of(headers));
		return new Probe(route, who, method, path, all, body, "valid");
	}

	Probe withCsrf(String how) {
		return new Probe(this.route, this.who, this.method, this.path, this.headers, this.body, how);
	}

	Probe withHeaders(String... more) {
		List<String> all = new ArrayList<>(this.headers);
		all.addAll(List.of(more));
		return new Probe(this.route, this.who, this.method, this.path, all, this.body, this.csrf);
	}

	int bodyLength() {
		return (this.body != null) ? this.body.length : 0;
	}

	/** The start of the body, printable: control characters and non-ASCII escaped. */
	String bodyPreview(int max) {
		if (this.body == null || this.body.length == 0) {
			return "";
		}
		String text = new String(this.body, 0, Math.min(this.body.length, max * 4), StandardCharsets.UTF_8);
		StringBuilder preview = new StringBuilder();
		text.codePoints().limit(max).forEach(c -> {
			if (c >= 0x20 && c < 0x7f) {
				preview.appendCodePoint(c);
			}
			else {
				preview.append(String.format("\\u%04x", c));
			}
		});
		return preview + ((this.body.length > max) ? "…" : "");
	}

	/** Method, path (shortened), who, and the headers that matter, for a table of offending requests. */
	String shortForm() {
		String shownPath = (this.path.length() > 110) ? this.path.substring(0, 100) + "…(" + this.path.length() + ")"
				: this.path;
		String size = (this.body != null) ? " body " + this.body.length + " B" : "";
		String who = this.who.startsWith("basic:") ? "basic:" + this.who.split(":")[1] : this.who;
		StringBuilder headers = new StringBuilder();
		for (int i = 0; i + 1 < this.headers.size(); i += 2) {
			String name = this.headers.get(i);
			String value = this.headers.get(i + 1);
			if (!(name.equals("Content-Type") && value.equals("application/x-www-form-urlencoded"))) {
				headers.append(", ").append(name).append(": ").append(value);
			}
		}
		return String.format("%-6s %s  [%s%s%s%s]", this.method, shownPath, who, size,
				"valid".equals(this.csrf) ? "" : ", csrf " + this.csrf, headers);
	}

	@Override
	public String toString() {
		return shortForm();
	}

}

package dev.berth.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second page load transfers only the HTML: the stylesheet, the script and htmx are linked under
 * URLs that carry a hash of their content, cached by the browser for a year without asking again,
 * and text responses are compressed. (The same context as {@link ProblemDetailsTests}: a real
 * server, since compression is the servlet container's.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class StaticAssetsTests {

	private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+)\"");

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void loginPageThenAssetsUnderContentHashUrlsCachedForAYearAndCompressed() throws Exception {
		HttpResponse<String> page = get("/login", "identity");
		List<String> assets = ASSET.matcher(page.body()).results().map(match -> match.group(1)).toList();

		assertThat(assets).as("the page's stylesheet, script and htmx").hasSizeGreaterThanOrEqualTo(3)
			.anySatisfy(url -> assertThat(url).startsWith("/css/"))
			.anySatisfy(url -> assertThat(url).contains("htmx"))
			.allSatisfy(url -> assertThat(url).as("a content hash in the name").matches(".*-[0-9a-f]{32}\\.(css|js)"));
		for (String url : assets) {
			HttpResponse<String> asset = get(url, "gzip");
			assertThat(asset.statusCode()).as(url).isEqualTo(200);
			assertThat(asset.headers().firstValue("Cache-Control")).as(url)
				.hasValue("max-age=31536000, public, immutable");
			assertThat(asset.headers().firstValue("Content-Encoding")).as(url).hasValue("gzip");
		}
	}

	@Test
	void pageThenCompressedAndNeverCached() throws Exception {
		HttpResponse<String> page = get("/login", "gzip");

		assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
	}

	@Test
	void unknownAssetVersionThenNotFound() throws Exception {
		assertThat(get("/css/berth-00000000000000000000000000000000.css", "identity").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path, String encoding) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept-Encoding", encoding)
			.build();
		return this.http.send(request, BodyHandlers.ofString());
	}

}

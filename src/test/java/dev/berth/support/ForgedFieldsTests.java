package dev.berth.support;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import dev.berth.testing.HttpVisitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.berth.testing.HttpVisitor.csrf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no page of the console sends, only a hand-made or tampered one: each gets a 4xx that
 * says what was wrong, and changes nothing. Over a real server, as {@code ProblemDetailsTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ForgedFieldsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpVisitor alice;

	String token;

	@BeforeEach
	void logIn() throws Exception {
		this.alice = new HttpVisitor(this.port);
		assertThat(this.alice.logIn("alice", "demo12345").statusCode()).isEqualTo(302);
		this.token = csrf(this.alice.get("/profile"));
	}

	/** A field name with an index or a path: Spring's binding of the form's record failed on it with a 500. */
	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource(delimiter = '|', value = {
			"GET  | /images?q%5B0%5D=x              | q[0]",
			"GET  | /images/from-others?q%5B0%5D=x  | q[0]",
			"GET  | /activity?image.x=1             | image.x",
			"GET  | /activity?action%5B0%5D=x       | action[0]",
			"POST | /organizations                  | name[0]=x",
			"POST | /profile/tokens                 | organizations[256]=acme-apps",
			"POST | /profile/tokens                 | name[0]=x",
			"POST | /profile/password               | current[0]=x",
			"POST | /account/users                  | username.x=x" })
	void fieldWithAnIndexOrAPathThenA400ThatNamesItAndNothingChanges(String method, String path, String field)
			throws Exception {
		int tokens = count("access_token");
		int organizations = count("organization");
		HttpResponse<String> response = "GET".equals(method.strip()) ? this.alice.get(path.strip())
				: this.alice.post(path.strip(), Map.of(field.strip().split("=")[0], field.strip().split("=")[1],
						"_csrf", this.token));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("This form has no field named");
		assertThat(count("access_token")).isEqualTo(tokens);
		assertThat(count("organization")).isEqualTo(organizations);
	}

	/**
	 * A CSRF token changed in one character decodes to bytes that are no UTF-8: Spring Security let
	 * the decoder's exception through (a 500), on the login form too. Refused as a wrong token.
	 */
	@Test
	void garbledCsrfTokenThenRefusedAsAWrongOne() throws Exception {
		byte[] raw = Base64.getUrlDecoder().decode(this.token);
		raw[0] ^= (byte) 0x80;
		String garbled = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
		int tokens = count("access_token");

		assertThat(this.alice.post("/profile/tokens", Map.of("name", "ci", "_csrf", garbled)).statusCode()).isEqualTo(403);
		assertThat(count("access_token")).isEqualTo(tokens);

		HttpVisitor visitor = new HttpVisitor(this.port);
		byte[] login = Base64.getUrlDecoder().decode(csrf(visitor.get("/login")));
		login[0] ^= (byte) 0x80;
		assertThat(visitor.post("/login", Map.of("username", "alice", "password", "demo12345", "_csrf",
				Base64.getUrlEncoder().withoutPadding().encodeToString(login))).statusCode()).isEqualTo(403);
	}

	/**
	 * A NUL character (%00, or \u0000 in JSON) in a search, a filter, a name or a user name: PostgreSQL
	 * refuses it in any statement, and every such request was a 500 there (H2 takes it).
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"/images?q=ng%00inx", "/images/from-others?org=a%00b", "/activity?user=a%00b", "/activity.csv?image=a%00b",
			"/v2/token?service=berth-registry&scope=repository:acme-apps/ng%00inx:pull" })
	void nulInAParameterThen400(String path) throws Exception {
		assertThat(this.alice.get(path.strip()).statusCode()).isEqualTo(400);
	}

	@Test
	void nulInAJsonTextOrABasicUserNameThen400Or401AndNothingShared() throws Exception {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		String alice = "Basic " + Base64.getEncoder().encodeToString("alice:demo12345".getBytes());
		HttpResponse<String> json = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/api/v1/shares/acme-apps/nginx"))
			.header("Authorization", alice)
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"account\":\"glo\\u0000bex\"}"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).contains("\"field\":\"account\"", "NUL character");
		assertThat(count("image_share")).isZero();

		HttpResponse<String> basic = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/api/v1/shared-with-me"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("al\u0000ice:demo12345".getBytes()))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(basic.statusCode()).isEqualTo(401);
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

}

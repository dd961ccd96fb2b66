package dev.berth.support;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.berth.testing.HttpVisitor;
import dev.berth.testing.PageText;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.berth.testing.HttpVisitor.csrf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text sent in a form arrives as it was typed. A browser's form post names no charset; the console
 * reads it as UTF-8, its pages' own, although a filter looks at the parameters before any other
 * (RequestLimits). Over a real server, with the body a browser sends (the same context as
 * {@code ProblemDetailsTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class FormTextTests {

	private static final String TYPED = "Für das ML-Team — café ✓ 🚀";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void shareDescriptionWithAccentsDashAndEmojiThenStoredAndShownAsTyped() throws Exception {
		long image = this.jdbc.sql("select id from image where name = 'internal-tools'").query(Long.class).single();
		HttpVisitor alice = new HttpVisitor(this.port);
		assertThat(alice.logIn("alice", "demo12345").statusCode()).isEqualTo(302);
		try {
			HttpResponse<String> created = alice.post("/images/" + image + "/shares", Map.of("shareWith", "umbrella",
					"permanent", "true", "description", TYPED, "_csrf", csrf(alice.get("/images/" + image + "/shares/new"))));

			assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
			assertThat(this.jdbc.sql("select description from image_share where image_id = :image")
				.param("image", image)
				.query(String.class)
				.single()).isEqualTo(TYPED);
			assertThat(PageText.of(alice.get("/images/acme-apps/internal-tools?tab=sharing").body())).contains(TYPED);
		}
		finally {
			this.jdbc.sql("delete from image_share where image_id = :image").param("image", image).update();
			this.jdbc.sql("delete from sharing_version where image_id = :image").param("image", image).update();
			this.jdbc.sql("delete from audit_event").update();
		}
	}

}

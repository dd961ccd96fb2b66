package dev.berth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.berth.testing.HttpVisitor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A page reads the user's session from the database once, although Spring Session saves it twice
 * (when the page is sent, and when its filter ends) and looks it up again for the second save.
 * Over a real server, whose responses are committed as a browser receives them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SessionReadsTests {

	@LocalServerPort
	int port;

	@MockitoSpyBean
	JdbcIndexedSessionRepository sessions;

	@Test
	void pageThenTheSessionIsReadOnce() throws Exception {
		HttpVisitor alice = new HttpVisitor(this.port);
		alice.logIn("alice", "demo12345");
		clearInvocations(this.sessions);

		HttpResponse<String> page = alice.get("/images");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("acme-apps/");
		verify(this.sessions, times(1)).findById(anyString());
	}

	@Test
	void logoutThenTheNextPageFindsNoSession() throws Exception {
		HttpVisitor bob = new HttpVisitor(this.port);
		bob.logIn("bob", "demo12345");
		HttpResponse<String> page = bob.get("/logout");

		bob.post("/logout", Map.of("_csrf", HttpVisitor.csrf(page)));
		HttpResponse<String> after = bob.get("/images");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(after.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).contains("/login"));
	}

}

package dev.berth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.berth.testing.HttpVisitor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.berth.testing.HttpVisitor.csrf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor who has not logged in costs the console no session: the login form's CSRF token and
 * the page to return to after the login travel in cookies, so no request before a login writes a
 * session row (an unauthenticated client could otherwise fill the table). Over a real server and
 * its real cookies (the same context as {@code StaticAssetsTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class VisitorCookiesTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void visitorThenNoSessionUntilTheLogin() throws Exception {
		int before = sessions();
		HttpVisitor visitor = new HttpVisitor(this.port);

		HttpResponse<String> form = visitor.get("/login");
		HttpResponse<String> asked = visitor.get("/images/acme-apps/nginx");
		HttpResponse<String> failed = visitor.post("/login", login("alice", "not her password", csrf(form)));

		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		assertThat(visitor.cookies()).as("the visitor's cookies").containsKeys("XSRF-TOKEN", "REDIRECT_URI")
			.doesNotContainKey("SESSION");
		assertThat(sessions()).as("session rows").isEqualTo(before);
	}

	/**
	 * The form comes back after a failure with the name that was typed, which stays out of the address
	 * (people type passwords into it); a fresh form and other visitors do not get it; a login forgets it.
	 */
	@Test
	void failedLoginThenTheNameBackInItsFieldButNotInTheAddress() throws Exception {
		HttpVisitor visitor = new HttpVisitor(this.port);
		HttpResponse<String> failed = visitor.post("/login", login("bob", "not his password", csrf(visitor.get("/login"))));

		assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login?error"));
		HttpResponse<String> again = visitor.get("/login?error");
		assertThat(again.body()).contains("value=\"bob\"");
		assertThat(new HttpVisitor(this.port).get("/login?error").body()).doesNotContain("value=\"bob\"");
		assertThat(visitor.get("/login").body()).as("a fresh form").doesNotContain("value=\"bob\"");

		HttpResponse<String> loggedIn = visitor.post("/login", login("bob", "demo12345", csrf(again)));

		assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/"));
		assertThat(visitor.cookies()).doesNotContainKey("LOGIN_NAME");
	}

	/** A link can put any wait into the login page's address: it never reads longer than the throttle waits (15 minutes). */
	@Test
	void loginPageWithAnInventedWaitThenAtMostTheThrottlesLongest() throws Exception {
		HttpResponse<String> page = new HttpVisitor(this.port).get("/login?retry=999999999");

		assertThat(page.body()).contains("Try again in 15 minutes").doesNotContain("16,666,667");
	}

	@Test
	void loginFormWithItsTokenAndCookieThenLoggedInButWithoutTheCookieRefused() throws Exception {
		HttpVisitor visitor = new HttpVisitor(this.port);
		HttpResponse<String> form = visitor.get("/login");
		assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(
				cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").contains("HttpOnly", "SameSite=Lax"));

		HttpResponse<String> forged = new HttpVisitor(this.port).post("/login", login("erin", "demo12345", csrf(form)));
		HttpResponse<String> real = visitor.post("/login", login("erin", "demo12345", csrf(form)));

		assertThat(forged.statusCode()).as("the token without its cookie").isEqualTo(403);
		assertThat(real.statusCode()).isEqualTo(302);
		assertThat(real.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/"));
		assertThat(visitor.cookies()).containsKey("SESSION");
		HttpResponse<String> page = visitor.get("/images");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("X-CSRF-TOKEN");
	}

	@Test
	void pageAskedForBeforeTheLoginThenTheLoginLeadsBackToIt() throws Exception {
		HttpVisitor visitor = new HttpVisitor(this.port);
		visitor.get("/images/acme-apps/nginx?tab=sharing");
		HttpResponse<String> form = visitor.get("/login");

		HttpResponse<String> loggedIn = visitor.post("/login", login("carol", "demo12345", csrf(form)));

		assertThat(loggedIn.headers().firstValue("Location"))
			.hasValueSatisfying(url -> assertThat(url).endsWith("/images/acme-apps/nginx?tab=sharing"));
	}

	/** The page to return to travels in a cookie: an address too long for one is not kept, and never a 500. */
	@Test
	void veryLongAddressBeforeTheLoginThenTheLoginFormAndNoCookieForIt() throws Exception {
		HttpVisitor visitor = new HttpVisitor(this.port);
		HttpResponse<String> asked = visitor.get("/images?q=" + "x".repeat(7000));

		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/login"));
		assertThat(visitor.cookies()).doesNotContainKey("REDIRECT_URI");
	}

	/** A return cookie someone tampered with to hold a line break: the login leads to the start page (it was a 500). */
	@Test
	void returnCookieWithALineBreakThenTheLoginLeadsToTheStartPage() throws Exception {
		HttpVisitor visitor = new HttpVisitor(this.port);
		HttpResponse<String> form = visitor.get("/login");
		visitor.cookies().put("REDIRECT_URI", java.util.Base64.getEncoder()
			.encodeToString("/images?\r\nX-Injected: yes".getBytes()));

		HttpResponse<String> loggedIn = visitor.post("/login", login("dave", "demo12345", csrf(form)));

		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(url -> assertThat(url).endsWith("/"));
		assertThat(loggedIn.headers().firstValue("X-Injected")).isEmpty();
	}

	private int sessions() {
		return this.jdbc.sql("select count(*) from spring_session").query(Integer.class).single();
	}

	private static Map<String, String> login(String user, String password, String csrf) {
		return Map.of("username", user, "password", password, "_csrf", csrf);
	}

}

package dev.berth.accounts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.berth.sharing.SharingTestBase;
import dev.berth.testing.DemoTenants;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sessions live in the database, which every node reads: a logout, or ending a user's other
 * sessions (a password change), ends them for every node at once. A session's row is rewritten for
 * its last access at most once a minute.
 */
class UserSessionsTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserSessions sessions;

	@Autowired
	ExpiredSessions expired;

	@Autowired
	DataSource dataSource;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void loginThenTheSessionIsInTheDatabaseAndLogoutRemovesIt() throws Exception {
		Cookie session = login("alice");
		this.mvc.perform(get("/images").cookie(session)).andExpect(status().isOk());
		assertThat(sessionsOf("alice")).isEqualTo(1);

		this.mvc.perform(post("/logout").cookie(session).accept(MediaType.TEXT_HTML).with(csrf()))
			.andExpect(redirectedUrl("/login?logout"));

		assertThat(sessionsOf("alice")).isZero();
		this.mvc.perform(get("/images").cookie(session)).andExpect(redirectedUrl("/login?expired"));
	}

	@Test
	void endOthersThenEveryOtherSessionOfTheUserIsLoggedOut() throws Exception {
		Cookie mine = login("alice");
		Cookie elsewhere = login("alice");
		Cookie carols = login("carol");

		int ended = this.sessions.endOthers("alice", sessionId(mine));

		assertThat(ended).isEqualTo(1);
		this.mvc.perform(get("/images").cookie(mine)).andExpect(status().isOk());
		this.mvc.perform(get("/images").cookie(elsewhere)).andExpect(redirectedUrl("/login?expired"));
		this.mvc.perform(get("/images").cookie(carols)).andExpect(status().isOk());
		this.sessions.endOthers("alice", null);
		this.sessions.endOthers("carol", null);
	}

	@Test
	void sessionExpiredThenTheCleanUpDeletesItOnce() throws Exception {
		Cookie session = login("erin");
		this.jdbc.sql("update spring_session set expiry_time = 0 where principal_name = 'erin'").update();
		this.jdbc.sql("delete from shedlock").update();

		this.expired.cleanUp();

		assertThat(sessionsOf("erin")).isZero();
		assertThat(this.jdbc.sql("select count(*) from shedlock where name = 'expired-sessions'")
			.query(Integer.class)
			.single()).as("the round's lock row").isEqualTo(1);
		this.mvc.perform(get("/images").cookie(session)).andExpect(redirectedUrl("/login?expired"));
	}

	@Test
	void requestsWithinAMinuteThenTheSessionIsNotRewrittenButAnOlderAccessMovesOn() throws Exception {
		Cookie session = login("bob");
		long loggedIn = lastAccess("bob");

		this.mvc.perform(get("/images").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/activity").cookie(session)).andExpect(status().isOk());
		assertThat(lastAccess("bob")).as("no write within the minute").isEqualTo(loggedIn);

		this.jdbc.sql("update spring_session set last_access_time = last_access_time - 120000 where principal_name = 'bob'")
			.update();
		this.mvc.perform(get("/images").cookie(session)).andExpect(status().isOk());
		assertThat(lastAccess("bob")).as("the access of this request, two minutes on").isGreaterThanOrEqualTo(loggedIn);
		this.sessions.endOthers("bob", null);
	}

	/**
	 * Requests of one session that arrive together may add the same attribute to the stored
	 * session, and none of them may fail for it. Here the first pages after a login each add the CSRF
	 * token, which MockMvc's CSRF support keeps in the session (a browser's is a cookie; its
	 * attributes of this kind are flash messages, as of a form sent twice at once).
	 */
	@Test
	void firstPagesAfterLoginAtOnceThenEveryOneIsServed() throws Exception {
		Cookie session = login("dave");
		int pages = 12;
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(pages);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < pages; i++) {
				answers.add(threads.submit(() -> {
					go.await();
					return this.mvc.perform(get("/images").cookie(session)).andReturn().getResponse().getStatus();
				}));
			}
			go.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			threads.shutdownNow();
			this.sessions.endOthers("dave", null);
		}
	}

	/**
	 * A request with the session cookie needs the CSRF token, Basic credentials or not: the session's
	 * user was not asked for the password again, so a wrong one made a token without either (CSRF
	 * was skipped for every request with Basic credentials).
	 */
	@Test
	void sessionRequestWithBasicCredentialsThenStillNeedsTheCsrfToken() throws Exception {
		Cookie session = login("erin");
		try {
			this.mvc.perform(post("/api/v1/tokens").cookie(session)
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("erin:wrong".getBytes(StandardCharsets.UTF_8)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"ci\",\"expiry\":\"30\"}"))
				.andExpect(status().isForbidden());

			assertThat(this.jdbc.sql("select count(*) from access_token where name = 'ci' and user_id = (select id from app_user where username = 'erin')")
				.query(Integer.class)
				.single()).isZero();
		}
		finally {
			this.sessions.endOthers("erin", null);
		}
	}

	/**
	 * A change that ends sessions (here an operator disabling the account of a user who is logged
	 * in) needs one database connection at a time, so it is answered on a pool of one. Before,
	 * the sessions were ended on a second connection, and as many such requests at once as the pool
	 * had connections each held one and waited for another until the pool gave up: 503.
	 */
	@Test
	void disableAnAccountOnAPoolOfOneConnectionThenDoneAndItsUsersSessionsEnded() throws Throwable {
		Cookie carols = login("carol");
		try {
			onOneConnection(() -> this.mvc
				.perform(post("/administration/accounts/globex/disable").with(csrf())
					.with(loggedInAs("admin"))
					.param("confirm", "true"))
				.andExpect(redirectedUrl("/administration/accounts/globex")));

			this.mvc.perform(get("/images").cookie(carols)).andExpect(redirectedUrl("/login?expired"));
			assertThat(sessionsOf("carol")).isZero();
		}
		finally {
			DemoTenants.restore(this.jdbc);
			this.sessions.endOthers("carol", null);
		}
	}

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	UserDetailsService users;

	@Autowired
	ObjectProvider<UserSessions> sessionsProvider;

	/**
	 * A login that checked the user just before an administrator disabled it saves its session after
	 * the disable's sweep of the user's sessions: a second sweep after the commit ends it.
	 */
	@Test
	void endOthersInATransactionThenASessionSavedBeforeTheCommitEndsToo() throws Exception {
		ExecutorService login = Executors.newSingleThreadExecutor();
		try {
			List<Cookie> raced = new ArrayList<>();
			new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
				this.sessions.endOthers("erin", null);
				try {
					raced.add(login.submit(() -> login("erin")).get(30, TimeUnit.SECONDS));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			this.mvc.perform(get("/images").cookie(raced.get(0))).andExpect(redirectedUrl("/login?expired"));
		}
		finally {
			login.shutdown();
			this.sessions.endOthers("erin", null);
		}
	}

	/** A login says which user and session it saved, for the check after the save (RacedLogins). */
	@Test
	void loginThenItsUserAndSessionAreNamedForTheCheckAfterTheSave() throws Exception {
		try {
			Object loggedIn = this.mvc
				.perform(post("/login").param("username", "erin").param("password", "demo12345").with(csrf()))
				.andExpect(redirectedUrl("/"))
				.andReturn()
				.getRequest()
				.getAttribute(RacedLogins.LOGGED_IN);
			assertThat(loggedIn).isInstanceOfSatisfying(RacedLogins.LoggedIn.class,
					(login) -> assertThat(login.username()).isEqualTo("erin"));
		}
		finally {
			this.sessions.endOthers("erin", null);
		}
	}

	/**
	 * A login whose user is disabled after the login checked it and after the disable's sweeps, just
	 * before the login's session is saved: the session ends once it is saved (it stayed open, for
	 * pages and for creating tokens).
	 */
	@Test
	void loginWhoseUserIsDisabledBeforeItsSessionIsSavedThenTheSessionEnds() throws Exception {
		try {
			Cookie raced = racedLogin("erin",
					() -> this.jdbc.sql("update app_user set disabled_at = created_at where username = 'erin'").update());
			assertThat(sessionsOf("erin")).isZero();
			this.mvc.perform(get("/images").cookie(raced)).andExpect(redirectedUrl("/login?expired"));
		}
		finally {
			this.jdbc.sql("update app_user set disabled_at = null where username = 'erin'").update();
			this.sessions.endOthers("erin", null);
		}
	}

	/**
	 * A login with the old password whose user's password is reset while it runs (after the login read
	 * the old hash, before its session is saved): the session ends once it is saved. It stayed open,
	 * and could create an access token that outlives the reset.
	 */
	@Test
	void loginWhosePasswordIsResetBeforeItsSessionIsSavedThenTheSessionEnds() throws Exception {
		String before = passwordOf("erin");
		try {
			Cookie raced = racedLogin("erin", () -> this.jdbc.sql("update app_user set password = :password where username = 'erin'")
				.param("password", this.passwords.encode("another password of erin"))
				.update());
			assertThat(sessionsOf("erin")).isZero();
			this.mvc.perform(get("/images").cookie(raced)).andExpect(redirectedUrl("/login?expired"));
		}
		finally {
			this.jdbc.sql("update app_user set password = :password where username = 'erin'").param("password", before).update();
			this.sessions.endOthers("erin", null);
		}
	}

	/** The same check after a login whose user nothing changed keeps its session. */
	@Test
	void loginWhoseUserIsUnchangedThenTheSessionStays() throws Exception {
		try {
			Cookie login = racedLogin("erin", () -> {
			});
			assertThat(sessionsOf("erin")).isEqualTo(1);
			this.mvc.perform(get("/images").cookie(login)).andExpect(status().isOk());
		}
		finally {
			this.sessions.endOthers("erin", null);
		}
	}

	/**
	 * Logs in with the demo password inside the check that runs after a login's session is saved, and
	 * makes {@code change} between the login and that check.
	 */
	private Cookie racedLogin(String username, Runnable change) throws Exception {
		List<Cookie> raced = new ArrayList<>();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
		request.setServletPath("/login");
		request.setParameter("password", "demo12345");
		new RacedLogins(this.users, this.passwords, this.sessionsProvider).doFilter(request,
				new MockHttpServletResponse(), (req, res) -> {
					try {
						raced.add(login(username));
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					change.run();
					req.setAttribute(RacedLogins.LOGGED_IN,
							new RacedLogins.LoggedIn(username, sessionId(raced.get(0))));
				});
		return raced.get(0);
	}

	private String passwordOf(String username) {
		return this.jdbc.sql("select password from app_user where username = :name")
			.param("name", username)
			.query(String.class)
			.single();
	}

	/** Runs {@code work} with the connection pool shrunk to one connection. */
	private void onOneConnection(Executable work) throws Throwable {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		HikariConfigMXBean config = pool.getHikariConfigMXBean();
		int size = config.getMaximumPoolSize();
		config.setMaximumPoolSize(1);
		pool.getHikariPoolMXBean().softEvictConnections();
		try {
			work.execute();
		}
		finally {
			config.setMaximumPoolSize(size);
		}
	}

	private long lastAccess(String username) {
		return this.jdbc.sql("select last_access_time from spring_session where principal_name = :name")
			.param("name", username)
			.query(Long.class)
			.single();
	}

	private Cookie login(String username) throws Exception {
		Cookie cookie = this.mvc
			.perform(post("/login").param("username", username).param("password", "demo12345").with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(cookie).as("the session cookie").isNotNull();
		return cookie;
	}

	private int sessionsOf(String username) {
		return this.jdbc.sql("select count(*) from spring_session where principal_name = :name")
			.param("name", username)
			.query(Integer.class)
			.single();
	}

	/** Spring Session's cookie carries the session id in Base64. */
	private static String sessionId(Cookie cookie) {
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

}

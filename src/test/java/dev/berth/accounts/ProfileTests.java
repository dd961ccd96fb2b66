package dev.berth.accounts;

import dev.berth.sharing.SharingTestBase;
import dev.berth.testing.DemoTenants;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Profile: a user changes their own password with the current one; the new one follows the rules;
 * a wrong current password counts as a failed login. A password set by someone else must be
 * changed first.
 */
class ProfileTests extends SharingTestBase {

	static final String START = "pat's first password";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAdministration users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	LoginThrottle throttle;

	@AfterEach
	void restore() {
		DemoTenants.restore(this.jdbc);
		this.throttle.clear();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			current  | wrong current password | a good new password  | a good new password  | This is not your current password.
			password | pat's first password   | 123qweasdzxc         | 123qweasdzxc         | This password is one of the 10,000 most common passwords.
			password | pat's first password   | pat's first password | pat's first password | Choose a password different from the current one.
			password | pat's first password   | pat-of-acme          | pat-of-acme          | Use at least 12 characters.
			confirm  | pat's first password   | a good new password  | a good new pass      | The two passwords differ.
			""")
	void changeWhenBadInputThenMessageNextToTheFieldAndThePasswordKept(String field, String current, String password,
			String confirm, String message) throws Exception {
		pat();
		this.mvc.perform(post("/profile/password").with(csrf())
			.with(loggedInAs("pat"))
			.param("current", current)
			.param("password", password)
			.param("confirm", confirm))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"" + field + "-error\"")))
			// The field says it is in error and which message describes it (for a screen reader).
			.andExpect(content().string(matchesPattern("(?s).*id=\"" + field
					+ "\" name=\"" + field + "\"[^>]*aria-invalid=\"true\" aria-describedby=\"" + field + "-error.*")))
			.andExpect(content().string(containsString(message)));
		assertThat(this.passwordEncoder.matches(START, hash("pat"))).isTrue();
	}

	@Test
	void changeWhenTheCurrentPasswordIsWrongThenAFailedLoginOnRecord() throws Exception {
		pat();
		this.mvc.perform(post("/profile/password").with(csrf())
			.with(loggedInAs("pat"))
			.param("current", "a guess")
			.param("password", "a good new password")
			.param("confirm", "a good new password"));

		assertThat(auditActions()).containsExactly("USER_CREATED", "LOGIN_FAILED");
		assertThat(auditDetails()).last().asString().startsWith("Wrong current password");
	}

	@Test
	void firstChangeThenEverythingElseOpensAndTheOldPasswordIsGone() throws Exception {
		pat();
		this.mvc.perform(get("/organizations").with(loggedInAs("pat"))).andExpect(redirectedUrl("/profile"));
		this.mvc.perform(get("/profile").with(loggedInAs("pat")))
			.andExpect(content().string(containsString("Choose a new password before you continue")));

		RequestPostProcessor browser = logIn("pat", START);
		this.mvc.perform(post("/profile/password").with(csrf())
			.with(browser)
			.param("current", START)
			.param("password", "a good new password")
			.param("confirm", "a good new password")).andExpect(redirectedUrl("/"));
		this.mvc.perform(get("/").with(browser)).andExpect(redirectedUrl("/images"));
		this.mvc.perform(get("/images").with(browser))
			.andExpect(content().string(containsString("Your password was changed.")));

		this.mvc.perform(get("/organizations").with(loggedInAs("pat"))).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("pat", START))).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("pat", "a good new password")))
			.andExpect(status().isOk());
		assertThat(auditActions()).containsExactly("USER_CREATED", "PASSWORD_CHANGED", "LOGIN_FAILED");
	}

	@Test
	void changeThenTheUsersOtherSessionsEndAndThisOneGoesOn() throws Exception {
		pat();
		RequestPostProcessor laptop = logIn("pat", START);
		RequestPostProcessor phone = logIn("pat", START);

		this.mvc.perform(post("/profile/password").with(laptop)
			.with(csrf())
			.param("current", START)
			.param("password", "a good new password")
			.param("confirm", "a good new password")).andExpect(redirectedUrl("/"));

		this.mvc.perform(get("/organizations").with(laptop)).andExpect(status().isOk());
		this.mvc.perform(get("/organizations").with(phone)).andExpect(redirectedUrl("/login?expired"));
		this.mvc.perform(get("/login").param("expired", ""))
			.andExpect(content().string(containsString("Your session ended")));
	}

	/**
	 * A form login as a browser does it; returns what the browser sends with its next requests:
	 * the session (the servlet container's) and the cookies (a session kept elsewhere).
	 */
	private RequestPostProcessor logIn(String username, String password) throws Exception {
		MvcResult result = this.mvc.perform(formLogin().user(username).password(password))
			.andExpect(redirectedUrl("/profile"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		Cookie[] cookies = result.getResponse().getCookies();
		return request -> {
			request.setSession(session);
			if (cookies.length > 0) {
				request.setCookies(cookies);
			}
			return request;
		};
	}

	/**
	 * An administrator sets a new password for pat while pat changes it from the old one: pat's
	 * change, checked against a password that is gone, saves nothing (it replaced the
	 * administrator's, with only the old password known).
	 */
	@Test
	void changeWhenAnAdministratorSetANewPasswordMeanwhileThenNothingSaved() {
		pat();
		BerthUser pat = user("pat");
		this.jdbc.sql("update app_user set password = :hash where username = 'pat'")
			.param("hash", this.passwordEncoder.encode("the administrator's choice"))
			.update();

		assertThat(this.users.changeOwnPassword(pat, START, "a good new password", null)).isFalse();
		assertThat(this.passwordEncoder.matches("the administrator's choice", hash("pat"))).isTrue();
	}

	/** pat: a user of acme whose password alice set. */
	private void pat() {
		this.users.create(user("alice"), "pat", START, false);
	}

	private String hash(String username) {
		return this.jdbc.sql("select password from app_user where username = :name")
			.param("name", username)
			.query(String.class)
			.single();
	}

}

package dev.berth.accounts;

import dev.berth.sharing.SharingTestBase;
import dev.berth.testing.DemoTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Users: an account administrator creates, resets, disables, enables and deletes the users of their
 * account; bad input is a message next to the field with nothing saved; anybody else is refused
 * (403) on record; the last administrator stays.
 */
class UserManagementTests extends SharingTestBase {

	static final String PASSWORD = "frank's first password";

	@Autowired
	MockMvc mvc;

	@Autowired
	LoginThrottle throttle;

	@Autowired
	UserAdministration users;

	/** A user is not created in an account an operator deleted meanwhile (its users went with it). */
	@Test
	void createWhenTheAccountWasDeletedMeanwhileThenNotFoundAndNoneCreated() {
		this.jdbc.sql("update account set deleted_at = created_at where name = 'acme'").update();
		assertThat(catchThrowableOfType(dev.berth.support.NotFoundException.class,
				() -> this.users.create(user("alice"), "late", "a long enough password", false))).isNotNull();
		assertThat(this.users.usernameTaken("late")).isFalse();
	}

	@AfterEach
	void restore() {
		DemoTenants.restore(this.jdbc);
		this.throttle.clear();
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			username | bob            | The user name bob is already taken.
			username | Frank          | Use only lowercase letters (a–z), digits (0–9) and the separators . _ -
			username | ''             | Enter a user name.
			password | 1q2w3e4r5t6y   | This password is one of the 10,000 most common passwords.
			password | frank          | Use at least 12 characters.
			confirm  | another one    | The two passwords differ.
			username | 'frrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr' | Use at most 64 characters.
			password | 'long enough long enough long enough long enough long enough long enough long enough long enough long enough long enough and then some' | Use at most 128 characters.
			""")
	void createWhenBadInputThenMessageNextToTheFieldAndNothingSaved(String field, String value, String message)
			throws Exception {
		java.util.Map<String, String> form = new java.util.LinkedHashMap<>(
				java.util.Map.of("username", "frank", "password", PASSWORD, "confirm", PASSWORD));
		form.put(field, value);
		if (field.equals("password")) {
			form.put("confirm", value);
		}
		MockHttpServletRequestBuilder request = post("/account/users").with(csrf()).with(loggedInAs("alice"));
		form.forEach(request::param);
		this.mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"" + field + "-error\"")))
			.andExpect(content().string(containsString(message)));
		assertThat(userCount("frank")).isZero();
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void createThenFrankMustChangeThePasswordBeforeAnythingElse() throws Exception {
		this.mvc.perform(createFrank()).andExpect(redirectedUrl("/account/users"));

		this.mvc.perform(formLogin().user("frank").password(PASSWORD)).andExpect(redirectedUrl("/profile"));
		this.mvc.perform(get("/images").with(loggedInAs("frank"))).andExpect(redirectedUrl("/profile"));
		// a page takes no Basic credentials: a password the browser remembers for the API changes nothing
		this.mvc.perform(get("/images").with(loggedInAs("frank")).with(httpBasic("frank", PASSWORD)))
			.andExpect(redirectedUrl("/profile"));
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("frank", PASSWORD)))
			.andExpect(status().isUnauthorized());
		// docker login learns nothing from it: the registry's 401, as for a wrong password
		for (String password : new String[] { PASSWORD, "not frank's password" }) {
			this.mvc.perform(get("/v2/token").param("service", "berth-registry").with(httpBasic("frank", password)))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentType("application/json"))
				.andExpect(content().json(AccessTokenTests.REGISTRY_401, JsonCompareMode.STRICT));
		}
		this.mvc.perform(get("/account/users").with(loggedInAs("alice")))
			.andExpect(content().string(containsString("data-user=\"frank\"")))
			.andExpect(content().string(containsString("Must change password")));
		assertThat(auditActions()).containsExactly("USER_CREATED", "LOGIN_FAILED"); // the wrong password
	}

	/** The record says in words what was tried, and on whom ({@code %s}: alice's id). */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			GET /account/users                 | Refused, for administrators only: opened the Users page
			POST /account/users                | Refused, for administrators only: tried to create a user
			GET /account/users/%s/reset        | Refused, for administrators only: tried to reset the password of alice
			POST /account/users/%s/disable     | Refused, for administrators only: tried to disable alice
			POST /account/users/999999/delete  | Refused, for administrators only: tried to delete user 999999
			GET /account/tokens                | Refused, for administrators only: opened the access tokens of the account
			POST /account/tokens/policy        | Refused, for administrators only: tried to change whether tokens may have no expiry
			""")
	void aUserWhoIsNoAdministratorThenRefusedOnRecord(String request, String recorded) throws Exception {
		String[] parts = request.formatted(userId("alice")).split(" ");
		MockHttpServletRequestBuilder builder = parts[0].equals("GET") ? get(parts[1])
				: post(parts[1]).with(csrf()).param("username", "frank").param("password", PASSWORD)
					.param("confirm", PASSWORD).param("withoutExpiry", "true");
		this.mvc.perform(builder.with(loggedInAs("bob")))
			.andExpect(status().isForbidden())
			.andExpect(result -> assertThat(
					((org.springframework.web.ErrorResponseException) result.getResolvedException()).getDetailMessageCode())
				.as("the page's text").isEqualTo(parts[1].contains("tokens") ? "tokens.forbidden" : "users.forbidden"));

		assertThat(userCount("frank")).isZero();
		assertThat(this.jdbc.sql("select disabled_at is null from app_user where username = 'alice'")
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(auditActions()).containsExactly("USER_MANAGEMENT_REFUSED");
		assertThat(this.jdbc.sql("select actor, detail from audit_event").query((rs, n) -> rs.getString(1) + ": " + rs.getString(2)).single())
			.isEqualTo("bob: " + recorded);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /account/users/%d/reset", "POST /account/users/%d/reset", "POST /account/users/%d/disable",
			"POST /account/users/%d/enable", "POST /account/users/%d/delete" })
	void aUserOfAnotherAccountThenNotFoundAndNothingChanged(String request) throws Exception {
		String[] parts = request.formatted(userId("carol")).split(" ");
		MockHttpServletRequestBuilder builder = parts[0].equals("GET") ? get(parts[1])
				: post(parts[1]).with(csrf()).param("password", PASSWORD).param("confirm", PASSWORD);
		this.mvc.perform(builder.with(loggedInAs("alice"))).andExpect(status().isNotFound());

		assertThat(userCount("carol")).isOne();
		assertThat(this.jdbc.sql("select disabled_at is null and not password_change_required from app_user where username = 'carol'")
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void theLastAdministratorThenNeitherDisabledNorDeleted() throws Exception {
		long alice = userId("alice");
		this.mvc.perform(post("/account/users/" + alice + "/disable").with(csrf()).with(loggedInAs("alice")))
			.andExpect(redirectedUrl("/account/users"));
		this.mvc.perform(post("/account/users/" + alice + "/delete").with(csrf())
			.with(loggedInAs("alice"))
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("alice is the last active administrator")));

		assertThat(this.jdbc.sql("select disabled_at is null from app_user where username = 'alice'")
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(userCount("alice")).isOne();
	}

	@Test
	void resetThenTheOldPasswordStopsAndTheNewOneMustBeChanged() throws Exception {
		this.mvc.perform(createFrank());
		long frank = userId("frank");
		changePassword("frank", PASSWORD, "frank's own password");
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("frank", "frank's own password")))
			.andExpect(status().isOk());

		this.mvc.perform(post("/account/users/" + frank + "/reset").with(csrf())
			.with(loggedInAs("alice"))
			.param("password", "a temporary one for frank")
			.param("confirm", "a temporary one for frank")).andExpect(redirectedUrl("/account/users"));

		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("frank", "frank's own password")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(formLogin().user("frank").password("a temporary one for frank"))
			.andExpect(redirectedUrl("/profile"));
	}

	/** Checked again under the account's lock: a reset that lost the race to a deletion or a demotion changes nothing. */
	@Test
	void resetWhenTheUserWasDeletedOrIsNoAdministratorAnyMoreThenNothingChanges() throws Exception {
		this.mvc.perform(createFrank());
		long frank = userId("frank");
		AccountUser read = this.users.user(accountId("acme"), frank).orElseThrow();
		String stored = storedPassword("frank");

		assertThat(this.users.resetPassword(user("alice"), read, "a new one for frank", true, true))
			.as("the operator's reset: administrators only").isEmpty();
		assertThat(storedPassword("frank")).isEqualTo(stored);
		this.mvc.perform(post("/account/users/" + frank + "/delete").with(csrf()).with(loggedInAs("alice")));
		assertThat(this.users.resetPassword(user("alice"), read, "a new one for frank", false, true)).isEmpty();

		assertThat(auditActions()).doesNotContain("USER_PASSWORD_RESET");
	}

	/** An administrator's own password is not reset without the current one: the profile asks for it. */
	@Test
	void resetOfTheirOwnPasswordThenSentToTheProfileAndNothingChanged() throws Exception {
		long alice = userId("alice");
		String stored = storedPassword("alice");
		this.mvc.perform(get("/account/users/" + alice + "/reset").with(loggedInAs("alice")))
			.andExpect(redirectedUrl("/profile"));
		this.mvc.perform(post("/account/users/" + alice + "/reset").with(csrf())
			.with(loggedInAs("alice"))
			.param("password", "chosen at an unattended desk")
			.param("confirm", "chosen at an unattended desk"))
			.andExpect(redirectedUrl("/profile"))
			.andExpect(flash().attribute("flashError", containsString("asks for your current one")));

		assertThat(storedPassword("alice")).isEqualTo(stored);
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("alice", "chosen at an unattended desk")))
			.andExpect(status().isUnauthorized());
	}

	private String storedPassword(String username) {
		return this.jdbc.sql("select password from app_user where username = :name")
			.param("name", username)
			.query(String.class)
			.single();
	}

	@Test
	void disableThenNoLoginNoApiAndEnableThenBoth() throws Exception {
		this.mvc.perform(createFrank());
		long frank = userId("frank");
		changePassword("frank", PASSWORD, "frank's own password");

		this.mvc.perform(post("/account/users/" + frank + "/disable").with(csrf())
			.with(loggedInAs("alice"))
			.header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Disabled frank")));
		this.mvc.perform(formLogin().user("frank").password("frank's own password"))
			.andExpect(redirectedUrl("/login?disabled=user"));
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("frank", "frank's own password")))
			.andExpect(status().isUnauthorized());

		this.mvc.perform(post("/account/users/" + frank + "/enable").with(csrf()).with(loggedInAs("alice")))
			.andExpect(redirectedUrl("/account/users"));
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("frank", "frank's own password")))
			.andExpect(status().isOk());
	}

	/** Enabling an active user, or disabling a disabled one (another tab did it first): said so, and no event. */
	@Test
	void enableWhenActiveOrDisableWhenDisabledThenSaidSoAndNotAudited() throws Exception {
		this.mvc.perform(createFrank());
		long frank = userId("frank");
		this.mvc.perform(post("/account/users/" + frank + "/enable").with(csrf()).with(loggedInAs("alice")))
			.andExpect(flash().attribute("message", "frank is active already: nothing was changed."));
		this.mvc.perform(post("/account/users/" + frank + "/disable").with(csrf()).with(loggedInAs("alice")));
		this.mvc.perform(post("/account/users/" + frank + "/disable").with(csrf()).with(loggedInAs("alice")))
			.andExpect(flash().attribute("message", "frank is disabled already: nothing was changed."));

		assertThat(auditActions()).containsOnlyOnce("USER_DISABLED").doesNotContain("USER_ENABLED");
	}

	@Test
	void deleteThenTheUserAndTheirGrantsGoAndTheAuditKeepsTheName() throws Exception {
		this.mvc.perform(createFrank());
		long frank = userId("frank");
		this.mvc.perform(post("/organizations/acme-apps/members").with(csrf())
			.with(loggedInAs("alice"))
			.param("user", String.valueOf(frank))
			.param("permission", "READ"));
		assertThat(grants(frank)).isOne();

		this.mvc.perform(post("/account/users/" + frank + "/delete").with(csrf()).with(loggedInAs("alice")))
			.andExpect(redirectedUrl("/account/users"));

		assertThat(userCount("frank")).isZero();
		assertThat(grants(frank)).isZero();
		assertThat(auditActions()).containsExactly("USER_CREATED", "PERMISSION_GRANTED", "USER_DELETED");
		assertThat(auditDetails()).last().isEqualTo("User frank, with their permissions");
		this.mvc.perform(get("/organizations/acme-apps").with(loggedInAs("alice")))
			.andExpect(content().string(not(containsString("data-user=\"frank\""))));
	}

	private void changePassword(String user, String current, String next) throws Exception {
		this.mvc.perform(post("/profile/password").with(csrf())
			.with(loggedInAs(user))
			.param("current", current)
			.param("password", next)
			.param("confirm", next)).andExpect(status().is3xxRedirection());
	}

	private MockHttpServletRequestBuilder createFrank() {
		return post("/account/users").with(csrf())
			.with(loggedInAs("alice"))
			.param("username", "frank")
			.param("password", PASSWORD)
			.param("confirm", PASSWORD);
	}

	/** A value of the wrong type (only a forged form sends one) beside a rule the form breaks: the form again with its message, a 400, nothing saved (it was a 500). */
	@Test
	void createWhenAdministratorIsNoYesOrNoAndTheNameIsTakenThenTheFormAgainAndNothingSaved() throws Exception {
		this.mvc.perform(post("/account/users").with(csrf())
			.with(loggedInAs("alice"))
			.param("username", "bob")
			.param("password", PASSWORD)
			.param("confirm", PASSWORD)
			.param("administrator", "maybe"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("The user name bob is already taken.")))
			.andExpect(content().string(containsString("id=\"administrator-error\">This box is either ticked or not.")));
		assertThat(userCount("bob")).isEqualTo(1);
		assertThat(auditActions()).isEmpty();
	}

	private int userCount(String username) {
		return this.jdbc.sql("select count(*) from app_user where username = :name")
			.param("name", username)
			.query(Integer.class)
			.single();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :name")
			.param("name", username)
			.query(Long.class)
			.single();
	}

	private int grants(long userId) {
		return this.jdbc.sql("select (select count(*) from organization_grant where user_id = :id)"
				+ " + (select count(*) from image_grant where user_id = :id)")
			.param("id", userId)
			.query(Integer.class)
			.single();
	}

}

package dev.berth.administration;

import java.util.List;

import dev.berth.sharing.SharingTestBase;
import dev.berth.testing.DemoTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operator's Administration › Accounts: bad input is a message next to the field with nothing
 * saved and nothing audited; an account is created with its first administrator in one step,
 * disabled and enabled after a confirmation, and deleted only when it is empty.
 */
class AccountsAdministrationTests extends SharingTestBase {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	MockMvc mvc;

	@AfterEach
	void restore() {
		DemoTenants.restore(this.jdbc);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			name          | Hooli                | Use only lowercase letters (a–z), digits (0–9) and the separators . _ -
			name          | acme                 | An account named acme exists already.
			name          | 'a..b'               | Do not put two separators (. _ -) in a row.
			name          | ''                   | Enter a name.
			name          | 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | Use at most 64 characters.
			region        | mars                 | There is no region mars in this installation.
			region        | ''                   | Choose a region.
			administrator | alice                | The user name alice is already taken.
			administrator | 'Heidi'              | Use only lowercase letters (a–z), digits (0–9) and the separators . _ -
			password      | short                | Use at least 12 characters.
			password      | qwerty123456         | This password is one of the 10,000 most common passwords.
			password      | heidi-of-hooli       | Do not use the user name as the password.
			confirm       | something else       | The two passwords differ.
			""")
	void createWhenBadInputThenMessageNextToTheFieldNothingSavedNothingAudited(String field, String value,
			String message) throws Exception {
		java.util.Map<String, String> form = new java.util.LinkedHashMap<>(java.util.Map.of("name", "hooli", "region",
				"eu-west-1", "administrator", "heidi-of-hooli", "password", PASSWORD, "confirm", PASSWORD));
		form.put(field, value);
		if (field.equals("password")) {
			form.put("confirm", value);
		}
		MockHttpServletRequestBuilder request = post("/administration/accounts").with(csrf()).with(loggedInAs("admin"));
		form.forEach(request::param);
		this.mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"" + field + "-error\"")))
			.andExpect(content().string(containsString(message)))
			.andExpect(content().string(not(containsString(PASSWORD))));
		assertThat(accountNames()).containsExactlyInAnyOrder("acme", "globex", "initech", "umbrella");
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void createThenTheAccountAndItsAdministratorWhoMustChangeThePasswordAtFirstLogin() throws Exception {
		this.mvc.perform(createHooli()).andExpect(redirectedUrl("/administration/accounts/hooli"));

		assertThat(this.jdbc.sql("select region from account where name = 'hooli'").query(String.class).single())
			.isEqualTo("eu-west-1");
		assertThat(this.jdbc.sql("""
				select u.administrator and u.password_change_required from app_user u join account a on a.id = u.account_id
				where u.username = 'heidi' and a.name = 'hooli'
				""").query(Boolean.class).single()).isTrue();
		assertThat(auditActions()).containsExactly("ACCOUNT_CREATED", "USER_CREATED");
		this.mvc.perform(formLogin().user("heidi").password(PASSWORD)).andExpect(redirectedUrl("/profile"));
		this.mvc.perform(get("/administration/accounts?q=hoo").with(loggedInAs("admin")))
			.andExpect(content().string(allOf(containsString("data-account=\"hooli\""),
					not(containsString("data-account=\"acme\"")))));
	}

	@Test
	void disableWhenNotConfirmedThenMessageAndNothingChanged() throws Exception {
		this.mvc.perform(post("/administration/accounts/globex/disable").with(csrf()).with(loggedInAs("admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Tick the box to confirm.")));

		assertThat(disabled("globex")).isFalse();
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void disableThenItsUsersCannotLogInUntilEnabled() throws Exception {
		this.mvc.perform(post("/administration/accounts/globex/disable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true")).andExpect(redirectedUrl("/administration/accounts/globex"));
		this.mvc.perform(formLogin().user("carol").password("demo12345"))
			.andExpect(redirectedUrl("/login?disabled=account"));
		this.mvc.perform(get("/api/v1/shared-with-me").with(httpBasic("carol"))).andExpect(status().isUnauthorized());

		this.mvc.perform(post("/administration/accounts/globex/enable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true")).andExpect(redirectedUrl("/administration/accounts/globex"));
		this.mvc.perform(formLogin().user("carol").password("demo12345")).andExpect(redirectedUrl("/"));
		assertThat(auditActions()).containsExactly("ACCOUNT_DISABLED", "LOGIN_FAILED", "LOGIN_FAILED",
				"ACCOUNT_ENABLED");
	}

	@Test
	void deleteWhenTheAccountOwnsOrganizationsThenRefusedSayingWhich() throws Exception {
		this.mvc.perform(post("/administration/accounts/acme/delete").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirmName", "acme"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("It owns 2 organizations: acme-apps, acme-public.")));

		assertThat(accountNames()).contains("acme");
	}

	@Test
	void deleteWhenEmptyAndNameTypedThenGoneWithItsUsersAndItsNameNotGivenAgain() throws Exception {
		this.mvc.perform(createHooli());
		this.mvc.perform(post("/administration/accounts/hooli/delete").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirmName", "hoo"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Type the account name hooli exactly to confirm.")));
		this.mvc.perform(post("/administration/accounts/hooli/delete").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirmName", "hooli")).andExpect(redirectedUrl("/administration/accounts"));

		assertThat(accountNames()).doesNotContain("hooli");
		assertThat(this.jdbc.sql("select count(*) from app_user where username = 'heidi'").query(Integer.class).single())
			.isZero();
		this.mvc.perform(get("/administration/accounts/hooli").with(loggedInAs("admin"))).andExpect(status().isNotFound());
		this.mvc.perform(createHooli())
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("belonged to an account that was deleted")));
	}

	@Test
	void activityThenEveryAccountsEventsAndFilteredByAccountAndKind() throws Exception {
		this.mvc.perform(createHooli());
		this.mvc.perform(formLogin().user("bob").password("wrong password"));

		this.mvc.perform(get("/administration/activity").with(loggedInAs("admin")))
			.andExpect(content().string(allOf(containsString("data-action=\"ACCOUNT_CREATED\""),
					containsString("data-action=\"LOGIN_FAILED\""))));
		this.mvc.perform(get("/administration/activity?account=hooli").with(loggedInAs("admin")))
			.andExpect(content().string(allOf(containsString("data-action=\"ACCOUNT_CREATED\""),
					not(containsString("data-action=\"LOGIN_FAILED\"")))));
		this.mvc.perform(get("/administration/activity?kind=logins").with(loggedInAs("admin")))
			.andExpect(content().string(allOf(containsString("Wrong user name or password, from 127.0.0.1"),
					not(containsString("data-action=\"ACCOUNT_CREATED\"")), not(containsString("wrong password")))));
	}

	private MockHttpServletRequestBuilder createHooli() {
		return post("/administration/accounts").with(csrf())
			.with(loggedInAs("admin"))
			.param("name", "hooli")
			.param("region", "eu-west-1")
			.param("administrator", "heidi")
			.param("password", PASSWORD)
			.param("confirm", PASSWORD);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor httpBasic(String user) {
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.httpBasic(user, "demo12345");
	}

	private boolean disabled(String account) {
		return this.jdbc.sql("select disabled_at is not null from account where name = :name")
			.param("name", account)
			.query(Boolean.class)
			.single();
	}

	private List<String> accountNames() {
		return this.jdbc.sql("select name from account where deleted_at is null").query(String.class).list();
	}

}

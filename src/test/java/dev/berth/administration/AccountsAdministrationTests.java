package dev.berth.administration;

import java.time.LocalDate;
import java.util.List;

import dev.berth.sharing.ShareForm;
import dev.berth.sharing.ShareService;
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

	@Autowired
	ShareService shares;

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
			administrator | 'heeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' | Use at most 64 characters.
			password      | 'long enough long enough long enough long enough long enough long enough long enough long enough long enough long enough and then some' | Use at most 128 characters.
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

	/** An account whose only administrator forgot the password: the operator gives a new one, to be changed at login. */
	@Test
	void resetByTheOperatorThenTheAdministratorLogsInWithTheNewPasswordAndMustChangeIt() throws Exception {
		this.mvc.perform(createHooli()).andExpect(redirectedUrl("/administration/accounts/hooli"));
		this.mvc.perform(post("/profile/password").with(csrf()).with(loggedInAs("heidi"))
			.param("current", PASSWORD).param("password", "heidi's own passphrase").param("confirm", "heidi's own passphrase"));
		long heidi = this.jdbc.sql("select id from app_user where username = 'heidi'").query(Long.class).single();
		String reset = "/administration/accounts/hooli/users/" + heidi + "/reset";
		this.mvc.perform(get("/administration/accounts/hooli").with(loggedInAs("admin")))
			.andExpect(content().string(containsString("href=\"" + reset + "\"")));

		this.mvc.perform(post(reset).with(csrf()).with(loggedInAs("admin")).param("password", "heidi").param("confirm", "heidi"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Use at least 12 characters.")));
		this.mvc.perform(post(reset).with(csrf()).with(loggedInAs("admin")).param("password", "a new one for heidi")
			.param("confirm", "a new one for heidi"))
			.andExpect(redirectedUrl("/administration/accounts/hooli"));

		this.mvc.perform(formLogin().user("heidi").password("a new one for heidi")).andExpect(redirectedUrl("/profile"));
		assertThat(auditActions()).endsWith("USER_PASSWORD_RESET");
	}

	@Test
	void resetByTheOperatorWhenTheUserIsNoAdministratorOrTheAskerNoOperatorThenNoSuchPage() throws Exception {
		long bob = this.jdbc.sql("select id from app_user where username = 'bob'").query(Long.class).single();
		long alice = this.jdbc.sql("select id from app_user where username = 'alice'").query(Long.class).single();
		this.mvc.perform(get("/administration/accounts/acme/users/" + bob + "/reset").with(loggedInAs("admin")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/administration/accounts/globex/users/" + alice + "/reset").with(loggedInAs("admin")))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/administration/accounts/acme/users/" + alice + "/reset").with(csrf())
			.with(loggedInAs("carol")).param("password", "a new one for alice").param("confirm", "a new one for alice"))
			.andExpect(status().isNotFound());
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void disableWhenNotConfirmedThenMessageAndNothingChanged() throws Exception {
		this.mvc.perform(post("/administration/accounts/globex/disable").with(csrf()).with(loggedInAs("admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Tick the box to confirm.")));

		assertThat(disabled("globex")).isFalse();
		assertThat(auditActions()).isEmpty();
	}

	/** Only a forged form sends a box's value that is neither yes nor no: the message is next to that box. */
	@Test
	void disableWhenSuspendSharesIsNoYesOrNoThenItsMessageAndNothingChanged() throws Exception {
		share("acme-apps/nginx", "globex");
		this.mvc.perform(post("/administration/accounts/acme/disable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true")
			.param("suspendShares", "maybe"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"suspendShares-error\">This box is either ticked or not.")));

		assertThat(disabled("acme")).isFalse();
		this.mvc.perform(post("/administration/accounts/globex/disable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true")
			.param("suspendShares", "maybe"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"suspendShares-error\">This box is either ticked or not.")));
		assertThat(disabled("globex")).as("an account that gives no shares, where the box is not shown").isFalse();
		assertThat(auditActions()).doesNotContain("ACCOUNT_DISABLED");
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

	@Autowired
	dev.berth.accounts.AccountAdministration accounts;

	/**
	 * Two operators disable (then enable) one account at once, both from the account as they read
	 * it: the second changes nothing and records nothing, and its page says the account was disabled
	 * already (an account was recorded as disabled twice, its suspension of shares overwritten).
	 */
	@Test
	void disableOrEnableWhenAnotherOperatorWasFirstThenDoneOnceAndRecordedOnce() throws Exception {
		var globex = this.accounts.find("globex").orElseThrow();
		assertThat(this.accounts.disable(user("admin"), globex, true)).isTrue();
		assertThat(this.accounts.disable(user("admin"), globex, false)).isFalse();
		assertThat(this.jdbc.sql("select shares_suspended from account where name = 'globex'").query(Boolean.class).single())
			.as("the first operator's choice").isTrue();

		var disabled = this.accounts.find("globex").orElseThrow();
		assertThat(this.accounts.enable(user("admin"), disabled)).isTrue();
		assertThat(this.accounts.enable(user("admin"), disabled)).isFalse();
		assertThat(auditActions()).containsExactly("ACCOUNT_DISABLED", "ACCOUNT_ENABLED");
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

	/** A change of a share reads as on the account's own Activity: each changed field, old and new, on both sides. */
	@Test
	void activityWhenAShareChangedThenEachChangedFieldOldAndNew() throws Exception {
		var share = this.shares.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", null, true, "CI"));
		this.shares.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2026-12-31"), false, "CI"), null);

		String page = page("/administration/activity");
		assertThat(page).contains("data-action=\"SHARE_CHANGED\"", "data-action=\"SHARE_RECEIVED_CHANGED\"");
		assertThat(page.split("<del>Permanently valid</del>", -1)).as("both sides").hasSize(3);
		assertThat(page.split("<ins>2026-12-31</ins>", -1)).as("both sides").hasSize(3);
		assertThat(page).as("the description did not change").doesNotContain("<del>CI</del>");
	}

	@Test
	void listThenEachAccountsFiguresAndTheRegionAndStatusFilters() throws Exception {
		share("acme-apps/nginx", "globex");
		share("acme-apps/billing/api", "globex");
		share("acme-apps/nginx", "umbrella");
		this.mvc.perform(post("/administration/accounts/umbrella/disable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true"));

		String all = page("/administration/accounts");
		assertThat(accounts(all)).containsExactly("acme", "globex", "initech", "umbrella");
		// users, organizations, images, shares given, shares received, status
		assertThat(figures(all, "acme")).containsExactly("2", "2", "4", "3", "0", "Active");
		assertThat(figures(all, "globex")).containsExactly("1", "1", "1", "0", "2", "Active");
		assertThat(figures(all, "umbrella")).containsExactly("1", "0", "0", "0", "1", "Disabled");
		assertThat(accounts(page("/administration/accounts?region=ap-southeast-1"))).containsExactly("initech");
		assertThat(accounts(page("/administration/accounts?status=disabled"))).containsExactly("umbrella");
		assertThat(accounts(page("/administration/accounts?status=active&region=eu-west-1")))
			.containsExactly("acme", "globex");
		assertThat(page("/administration/accounts?q=zzz")).contains("No accounts match your search");
	}

	@Test
	void listThenTwentyAccountsAPageAndTheRestOnTheNext() throws Exception {
		for (int i = 1; i <= 19; i++) {
			this.jdbc.sql("insert into account (name, region, created_at) values (:name, 'eu-west-1', current_timestamp)")
				.param("name", "tenant-%02d".formatted(i))
				.update();
		}

		List<String> first = accounts(page("/administration/accounts"));
		List<String> second = accounts(page("/administration/accounts?page=2"));
		assertThat(first).hasSize(20).startsWith("acme", "globex", "initech", "tenant-01").endsWith("tenant-17");
		assertThat(second).containsExactly("tenant-18", "tenant-19", "umbrella");
		assertThat(accounts(page("/administration/accounts?q=tenant"))).hasSize(19).doesNotContain("acme");
		assertThat(accounts(page("/administration/accounts?page=9"))).as("a page past the end: the last one")
			.containsExactlyElementsOf(second);
	}

	@Test
	void deleteWhenTheAccountReceivesSharesThenRefusedListingThem() throws Exception {
		this.mvc.perform(createHooli());
		share("acme-apps/nginx", "hooli");
		share("globex-ml/trainer", "hooli");

		this.mvc.perform(get("/administration/accounts/hooli/delete").with(loggedInAs("admin")))
			.andExpect(content().string(allOf(containsString("hooli cannot be deleted:"),
					containsString("It receives 2 shares: acme: acme-apps/nginx, globex: globex-ml/trainer."),
					not(containsString("id=\"confirm-form\"")))));
		this.mvc.perform(post("/administration/accounts/hooli/delete").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirmName", "hooli"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("It receives 2 shares: acme: acme-apps/nginx, globex: globex-ml/trainer.")));

		assertThat(accountNames()).contains("hooli");
		assertThat(auditActions()).doesNotContain("ACCOUNT_DELETED");
	}

	@Test
	void disableThenSharesGivenKeepWorkingUnlessSuspendedAndEnableThenAgain() throws Exception {
		share("acme-apps/nginx", "globex");
		assertThat(pullAllowed("carol", "acme-apps/nginx")).isTrue();

		this.mvc.perform(post("/administration/accounts/acme/disable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true"));
		assertThat(pullAllowed("carol", "acme-apps/nginx")).as("acme disabled, its shares kept").isTrue();
		this.mvc.perform(post("/administration/accounts/acme/enable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true"));

		this.mvc.perform(post("/administration/accounts/acme/disable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true")
			.param("suspendShares", "true"))
			.andExpect(redirectedUrl("/administration/accounts/acme"));
		assertThat(pullAllowed("carol", "acme-apps/nginx")).as("acme disabled, its shares suspended").isFalse();
		assertThat(pullAllowed("carol", "acme-public/hello")).as("public images stay public").isTrue();
		this.mvc.perform(get("/administration/accounts/acme").with(loggedInAs("admin")))
			.andExpect(content().string(containsString("its shares to other accounts are suspended")));

		this.mvc.perform(post("/administration/accounts/acme/enable").with(csrf())
			.with(loggedInAs("admin"))
			.param("confirm", "true"));
		assertThat(pullAllowed("carol", "acme-apps/nginx")).isTrue();
	}

	@Test
	void operatorThenNoImagesOfAnyAccount() throws Exception {
		this.mvc.perform(get("/images").with(loggedInAs("admin"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/images/acme-apps/nginx").with(loggedInAs("admin"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/shared-with-me")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("admin", "demo12345")))
			.andExpect(status().isForbidden());
		assertThat(pullAllowed("admin", "acme-apps/nginx")).isFalse();
	}

	/** Whether the registry token the user gets for a pull of the image grants it. */
	private boolean pullAllowed(String user, String image) throws Exception {
		String body = this.mvc.perform(get("/v2/token").param("service", "berth-registry")
			.param("scope", "repository:" + image + ":pull")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic(user, "demo12345")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = com.jayway.jsonpath.JsonPath.read(body, "$.token");
		List<?> access = (List<?>) com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getClaim("access");
		return !access.isEmpty();
	}

	private void share(String image, String account) throws Exception {
		String owner = image.startsWith("globex") ? "carol" : "alice";
		this.mvc.perform(post("/api/v1/shares/" + image).contentType("application/json")
			.content("{\"account\": \"" + account + "\", \"permanent\": true}")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic(owner, "demo12345")))
			.andExpect(status().isCreated());
	}

	private String page(String url) throws Exception {
		return this.mvc.perform(get(url).with(loggedInAs("admin")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The accounts a list page shows, in order. */
	private static List<String> accounts(String html) {
		return java.util.regex.Pattern.compile("data-account=\"([^\"]+)\"")
			.matcher(html)
			.results()
			.map(match -> match.group(1))
			.toList();
	}

	/** The figures and status of an account's row: the texts of its cells after the region. */
	private static List<String> figures(String html, String account) {
		int start = html.indexOf("data-account=\"" + account + "\"");
		String row = html.substring(start, html.indexOf("</tr>", start));
		List<String> cells = java.util.regex.Pattern.compile("<td[^>]*>(.*?)</td>", java.util.regex.Pattern.DOTALL)
			.matcher(row)
			.results()
			.map(match -> match.group(1).replaceAll("<[^>]+>", "").strip())
			.toList();
		return cells.subList(1, 7);
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

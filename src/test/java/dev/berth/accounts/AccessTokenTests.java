package dev.berth.accounts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import dev.berth.accounts.AccessTokens.NewToken;
import dev.berth.sharing.ShareForm;
import dev.berth.sharing.ShareService;
import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Access tokens as clients meet them: the token endpoint grants the intersection of the asked
 * scope, the token's scope and the user's rights; every refused token gets the same 401 in the
 * registry's error format; the login form and the pages never take a token; the API and the
 * Profile page refuse bad input next to the field and save nothing; events on record.
 */
class AccessTokenTests extends SharingTestBase {

	static final String REGISTRY_401 = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}";

	@Autowired
	MockMvc mvc;

	@Autowired
	AccessTokens tokens;

	@Autowired
	ShareService shares;

	@BeforeEach
	void noTokens() {
		this.jdbc.sql("delete from access_token").update();
		this.jdbc.sql("update account set tokens_without_expiry = false").update();
	}

	@Test
	void pullOnlyTokenThenPullGrantedAndPushNot() throws Exception {
		String secret = token("alice", "ci", false, true, Set.of(), true, 90);

		List<Object> access = access(secret, "alice", "repository:acme-apps/nginx:pull,push");

		assertThat(access).hasSize(1);
		assertThat(access.get(0).toString()).contains("actions=[pull]");
	}

	@Test
	void pushTokenThenPushGrantedButNeverDelete() throws Exception {
		String secret = token("alice", "deploy", true, true, Set.of(), true, 90);

		List<Object> access = access(secret, "alice", "repository:acme-apps/nginx:pull,push,delete");

		assertThat(access.get(0).toString()).contains("actions=[pull, push]");
	}

	@Test
	void tokenOfBobThenNoMoreThanBobMayDo() throws Exception {
		// bob holds Read on acme-apps: a pull-and-push token of his still only pulls.
		String secret = token("bob", "bob-ci", true, true, Set.of(), true, 90);

		assertThat(access(secret, "bob", "repository:acme-apps/nginx:pull,push").get(0).toString())
			.contains("actions=[pull]");
	}

	@Test
	void tokenOfOtherOrganizationsThenNothingOnThisOne() throws Exception {
		long other = this.jdbc.sql("select id from organization where name = 'acme-public'").query(Long.class).single();
		String secret = token("alice", "tools", true, false, Set.of(other), false, 90);

		assertThat(access(secret, "alice", "repository:acme-apps/nginx:pull")).isEmpty();
	}

	@Test
	void sharedOnlyTokenThenPullsWhileSharedAndNotAfterTheRevoke() throws Exception {
		String secret = token("carol", "globex-ci", false, false, Set.of(), true, 90);
		assertThat(access(secret, "carol", "repository:acme-apps/nginx:pull")).isEmpty();

		var image = image(user("alice"), "acme-apps/nginx");
		this.shares.share(user("alice"), image, new ShareForm("globex", null, true, "CI"));
		List<Object> shared = access(secret, "carol", "repository:acme-apps/nginx:pull,push");
		this.shares.revoke(user("alice"), image, this.shares.shareWith(user("alice"), image, "globex"));

		assertThat(shared.get(0).toString()).contains("actions=[pull]");
		assertThat(access(secret, "carol", "repository:acme-apps/nginx:pull")).isEmpty();
	}

	@Test
	void subjectNamesTheTokenSoThatPullsCanBeTracedToIt() throws Exception {
		String secret = token("alice", "ci", false, true, Set.of(), true, 90);
		long id = this.jdbc.sql("select id from access_token").query(Long.class).single();

		MvcResult result = this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION,
				basic("alice", secret))).andExpect(status().isOk()).andReturn();

		assertThat(jwt(result).getJWTClaimsSet().getSubject()).isEqualTo("alice+token-" + id);
	}

	@Test
	void everyRefusedTokenThenTheSame401InTheRegistrysFormat() throws Exception {
		String revoked = token("alice", "revoked", false, true, Set.of(), true, 90);
		this.tokens.revoke(user("alice"), this.tokens.ofUser(user("alice").id()).get(0));
		String expired = token("alice", "expired", false, true, Set.of(), true, 30);
		String bobs = token("bob", "bobs", false, true, Set.of(), true, 90);
		String valid = TokenSecret.generate();
		String typo = revoked.substring(0, 58) + (revoked.endsWith("a") ? "b" : "a");
		this.clock.advance(Duration.ofDays(31));

		for (String[] credentials : new String[][] { { "alice", revoked }, { "alice", expired }, { "alice", bobs },
				{ "alice", valid }, { "alice", typo }, { "alice", "berth_pat_short" }, { "alice", "wrong-password" } }) {
			// From an address of its own: the wrong password counts towards that address's login throttle.
			this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION,
					basic(credentials[0], credentials[1])).with(request -> {
						request.setRemoteAddr("192.0.2.11");
						return request;
					}))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Basic")))
				.andExpect(content().json(REGISTRY_401, true));
		}
	}

	@Test
	void tokenPastItsDayThenRefusedAndTheFirstUseOnRecordOnce() throws Exception {
		String secret = token("alice", "short", false, true, Set.of(), true, 30);
		LocalDate lastDay = LocalDate.parse("2026-11-29").plusDays(30);
		this.clock.set(lastDay.atTime(23, 59, 59).toInstant(java.time.ZoneOffset.UTC));
		this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION, basic("alice", secret)))
			.andExpect(status().isOk());

		this.clock.set(lastDay.plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION, basic("alice", secret)))
				.andExpect(status().isUnauthorized());
		}

		assertThat(auditActions()).containsOnlyOnce("TOKEN_EXPIRED_USED");
	}

	@Test
	void disabledUserThenTokenRefused() throws Exception {
		String secret = token("bob", "bobs", false, true, Set.of(), true, 90);
		this.jdbc.sql("update app_user set disabled_at = current_timestamp where username = 'bob'").update();
		try {
			this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION, basic("bob", secret)))
				.andExpect(status().isUnauthorized())
				.andExpect(content().json(REGISTRY_401, true));
		}
		finally {
			this.jdbc.sql("update app_user set disabled_at = null where username = 'bob'").update();
		}
	}

	@Test
	void lastUsedWrittenAtMostOnceAMinuteAndANewAddressOnRecord() throws Exception {
		String secret = token("alice", "ci", false, true, Set.of(), true, 90);
		use(secret, "10.0.0.1");
		var first = lastUsed();
		this.clock.advance(Duration.ofSeconds(30));
		use(secret, "10.0.0.1");
		var within = lastUsed();
		this.clock.advance(Duration.ofSeconds(31));
		use(secret, "10.0.0.1");
		var after = lastUsed();
		use(secret, "10.0.0.2");

		assertThat(within).isEqualTo(first);
		assertThat(after).isAfter(first);
		assertThat(this.jdbc.sql("select last_used_address from access_token").query(String.class).single())
			.isEqualTo("10.0.0.2");
		assertThat(auditDetails()).filteredOn(d -> d.contains("for the first time")).hasSize(2);
	}

	/** bob holds Read only: his Pull and push token would pull only, and the form says so before he makes one. */
	@Test
	void tokensPageWhenTheUserMayPushNowhereThenThePushScopeSaysSo() throws Exception {
		this.mvc.perform(get("/profile/tokens").with(loggedInAs("bob")))
			.andExpect(content().string(containsString("id=\"scope-nowhere\"")));
		this.mvc.perform(get("/profile/tokens").with(loggedInAs("alice")))
			.andExpect(content().string(not(containsString("id=\"scope-nowhere\""))));
	}

	@Test
	void tokenOnTheLoginFormThenLoginFailsAndThePageSaysWhere() throws Exception {
		String secret = token("alice", "ci", false, true, Set.of(), true, 90);

		this.mvc.perform(post("/login").param("username", "alice").param("password", secret).with(csrf()))
			.andExpect(redirectedUrl("/login?error=token"));
		this.mvc.perform(get("/login").param("error", "token"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("That is an access token")));
		this.mvc.perform(post("/login").param("username", "alice").param("password", "not-a-token-123").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		// The administrator tells a token that went through a browser from a guess.
		assertThat(auditDetails()).filteredOn(d -> d.startsWith("An access token typed as the password")).hasSize(1);
		assertThat(auditDetails()).filteredOn(d -> d.startsWith("Wrong user name or password")).hasSize(1);
	}

	/**
	 * The pages do not read Basic credentials, a token's or a password's: a browser that remembers
	 * a password for the API would otherwise send it along with another site's form to a page, and
	 * a Basic client brings no CSRF token (a prober created an organization that way).
	 */
	@Test
	void basicOnAPageThenTheLoginAndNothingChanged() throws Exception {
		String secret = token("alice", "ci", false, true, Set.of(), true, 90);
		int organizations = this.jdbc.sql("select count(*) from organization").query(Integer.class).single();

		for (String password : new String[] { secret, "demo12345" }) {
			this.mvc.perform(get("/images").header(HttpHeaders.AUTHORIZATION, basic("alice", password)))
				.andExpect(redirectedUrl("/login"));
			this.mvc.perform(post("/organizations").header(HttpHeaders.AUTHORIZATION, basic("alice", password))
				.header(HttpHeaders.ORIGIN, "https://evil.example")
				.param("name", "cross-site-org")).andExpect(status().isForbidden());
		}
		assertThat(this.jdbc.sql("select count(*) from organization").query(Integer.class).single())
			.isEqualTo(organizations);
	}

	/**
	 * On the JSON API, too, a token reaches only its organizations, and the images shared with the
	 * account only when it says so: an image outside its reach is a 404 (it was listed and shared).
	 */
	@Test
	void tokenOnTheApiThenOnlyWhatItReaches() throws Exception {
		long acmePublic = this.jdbc.sql("select id from organization where name = 'acme-public'").query(Long.class).single();
		String publicOnly = token("alice", "public-push", true, false, Set.of(acmePublic), false, 90);
		var nginx = image(user("alice"), "acme-apps/nginx");
		this.shares.share(user("alice"), nginx, new ShareForm("globex", null, true, "CI"));
		String carolsOwn = token("carol", "own-only", false, true, Set.of(), false, 90);
		String carolsShared = token("carol", "shared-only", false, false, Set.of(), true, 90);

		this.mvc.perform(get("/api/v1/shares/acme-apps/nginx").header(HttpHeaders.AUTHORIZATION, basic("alice", publicOnly)))
			.andExpect(status().isNotFound());

		this.mvc.perform(get("/api/v1/shared-by-me").header(HttpHeaders.AUTHORIZATION, basic("alice", publicOnly)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(get("/api/v1/shared-by-me").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345")))
			.andExpect(jsonPath("$.length()").value(1));
		this.mvc.perform(get("/api/v1/shares/globex-ml/trainer").header(HttpHeaders.AUTHORIZATION, basic("carol", carolsShared)))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/shared-with-me").header(HttpHeaders.AUTHORIZATION, basic("carol", carolsShared)))
			.andExpect(jsonPath("$.length()").value(1));
		this.mvc.perform(get("/api/v1/shared-with-me").header(HttpHeaders.AUTHORIZATION, basic("carol", carolsOwn)))
			.andExpect(jsonPath("$.length()").value(0));
		assertThat(shareCount("acme-apps/nginx")).isEqualTo(1);
		this.shares.revoke(user("alice"), nginx, this.shares.shareWith(user("alice"), nginx, "globex"));
	}

	/**
	 * A token reads the API; none shares, a pull-and-push one neither (a share gives another
	 * account access and outlives the token: a prober shared with a pull-and-push token, revoked
	 * it, and the share stayed), nor changes or revokes a share; no token manages tokens.
	 */
	@Test
	void tokenOnTheApiThenReadsButChangesNoShareAndNoTokenManagesTokens() throws Exception {
		String pull = token("alice", "ci", false, true, Set.of(), true, 90);
		String push = token("alice", "deploy", true, true, Set.of(), true, 90);
		var nginx = image(user("alice"), "acme-apps/nginx");
		this.shares.share(user("alice"), nginx, new ShareForm("globex", null, true, "CI"));

		this.mvc.perform(get("/api/v1/shared-with-me").header(HttpHeaders.AUTHORIZATION, basic("alice", pull)))
			.andExpect(status().isOk());
		for (String token : List.of(pull, push)) {
			this.mvc.perform(post("/api/v1/shares/acme-apps/nginx").header(HttpHeaders.AUTHORIZATION, basic("alice", token))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"account\":\"umbrella\"}"))
				.andExpect(status().isForbidden())
				.andExpect(refusedAs("token_read_only", "token.api.readOnly"));
			this.mvc.perform(put("/api/v1/shares/acme-apps/nginx").param("account", "globex")
				.header(HttpHeaders.AUTHORIZATION, basic("alice", token))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"description\":\"changed\"}")).andExpect(status().isForbidden());
			this.mvc.perform(delete("/api/v1/shares/acme-apps/nginx").param("account", "globex")
				.header(HttpHeaders.AUTHORIZATION, basic("alice", token))).andExpect(status().isForbidden());
		}
		assertThat(shareCount("acme-apps/nginx")).isOne();
		assertThat(this.shares.shareWith(user("alice"), nginx, "globex").description()).isEqualTo("CI");
		this.shares.revoke(user("alice"), nginx, this.shares.shareWith(user("alice"), nginx, "globex"));
		this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", pull))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"wider\",\"scope\":\"push\"}"))
			.andExpect(status().isForbidden())
			.andExpect(refusedAs("password_required", "token.api.tokens"));
		assertThat(this.tokens.ofUser(user("alice").id())).hasSize(2);
	}

	/**
	 * The token addresses written as Spring MVC still routes them (a letter percent-encoded, as a
	 * prober found them: a token limited to one organization made an all-organizations push
	 * token), and the account's list: a token reaches none of them.
	 */
	@Test
	void tokenOnTheTokenAddressesEncodedOrTheAccountsListThenForbiddenAndNothingMade() throws Exception {
		long acmePublic = this.jdbc.sql("select id from organization where name = 'acme-public'").query(Long.class).single();
		String push = token("alice", "deploy", true, false, Set.of(acmePublic), false, 90);
		long id = this.jdbc.sql("select id from access_token").query(Long.class).single();

		for (String address : List.of("/api/v1/%74okens", "/api/%761/tokens", "/api/v1/tokens/")) {
			this.mvc.perform(post(URI.create(address)).header(HttpHeaders.AUTHORIZATION, basic("alice", push))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"wider\",\"reach\":\"all\",\"scope\":\"push\"}")).andExpect(status().isForbidden());
			this.mvc.perform(get(URI.create(address)).header(HttpHeaders.AUTHORIZATION, basic("alice", push)))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(delete(URI.create("/api/v1/%74okens/" + id)).header(HttpHeaders.AUTHORIZATION, basic("alice", push)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get(URI.create("/api/v1/account/%74okens")).header(HttpHeaders.AUTHORIZATION, basic("alice", push)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/account/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", push)))
			.andExpect(status().isForbidden());

		assertThat(this.tokens.ofUser(user("alice").id())).singleElement()
			.satisfies(token -> assertThat(token.revoked()).isFalse());
		this.mvc.perform(get("/api/v1/account/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void apiCreateThenSecretOnceAndListWithout() throws Exception {
		this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("carol", "demo12345"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"globex-ci\",\"reach\":\"shared\",\"expiry\":\"30\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.secret").value(org.hamcrest.Matchers.startsWith("berth_pat_")))
			.andExpect(jsonPath("$.scope").value("pull"))
			.andExpect(jsonPath("$.sharedImages").value(true))
			.andExpect(jsonPath("$.expiresOn").value("2026-12-29"));

		this.mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("carol", "demo12345")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("globex-ci"))
			.andExpect(jsonPath("$[0].status").value("active"))
			.andExpect(content().string(not(containsString("berth_pat_"))));
		assertThat(auditActions()).containsExactly("TOKEN_CREATED");
	}

	/** Another site's page can send a text or form body without asking first: only JSON is taken. */
	@Test
	void apiCreateWhenTheBodyIsNotSentAsJsonThen415AndNoToken() throws Exception {
		for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/xml")) {
			this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345"))
				.header(HttpHeaders.CONTENT_TYPE, type)
				.content("{\"name\":\"cross-site\",\"scope\":\"push\"}")).andExpect(status().isUnsupportedMediaType());
		}
		assertThat(this.tokens.ofUser(user("alice").id())).isEmpty();
	}

	/**
	 * Organizations without a reach restrict the token to them; a restriction that a token's reach
	 * would not keep is refused, not dropped (the token reached every organization).
	 */
	@Test
	void apiCreateWithOrganizationsThenRestrictedAndWithAnotherReachThen400AndNoToken() throws Exception {
		this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"apps-only\",\"organizations\":[\"acme-apps\"]}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.allOrganizations").value(false))
			.andExpect(jsonPath("$.organizations[0]").value("acme-apps"));
		for (String body : List.of("{\"name\":\"x1\",\"reach\":\"all\",\"organizations\":[\"acme-apps\"]}",
				"{\"name\":\"x2\",\"reach\":\"shared\",\"organizations\":[]}",
				"{\"name\":\"x3\",\"includeShared\":false}")) {
			this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.field").value(body.contains("includeShared") ? "includeShared" : "organizations"))
				.andExpect(jsonPath("$.detail").value(containsString("nothing was created")));
		}
		assertThat(this.tokens.ofUser(user("alice").id())).extracting(AccessToken::name).containsExactly("apps-only");
	}

	/**
	 * An end date without an expiry is that date; with another expiry it is refused, not dropped (the
	 * token lived the default 90 days, or the days asked, instead of ending when asked).
	 */
	@Test
	void apiCreateWithAnEndDateThenThatDateAndWithAnotherExpiryThen400AndNoToken() throws Exception {
		LocalDate end = this.tokens.today().plusDays(10);
		this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("carol", "demo12345"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"short\",\"expiresOn\":\"" + end + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.expiresOn").value(end.toString()));
		for (String expiry : List.of("30", "90", "never")) {
			this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("carol", "demo12345"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"short-" + expiry + "\",\"expiry\":\"" + expiry + "\",\"expiresOn\":\"" + end + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.field").value("expiresOn"))
				.andExpect(jsonPath("$.detail").value(containsString("nothing was created")));
		}
		assertThat(this.tokens.ofUser(user("carol").id())).extracting(AccessToken::name).containsExactly("short");
	}

	/**
	 * A password reset proposes to revoke the user's tokens that still work: a token made with a
	 * leaked password outlived the reset (a probe's finding). Left unticked they work on (a user who
	 * only forgot the password keeps their pipelines); ticked they stop at once, each in Activity.
	 */
	@Test
	void resetWithTheTokensRevokedThenTheyStopAndWithoutThenTheyWorkOn() throws Exception {
		String bobs = token("bob", "bobs-ci", false, true, Set.of(), false, 90);
		String reset = "/account/users/" + user("bob").id() + "/reset";
		var before = this.jdbc.sql("select password, password_change_required from app_user where username = 'bob'")
			.query()
			.singleRow();
		try {
			this.mvc.perform(get(reset).with(loggedInAs("alice")))
				.andExpect(content().string(containsString("Also revoke bob&#39;s access token")))
				.andExpect(content().string(containsString("aria-describedby=\"revokeTokens-hint\" checked=\"checked\"")));

			this.mvc.perform(post(reset).with(csrf()).with(loggedInAs("alice"))
				.param("password", "a temporary one for bob")
				.param("confirm", "a temporary one for bob")
				.param("_revokeTokens", "on"))
				.andExpect(redirectedUrl("/account/users"));
			this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION, basic("bob", bobs)))
				.andExpect(status().isOk());

			this.mvc.perform(post(reset).with(csrf()).with(loggedInAs("alice"))
				.param("password", "another temporary one for bob")
				.param("confirm", "another temporary one for bob")
				.param("revokeTokens", "true")
				.param("_revokeTokens", "on"))
				.andExpect(flash().attribute("message",
						"Set a new password for bob; they must change it at their next login. Revoked their access token."));
			this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION, basic("bob", bobs)))
				.andExpect(status().isUnauthorized());
			assertThat(auditActions()).containsExactly("TOKEN_CREATED", "USER_PASSWORD_RESET", "TOKEN_NEW_ADDRESS",
					"USER_PASSWORD_RESET", "TOKEN_REVOKED");
			this.mvc.perform(get(reset).with(loggedInAs("alice")))
				.andExpect(content().string(not(containsString("revokeTokens"))));
		}
		finally {
			this.jdbc.sql("update app_user set password = :password, password_change_required = :required where username = 'bob'")
				.param("password", before.get("PASSWORD"))
				.param("required", before.get("PASSWORD_CHANGE_REQUIRED"))
				.update();
		}
	}

	/** The scope as a token's JSON shows it is taken back as it reads. */
	@Test
	void apiCreateWithTheScopeAsTheJsonShowsItThenThatScope() throws Exception {
		this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"deploy\",\"scope\":\"pull,push\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.scope").value("pull,push"));
	}

	/**
	 * A user who is no administrator restricts a token to the organizations they see, as their
	 * Organizations page lists them: the others are neither offered nor taken (as if there were none).
	 */
	@Test
	void tokenOfAUserWithAGrantInOneOrganizationThenOnlyThatOneIsOfferedOrTaken() throws Exception {
		this.mvc.perform(get("/profile/tokens").with(loggedInAs("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("acme-apps"), not(containsString("acme-public")))));
		this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("bob", "demo12345"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"bobs-ci\",\"organizations\":[\"acme-public\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("organizations"))
			.andExpect(jsonPath("$.detail").value("No organization acme-public among those you see in your account."));
		String location = this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("bob", "demo12345"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"bobs-ci\",\"organizations\":[\"acme-apps\"]}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.LOCATION);

		// The answer's address shows the token (never its secret) to its user and their administrator only.
		this.mvc.perform(get(location).header(HttpHeaders.AUTHORIZATION, basic("bob", "demo12345")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("bobs-ci"))
			.andExpect(jsonPath("$.secret").doesNotExist());
		this.mvc.perform(get(location).header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345")))
			.andExpect(status().isOk());
		this.mvc.perform(get(location).header(HttpHeaders.AUTHORIZATION, basic("carol", "demo12345")))
			.andExpect(status().isNotFound());
	}

	@Test
	void apiBadInputThenProblemWithTheFieldAndNothingSaved() throws Exception {
		for (String[] bad : new String[][] { { "{\"name\":\"" + "n".repeat(65) + "\"}", "name" },
				{ "{\"name\":\"ci\",\"expiry\":\"date\",\"expiresOn\":\"2026-11-28\"}", "expiresOn" },
				{ "{\"name\":\"ci\",\"expiry\":\"never\"}", "expiry" },
				{ "{\"name\":\"ci\",\"reach\":\"shared\",\"scope\":\"push\"}", "scope" },
				{ "{\"name\":\"ci\",\"reach\":\"organizations\",\"organizations\":[\"globex-apps\"]}", "organizations" } }) {
			this.mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(bad[0]))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.code").value("invalid_token"))
				.andExpect(jsonPath("$.field").value(bad[1]));
		}
		assertThat(this.jdbc.sql("select count(*) from access_token").query(Integer.class).single()).isZero();
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void apiRevokeOwnThenGoneAndOthersNotFound() throws Exception {
		token("bob", "bobs", false, true, Set.of(), true, 90);
		long id = this.jdbc.sql("select id from access_token").query(Long.class).single();

		this.mvc.perform(delete("/api/v1/tokens/" + id).header(HttpHeaders.AUTHORIZATION, basic("carol", "demo12345")))
			.andExpect(status().isNotFound());
		this.mvc.perform(delete("/api/v1/tokens/" + id).header(HttpHeaders.AUTHORIZATION, basic("alice", "demo12345")))
			.andExpect(status().isNoContent());

		assertThat(this.tokens.find(id).orElseThrow().revoked()).isTrue();
		assertThat(auditDetails()).anyMatch(d -> d.contains("bobs") && d.contains("bob"));
	}

	/** A value of the wrong type beside a rule the form breaks: the form again with a 400, nothing saved (it was a 500). */
	@Test
	void profileFormWhenIncludeSharedIsNoYesOrNoAndNoNameThenTheFormAgainAndNothingSaved() throws Exception {
		int before = this.jdbc.sql("select count(*) from access_token").query(Integer.class).single();
		this.mvc.perform(post("/profile/tokens").with(loggedInAs("alice")).with(csrf())
			.param("name", "")
			.param("expiry", "30")
			.param("scope", "pull")
			.param("reach", "all")
			.param("includeShared", "maybe"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"name-error\"")))
			.andExpect(content().string(containsString("id=\"includeShared-error\">This box is either ticked or not.")));
		assertThat(this.jdbc.sql("select count(*) from access_token").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void profileFormBadInputThenMessagesNextToTheFieldsAndNothingSaved() throws Exception {
		this.mvc.perform(post("/profile/tokens").with(loggedInAs("alice")).with(csrf())
			.param("name", "n".repeat(65))
			.param("expiry", "date")
			.param("expiresOn", "2026-11-01")
			.param("scope", "pull")
			.param("reach", "all"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"name-error\"")))
			.andExpect(content().string(containsString("Use at most 64 characters")))
			.andExpect(content().string(containsString("id=\"expiresOn-error\"")))
			.andExpect(content().string(containsString("Choose a date from today (2026-11-29) on.")));

		assertThat(this.jdbc.sql("select count(*) from access_token").query(Integer.class).single()).isZero();
	}

	/**
	 * The page sends "And images shared with the account" only with "Some organizations" (the box is
	 * disabled otherwise): a form sent with another choice and a broken rule shows it ticked again,
	 * as it was, and one sent unticked (its field marker alone) shows it unticked.
	 */
	@Test
	void profileFormWhenSentWithoutTheSharedImagesBoxThenItComesBackTickedAndUntickedStaysUnticked() throws Exception {
		this.mvc.perform(post("/profile/tokens").with(loggedInAs("alice")).with(csrf())
			.param("name", "")
			.param("expiry", "90")
			.param("scope", "pull")
			.param("reach", "all"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"name-error\"")))
			.andExpect(content().string(containsString("id=\"includeShared\" checked=\"checked\"")));
		this.mvc.perform(post("/profile/tokens").with(loggedInAs("alice")).with(csrf())
			.param("name", "")
			.param("expiry", "90")
			.param("scope", "pull")
			.param("reach", "organizations")
			.param("organizations", "acme-apps")
			.param("_includeShared", "on"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"name-error\"")))
			.andExpect(content().string(containsString("id=\"includeShared\"")))
			.andExpect(content().string(not(containsString("id=\"includeShared\" checked=\"checked\""))));

		assertThat(this.jdbc.sql("select count(*) from access_token").query(Integer.class).single()).isZero();
	}

	/** The page takes "Pull and push" out of reach with "Only shared images"; sent anyway (no JavaScript), it is refused. */
	@Test
	void profileFormWhenSharedImagesOnlyWithPushThenScopeMessageAndNothingSaved() throws Exception {
		this.mvc.perform(post("/profile/tokens").with(loggedInAs("carol")).with(csrf())
			.param("name", "globex-ci")
			.param("expiry", "90")
			.param("scope", "push")
			.param("reach", "shared"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"scope-error\"")))
			.andExpect(content().string(containsString("can pull only")))
			.andExpect(content().string(containsString("data-disabled-by=\"reach-shared\"")));

		assertThat(this.jdbc.sql("select count(*) from access_token").query(Integer.class).single()).isZero();
	}

	@Test
	void profileFormCreatesThenSecretAndLoginCommandsShownOnce() throws Exception {
		MvcResult created = this.mvc.perform(post("/profile/tokens").with(loggedInAs("carol")).with(csrf())
			.param("name", "globex-ci")
			.param("expiry", "90")
			.param("scope", "pull")
			.param("reach", "shared"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"token-secret\"")))
			.andExpect(content().string(containsString(">docker login localhost:5000 -u carol<")))
			.andExpect(content().string(containsString(">skopeo login --tls-verify=false -u carol localhost:5000<")))
			.andExpect(content().string(containsString(
					">echo &quot;$BERTH_TOKEN&quot; | docker login localhost:5000 -u carol --password-stdin<")))
			.andReturn();
		String secret = created.getResponse().getContentAsString().replaceAll("(?s).*id=\"token-secret\">([^<]+)<.*", "$1");

		this.mvc.perform(get("/profile/tokens").with(loggedInAs("carol")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("globex-ci")))
			.andExpect(content().string(containsString("images shared with the account only")))
			.andExpect(content().string(not(containsString(secret))));
		assertThat(TokenSecret.hashOf(secret)).isPresent();
	}

	/** A browser's refresh after the secret was shown sends the form again: no second token, and why. */
	@Test
	void profileFormSentTwiceThenOneTokenAndTheSecondSaysTheFirstWasCreated() throws Exception {
		for (int sent = 1; sent <= 2; sent++) {
			this.mvc.perform(post("/profile/tokens").with(loggedInAs("carol")).with(csrf())
				.param("name", "globex-ci")
				.param("expiry", "90")
				.param("scope", "pull")
				.param("reach", "shared"))
				.andExpect(status().isOk())
				.andExpect(content().string((sent == 1) ? containsString("id=\"token-secret\"")
						: containsString("the token was created the first time: its secret is shown only once")));
		}
		assertThat(this.jdbc.sql("select count(*) from access_token where name = 'globex-ci'").query(Integer.class).single())
			.isEqualTo(1);
	}

	@Test
	void administratorSeesAndRevokesTheAccountsTokensOthersAreRefused() throws Exception {
		token("bob", "bobs", false, true, Set.of(), true, 90);
		long id = this.jdbc.sql("select id from access_token").query(Long.class).single();

		this.mvc.perform(get("/account/tokens").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("bobs")));
		this.mvc.perform(get("/account/tokens").with(loggedInAs("bob"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/account/tokens/" + id + "/revoke").with(loggedInAs("bob")).with(csrf()))
			.andExpect(status().isForbidden());
		// carol administers globex: acme's token is not hers to see.
		this.mvc.perform(post("/account/tokens/" + id + "/revoke").with(loggedInAs("carol")).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/profile/tokens/" + id + "/revoke").with(loggedInAs("alice")).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/account/tokens/" + id + "/revoke").with(loggedInAs("carol"))).andExpect(status().isNotFound());
		// The list's Revoke asks first on a page of its own, which changes nothing.
		this.mvc.perform(get("/account/tokens/" + id + "/revoke").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Revoke the token bobs?"), containsString("It is a token of bob"))));
		assertThat(this.tokens.find(id).orElseThrow().revoked()).isFalse();
		this.mvc.perform(post("/account/tokens/" + id + "/revoke").with(loggedInAs("alice")).with(csrf()))
			.andExpect(redirectedUrl("/account/tokens"));
		this.mvc.perform(get("/account/tokens/" + id + "/revoke").with(loggedInAs("alice")))
			.andExpect(redirectedUrl("/account/tokens"));

		assertThat(this.tokens.find(id).orElseThrow().revoked()).isTrue();
	}

	@Test
	void administratorAllowsNoExpiryThenNeverOffered() throws Exception {
		this.mvc.perform(get("/profile/tokens").with(loggedInAs("bob")))
			.andExpect(content().string(not(containsString("value=\"never\""))));
		this.mvc.perform(post("/account/tokens/policy").with(loggedInAs("alice")).with(csrf()).param("withoutExpiry", "true"))
			.andExpect(redirectedUrl("/account/tokens"));
		this.mvc.perform(get("/profile/tokens").with(loggedInAs("bob")))
			.andExpect(content().string(containsString("value=\"never\"")));
	}

	/**
	 * Tokens without an expiry stopped: the working ones without one get the default expiry (they
	 * went on working for good while the page said that tokens must have one), and the change is audited.
	 */
	@Test
	void administratorStopsNoExpiryThenTokensWithoutOneGetTheDefaultExpiry() throws Exception {
		this.mvc.perform(post("/account/tokens/policy").with(loggedInAs("alice")).with(csrf()).param("withoutExpiry", "true"));
		long forever = this.tokens
			.create(user("bob"), new NewToken("forever", false, true, Set.of(), true, null))
			.token()
			.id();
		long farOff = this.tokens
			.create(user("alice"), new NewToken("far-off", false, true, Set.of(), true, LocalDate.parse("9999-12-31")))
			.token()
			.id();

		this.mvc.perform(post("/account/tokens/policy").with(loggedInAs("alice")).with(csrf()))
			.andExpect(redirectedUrl("/account/tokens"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("message",
					"Tokens must now have an expiry. 2 tokens without one (or with one later than a year ahead) now expire on 2027-02-27."));
		assertThat(this.tokens.find(forever).orElseThrow().expiresOn()).isEqualTo(LocalDate.parse("2027-02-27"));
		assertThat(this.tokens.find(farOff).orElseThrow().expiresOn()).isEqualTo(LocalDate.parse("2027-02-27"));
		this.mvc.perform(post("/account/tokens/policy").with(loggedInAs("alice")).with(csrf()))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("notice", containsString("nothing was changed")));
		assertThat(auditActions()).containsExactly("TOKEN_POLICY_CHANGED", "TOKEN_CREATED", "TOKEN_CREATED", "TOKEN_POLICY_CHANGED");
	}

	/** The operator, who holds no image, has no token pages, and is told why rather than "No such token". */
	@Test
	void operatorOpensTheTokenPageThen404SayingTheOperatorHasNoTokens() throws Exception {
		this.mvc.perform(get("/profile/tokens").with(loggedInAs("admin")))
			.andExpect(status().isNotFound())
			.andExpect(result -> assertThat(((org.springframework.web.ErrorResponse) result.getResolvedException())
				.getDetailMessageCode()).as("the text the 404 page shows").isEqualTo("token.operator"));
	}

	@Test
	void activityShowsTokenEventsToTheirUserAndEveryTokenEventToAdministrators() throws Exception {
		token("bob", "bobs-ci", false, true, Set.of(), true, 90);
		token("alice", "alices-ci", false, true, Set.of(), true, 90);

		this.mvc.perform(get("/activity").with(loggedInAs("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Token created")))
			.andExpect(content().string(containsString("bobs-ci")))
			.andExpect(content().string(not(containsString("alices-ci"))));
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(content().string(containsString("bobs-ci")))
			.andExpect(content().string(containsString("alices-ci")));
	}

	private String token(String username, String name, boolean push, boolean all, Set<Long> organizations,
			boolean shared, int days) {
		return this.tokens
			.create(user(username), new NewToken(name, push, all, organizations, shared, LocalDate.parse("2026-11-29").plusDays(days)))
			.secret();
	}

	private void use(String secret, String address) throws Exception {
		this.mvc.perform(tokenRequest("repository:acme-apps/nginx:pull").header(HttpHeaders.AUTHORIZATION, basic("alice", secret))
			.with(request -> {
				request.setRemoteAddr(address);
				return request;
			})).andExpect(status().isOk());
	}

	private java.time.OffsetDateTime lastUsed() {
		return this.jdbc.sql("select last_used_at from access_token").query(java.time.OffsetDateTime.class).single();
	}

	@SuppressWarnings("unchecked")
	private List<Object> access(String secret, String username, String scope) throws Exception {
		MvcResult result = this.mvc.perform(tokenRequest(scope).header(HttpHeaders.AUTHORIZATION, basic(username, secret)))
			.andExpect(status().isOk())
			.andReturn();
		return ((List<Object>) jwt(result).getJWTClaimsSet().getClaim("access")).stream()
			.map(entry -> (Object) new java.util.TreeMap<>((Map<String, Object>) entry))
			.toList();
	}

	private static SignedJWT jwt(MvcResult result) throws Exception {
		String body = result.getResponse().getContentAsString();
		return SignedJWT.parse(body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"));
	}

	private static MockHttpServletRequestBuilder tokenRequest(String scope) {
		return get("/v2/token").param("service", "berth-registry").param("scope", scope);
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** The refusal's code and text (the error page writes them into the problem detail). */
	private static org.springframework.test.web.servlet.ResultMatcher refusedAs(String code, String messageKey) {
		return result -> assertThat(result.getRequest().getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION))
			.isInstanceOfSatisfying(dev.berth.support.ProblemException.class, refusal -> {
				assertThat(refusal.code()).isEqualTo(code);
				assertThat(refusal.getDetailMessageCode()).isEqualTo(messageKey);
			});
	}

}

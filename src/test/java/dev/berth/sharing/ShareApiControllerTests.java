package dev.berth.sharing;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The sharing API over HTTP Basic, as a script or CI job would call it: every status it answers with. */
class ShareApiControllerTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	static org.springframework.test.web.servlet.request.RequestPostProcessor basic(String username) {
		return httpBasic(username, "demo12345");
	}

	@Test
	void createWhenValidThen201WithTheShare() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/billing/api"), """
				{"account": "globex", "validUntil": "2026-12-31", "description": "CI 🚢"}
				""").with(basic("alice")))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/shares/acme-apps/billing/api?account=globex"))
			.andExpect(jsonPath("$.image").value("acme-apps/billing/api"))
			.andExpect(jsonPath("$.account").value("globex"))
			.andExpect(jsonPath("$.validUntil").value("2026-12-31"))
			.andExpect(jsonPath("$.permanent").value(false))
			.andExpect(jsonPath("$.permission").value("PULL"))
			.andExpect(jsonPath("$.status").value("VALID"))
			.andExpect(jsonPath("$.description").value("CI 🚢"));
		assertThat(shareCount("acme-apps/billing/api")).isEqualTo(1);
	}

	/** A share to a disabled account pulls nothing: the API says so, as the Sharing tab does ("Account disabled"). */
	@Test
	void listWhenTheGranteeAccountIsDisabledThenItsShareIsAccountDisabled() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\"}").with(basic("alice")))
			.andExpect(status().isCreated());
		this.jdbc.sql("update account set disabled_at = created_at where name = 'globex'").update();
		try {
			this.mvc.perform(get("/api/v1/shares/acme-apps/nginx").with(basic("alice")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].account").value("globex"))
				.andExpect(jsonPath("$[0].status").value("ACCOUNT_DISABLED"));
		}
		finally {
			this.jdbc.sql("update account set disabled_at = null where name = 'globex'").update();
		}
	}

	/** A misspelt field made the share permanently valid; a field twice or a value of another type was taken too. */
	@Test
	void createWhenAFieldIsUnknownTwiceOrOfAnotherTypeThen400NamingItAndNothingShared() throws Exception {
		for (String[] bad : new String[][] {
				{ "{\"account\": \"globex\", \"valid_until\": \"2030-01-01\"}", "valid_until",
						"There is no field valid_until in this request; its fields are account, description, permanent, validUntil." },
				{ "{\"account\": \"initech\", \"account\": \"globex\"}", "account", "The field account is given twice." },
				{ "{\"account\": \"globex\", \"permanent\": \"true\"}", "permanent", null },
				{ "{\"account\": \"globex\", \"permanent\": 1}", "permanent", null },
				{ "{\"account\": \"globex\", \"description\": 5}", "description", null },
				{ "{\"account\": {\"name\": \"globex\"}}", "account", null },
				{ "{\"account\": \"globex\", \"validUntil\": \"31/12/2030\"}", "validUntil", null },
				{ "{\"account\": \"globex\", \"validUntil\": \"2030-02-30\"}", "validUntil", null },
				{ "{\"account\": \"globex\", \"validUntil\": [2030, 12, 31]}", "validUntil", null },
				{ "{\"account\": \"globex\", \"validUntil\": 20000}", "validUntil", null },
				{ "{\"account\": \"globex\", \"validUntil\": \"2030-12-31T23:30:00Z\"}", "validUntil", null },
				{ "{\"account\": \"globex\", \"validUntil\": \"2030-12-31T10:00:00\"}", "validUntil", null } }) {
			this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), bad[0]).with(basic("alice")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("bad_request"))
				.andExpect(jsonPath("$.field").value(bad[1]))
				.andExpect(jsonPath("$.detail").value((bad[2] != null) ? bad[2]
						: "The value of " + bad[1] + " has the wrong type or form (a text in quotes, true or false without quotes, a date as \"YYYY-MM-DD\")."));
		}
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\", \"" + "x".repeat(1000) + "\": 1}")
			.with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("x".repeat(64) + "…"));
		assertThat(shareCount("acme-apps/nginx")).isZero();
	}

	/** A date and Permanently valid at once: which was meant is not guessed (the share became permanent). */
	@Test
	void createOrUpdateWithADateAndPermanentThen400AndNothingChanged() throws Exception {
		String both = "{\"account\": \"globex\", \"validUntil\": \"2026-12-25\", \"permanent\": true}";
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), both).with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("permanent"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not both")));
		assertThat(shareCount("acme-apps/nginx")).isZero();

		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"validUntil\": \"2026-12-25\", \"permanent\": true}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("permanent"));
		this.mvc.perform(get("/api/v1/shares/acme-apps/nginx").with(basic("alice")))
			.andExpect(jsonPath("$[0].validUntil").value(org.hamcrest.Matchers.nullValue()))
			.andExpect(jsonPath("$[0].permanent").value(true));
	}

	/** A change naming another account in its body is not taken as a change of the share at the address. */
	@Test
	void updateWhenTheBodyNamesAnotherAccountThen400AndNothingChanged() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"account\": \"umbrella\", \"description\": \"moved\"}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("account"));
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"account\": \"globex\", \"description\": \"same account\"}").with(basic("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.description").value("same account"));
	}

	/** What a create or a change answers says what a list says: a share to a disabled account pulls nothing. */
	@Test
	void createOrUpdateWhenTheGranteeAccountIsDisabledThenTheAnswerSaysAccountDisabled() throws Exception {
		this.jdbc.sql("update account set disabled_at = created_at where name = 'globex'").update();
		try {
			this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\"}").with(basic("alice")))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.status").value("ACCOUNT_DISABLED"));
			this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
					"{\"description\": \"while disabled\"}").with(basic("alice")))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("ACCOUNT_DISABLED"));
		}
		finally {
			this.jdbc.sql("update account set disabled_at = null where name = 'globex'").update();
		}
	}

	@Test
	void createWhenAlreadySharedThen409() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\"}").with(basic("alice")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("already_shared"))
			.andExpect(jsonPath("$.detail").value("The image is already shared with account globex."));
	}

	@Test
	void createWhenDescriptionTooLongThen400() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"),
				"{\"account\": \"globex\", \"description\": \"" + "x".repeat(1001) + "\"}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("description_too_long"));
	}

	/** The name comes back as far as an account's name can go: it was said back whole, 100 KB of it. */
	@Test
	void createWhenTheAccountNameIsHugeThen400WithItShortened() throws Exception {
		String huge = "x".repeat(100_000);
		String detail = this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"" + huge + "\"}")
			.with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("unknown_account"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(detail).contains("x".repeat(64) + "…").doesNotContain("x".repeat(65)).hasSizeLessThan(1000);
		assertThat(shareCount("acme-apps/nginx")).isZero();
	}

	/** The grantee's account reads the description: text and line breaks, no control or direction character. */
	@Test
	void createWhenTheDescriptionHoldsAControlOrADirectionCharacterThen400AndNothingShared() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"),
				"{\"account\": \"globex\", \"description\": \"a\\u0000b\"}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("description"));
		for (String description : List.of("a\\u001bb", "read\\u202Eevil", "next\\u0085line", "half\\ud800char")) {
			this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"),
					"{\"account\": \"globex\", \"description\": \"" + description + "\"}").with(basic("alice")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.code").value("description_characters"));
		}
		assertThat(shareCount("acme-apps/nginx")).isZero();
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"),
				"{\"account\": \"globex\", \"description\": \"two\\nlines\\tand 🚢\"}").with(basic("alice")))
			.andExpect(status().isCreated());
	}

	@Test
	void createWhenCrossRegionThen400WithTheMessage() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"initech\"}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("cross_region"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("cross-region sharing is not supported")));
	}

	/** Java's dates run to the year 999,999,999; H2 stored such a Valid Until wrapped into the past. */
	@Test
	void createWhenValidUntilPastTheYear9999Then400AndNothingShared() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\", \"validUntil\": \"+999999999-12-31\"}")
			.with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("valid_until_too_late"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("9999-12-31")));
		this.mvc.perform(get("/api/v1/shares/acme-apps/nginx").with(basic("alice")))
			.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void createWhenValidUntilInThePastThen400() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\", \"validUntil\": \"2026-11-28\"}")
			.with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("valid_until_past"));
	}

	@Test
	void createWhenBodyIsNotJsonThen400() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{not json").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("bad_request"));
	}

	@Test
	void createWhenPublicImageThen400() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-public/hello"), "{\"account\": \"globex\"}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("not_private"));
	}

	@Test
	void createWhenNotManageThen403AndAudited() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"globex\"}").with(basic("bob")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("not_manager"));
		assertThat(auditActions()).containsExactly("SHARE_REFUSED");
		assertThat(refusedGrantees()).containsExactly("globex");
	}

	@Test
	void createWhenNotManageThenTheTypedTextIsNotWrittenIntoTheOwnersActivity() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"call +1-555-0100 now\"}")
			.with(basic("bob")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("not_manager"));
		assertThat(auditActions()).containsExactly("SHARE_REFUSED");
		assertThat(refusedGrantees()).containsOnlyNulls();
	}

	private List<String> refusedGrantees() {
		return this.jdbc.sql("select grantee_account from audit_event where action = 'SHARE_REFUSED'")
			.query(String.class)
			.list();
	}

	@Test
	void createWhenImageMissingOrInvisibleThen404() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nope"), "{\"account\": \"globex\"}").with(basic("alice")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not_found"));
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"), "{\"account\": \"umbrella\"}").with(basic("carol")))
			.andExpect(status().isNotFound());
	}

	@Test
	void requestWithoutCredentialsThen401() throws Exception {
		this.mvc.perform(get("/api/v1/shared-with-me")).andExpect(status().isUnauthorized());
	}

	@Test
	void listWhenOwnerThenSharesWithPulls() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		pull("acme-apps/nginx", "globex", "carol", "latest", "2026-11-29T11:00:00Z");
		this.mvc.perform(get("/api/v1/shares/acme-apps/nginx").with(basic("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].account").value("globex"))
			.andExpect(jsonPath("$[0].permanent").value(true))
			.andExpect(jsonPath("$[0].pulls.count").value(1))
			.andExpect(jsonPath("$[0].pulls.lastUser").value("carol"));
	}

	@Test
	void listWhenGranteeThen403() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(get("/api/v1/shares/acme-apps/nginx").with(basic("carol")))
			.andExpect(status().isForbidden());
	}

	@Test
	void updateThen200WithTheNewTerms() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"validUntil\": \"2027-01-31\", \"description\": \"migration\"}").with(basic("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.validUntil").value("2027-01-31"))
			.andExpect(jsonPath("$.description").value("migration"));
	}

	/** A client that changes only the description keeps the end date (it made the share permanent). */
	@Test
	void updateWhenOnlyTheDescriptionThenTheEndDateStays() throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/acme-apps/nginx"),
				"{\"account\": \"globex\", \"validUntil\": \"2027-01-01\", \"description\": \"first\"}").with(basic("alice")))
			.andExpect(status().isCreated());

		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"description\": \"only changing the text\"}").with(basic("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.validUntil").value("2027-01-01"))
			.andExpect(jsonPath("$.permanent").value(false))
			.andExpect(jsonPath("$.description").value("only changing the text"));
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"validUntil\": \"2027-02-01\"}").with(basic("alice")))
			.andExpect(jsonPath("$.validUntil").value("2027-02-01"))
			.andExpect(jsonPath("$.description").value("only changing the text"));
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"),
				"{\"permanent\": true}").with(basic("alice")))
			.andExpect(jsonPath("$.permanent").value(true));
	}

	/**
	 * A grantee learns nothing of the image's other shares: a change or a revoke is refused whether
	 * the image is shared with the account named or not (it was 403 against 404).
	 */
	@Test
	void updateOrDeleteWhenGranteeThen403WhetherTheAccountNamedHasAShareOrNot() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		create("alice", "acme-apps/nginx", "umbrella");

		for (String account : List.of("umbrella", "hooli", "no-such-account")) {
			this.mvc.perform(delete("/api/v1/shares/acme-apps/nginx").param("account", account).with(basic("carol")))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.code").value("not_manager"));
			this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", account), "{\"permanent\": true}")
				.with(basic("carol"))).andExpect(status().isForbidden());
		}
		assertThat(shareCount("acme-apps/nginx")).isEqualTo(2);
	}

	/**
	 * A body of another type than JSON is refused: such a request is one another site's page can
	 * send without asking first, with a password the browser remembers for the API.
	 */
	@Test
	void createWhenTheBodyIsNotSentAsJsonThen415AndNothingShared() throws Exception {
		for (String type : List.of(MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
			this.mvc.perform(post("/api/v1/shares/acme-apps/nginx").contentType(type)
				.content("{\"account\": \"globex\"}")
				.with(basic("alice"))).andExpect(status().isUnsupportedMediaType());
		}
		assertThat(shareCount("acme-apps/nginx")).isZero();
	}

	@Test
	void updateWhenNotSharedThen404() throws Exception {
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "globex"), "{}").with(basic("alice")))
			.andExpect(status().isNotFound());
	}

	@Test
	void updateWithoutAccountParameterThen400() throws Exception {
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx"), "{}").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("bad_request"));
	}

	@Test
	void updateAndDeleteWhenTheAccountIsInCapitalsThenTheShareOfThatAccount() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(json(put("/api/v1/shares/acme-apps/nginx").param("account", "GLOBEX"),
				"{\"account\":\"Globex\",\"description\":\"CI\"}").with(basic("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.account").value("globex"))
			.andExpect(jsonPath("$.description").value("CI"));
		this.mvc.perform(delete("/api/v1/shares/acme-apps/nginx").param("account", " GLOBEX ").with(basic("alice")))
			.andExpect(status().isNoContent());
	}

	@Test
	void deleteThen204AndTheGranteeLosesTheImage() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(delete("/api/v1/shares/acme-apps/nginx").param("account", "globex").with(basic("alice")))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/shared-with-me").with(basic("carol")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void deleteWhenNotManageThen403() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		this.mvc.perform(delete("/api/v1/shares/acme-apps/nginx").param("account", "globex").with(basic("bob")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("not_manager"));
	}

	@Test
	void sharedByMeAndWithMeThenBothSidesSeeTheShare() throws Exception {
		create("alice", "acme-apps/nginx", "globex");
		create("alice", "acme-apps/billing/api", "globex");
		this.mvc.perform(get("/api/v1/shared-by-me").param("limit", "1").with(basic("alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1));
		this.mvc.perform(get("/api/v1/shared-with-me").with(basic("carol")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].image").value("acme-apps/billing/api"))
			.andExpect(jsonPath("$[0].owner").value("acme"))
			.andExpect(jsonPath("$[0].status").value("VALID"))
			.andExpect(jsonPath("$[1].image").value("acme-apps/nginx"));
		this.mvc.perform(get("/api/v1/shared-with-me").param("offset", "1").with(basic("carol")))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].image").value("acme-apps/nginx"));
	}

	@Test
	void listWhenLimitAbove1000Then400() throws Exception {
		this.mvc.perform(get("/api/v1/shared-by-me").param("limit", "1001").with(basic("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_paging"));
		this.mvc.perform(get("/api/v1/shared-with-me").param("offset", "-1").with(basic("carol")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void apiWithSessionThenWorksToo() throws Exception {
		this.mvc.perform(get("/api/v1/shared-by-me").with(loggedInAs("alice"))).andExpect(status().isOk());
	}

	private void create(String username, String path, String account) throws Exception {
		this.mvc.perform(json(post("/api/v1/shares/" + path), "{\"account\": \"" + account + "\"}").with(basic(username)))
			.andExpect(status().isCreated());
	}

}

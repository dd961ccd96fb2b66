package dev.berth.sharing;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Sharing several selected images at once: each image on its own, with a result per image. */
class BatchShareControllerTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	ShareService service;

	@Test
	void batchFormThenListsTheSelectedImagesAndTheShareFields() throws Exception {
		this.mvc.perform(get("/shares/batch").param("image", id("acme-apps/nginx"), id("acme-apps/billing/api"))
			.with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("nginx"), containsString("billing/api"),
					containsString("Share With"), containsString("Permanently valid"))));
	}

	@Test
	void batchFormWhenNothingSelectedThenBackToTheListWithAMessage() throws Exception {
		this.mvc.perform(get("/shares/batch").with(loggedInAs("alice")))
			.andExpect(redirectedUrl("/images"))
			.andExpect(flash().attribute("flashError", "Select at least one private image to share."));
	}

	@Test
	void batchShareThenEachImageIsJudgedOnItsOwn() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/billing/api"), new ShareForm("globex", null, true, ""));
		MvcResult result = this.mvc.perform(post("/shares/batch")
			.param("image", id("acme-apps/nginx"), id("acme-apps/billing/api"), id("acme-public/hello"))
			.param("shareWith", "globex")
			.param("permanent", "true")
			.with(loggedInAs("alice"))
			.with(csrf()))
			.andExpect(redirectedUrl("/shares/batch/result"))
			.andReturn();
		@SuppressWarnings("unchecked")
		List<BatchShareController.BatchResult> results = (List<BatchShareController.BatchResult>) result.getFlashMap()
			.get("results");
		assertThat(results).extracting(BatchShareController.BatchResult::image, BatchShareController.BatchResult::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("acme-apps/nginx", BatchShareController.Outcome.SHARED),
					org.assertj.core.groups.Tuple.tuple("acme-apps/billing/api", BatchShareController.Outcome.ALREADY_SHARED),
					org.assertj.core.groups.Tuple.tuple("acme-public/hello", BatchShareController.Outcome.REFUSED));
		assertThat(results.get(1).reason()).isEqualTo("The image is already shared with account globex.");
		assertThat(results.get(2).reason()).contains("Public images cannot be shared");
		// The browser's next request: the result travels in the session (in the database), by its cookie.
		this.mvc.perform(get("/shares/batch/result").cookie(result.getResponse().getCookies())
			.with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("Shared with globex: 1 of 3 images; one already was."),
					containsString(">Already shared</span>"), containsString(">Not shared</span>"),
					containsString("The image is already shared with account globex."))));
	}

	@Test
	void batchShareWhenFormIsInvalidThenTheFormAgainAndNothingTried() throws Exception {
		this.mvc.perform(post("/shares/batch").param("image", id("acme-apps/nginx"))
			.param("shareWith", "x".repeat(65))
			.param("permanent", "true")
			.with(loggedInAs("alice"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("An account name has at most 64 characters.")));
		assertThat(auditActions()).isEmpty();
	}

	/** What holds for every image is said once, next to its field, and no image is tried (it was a result page with the reason once an image). */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"no account        |        | 2027-01-01 | shareWith-error  | Enter the account to share with.",
			"an unknown one    | nobody | 2027-01-01 | shareWith-error  | There is no account named nobody.",
			"the actor's own   | acme   | 2027-01-01 | shareWith-error  | acme is your own account",
			"a past date       | globex | 2026-11-28 | validUntil-error | Valid Until must be today" })
	void batchShareWhenTheTermsHoldForNoImageThenTheFormWithTheMessageAndNothingTried(String which, String account,
			String validUntil, String errorId, String message) throws Exception {
		this.mvc.perform(post("/shares/batch").param("image", id("acme-apps/nginx"), id("acme-apps/billing/api"))
			.param("shareWith", (account != null) ? account : "")
			.param("validUntil", validUntil)
			.with(loggedInAs("alice"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No image was shared. Please correct the marked fields.")))
			.andExpect(content().string(containsString("id=\"" + errorId + "\"")))
			.andExpect(content().string(containsString(message)));
		assertThat(shareCount("acme-apps/nginx") + shareCount("acme-apps/billing/api")).isZero();
		assertThat(auditActions()).isEmpty();
	}

	/** A cross-region attempt is audited, image by image, as it always was; a user who may share none learns nothing of accounts. */
	@Test
	void batchShareWhenAnotherRegionOrNoImageMayBeSharedThenNoFormMessage() throws Exception {
		this.mvc.perform(post("/shares/batch").param("image", id("acme-apps/nginx"))
			.param("shareWith", "initech")
			.param("permanent", "true")
			.with(loggedInAs("alice"))
			.with(csrf()))
			.andExpect(redirectedUrl("/shares/batch/result"));
		assertThat(auditActions()).containsExactly("SHARE_REFUSED");

		this.mvc.perform(post("/shares/batch").param("image", id("acme-apps/nginx"))
			.param("shareWith", "nobody")
			.param("permanent", "true")
			.with(loggedInAs("bob"))
			.with(csrf()))
			.andExpect(redirectedUrl("/shares/batch/result"));
	}

	@Test
	void batchWhenAnImageIsInvisibleThenNotFound() throws Exception {
		this.mvc.perform(get("/shares/batch").param("image", id("globex-ml/trainer")).with(loggedInAs("alice")))
			.andExpect(status().isNotFound());
	}

	private String id(String path) {
		return String.valueOf(imageId(path));
	}


	@Test
	void batchFormWhenUserMayShareNoneOfThemThenTheReasonsAndNoForm() throws Exception {
		this.mvc.perform(get("/shares/batch").param("image", id("acme-apps/nginx")).with(loggedInAs("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Sharing acme-apps/nginx needs the Manage permission."),
					not(containsString("id=\"batch-share-form\"")))));
	}

	@Test
	void batchFormWhenAPublicImageIsSelectedThenItIsLeftOutWithTheReason() throws Exception {
		this.mvc.perform(get("/shares/batch").param("image", id("acme-apps/nginx"), id("acme-public/hello"))
			.with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Public images cannot be shared: acme-public/hello is public"),
					containsString("id=\"batch-share-form\""))));
	}

	@Test
	void batchFormWhenImageInvisibleThenNotFound() throws Exception {
		this.mvc.perform(get("/shares/batch").param("image", id("acme-apps/nginx")).with(loggedInAs("carol")))
			.andExpect(status().isNotFound());
	}

	@Test
	void batchFormWhenAnEmptyImageParameterThenIgnored() throws Exception {
		this.mvc.perform(get("/shares/batch").param("image", "", id("acme-apps/nginx")).with(loggedInAs("alice")))
			.andExpect(status().isOk());
	}

	@ParameterizedTest
	@CsvSource({ "permanent, maybe, Permanently valid is either ticked or not.",
			"validUntil, 29/11/2026, Enter a date as YYYY-MM-DD (a day on the calendar)." })
	void batchShareWhenAValueHasTheWrongTypeThen400WithTheMessageAndNothingShared(String field, String value,
			String message) throws Exception {
		this.mvc.perform(post("/shares/batch").param("image", id("acme-apps/nginx"))
			.param("shareWith", "globex")
			.param(field, value)
			.with(loggedInAs("alice"))
			.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString(message)));
		assertThat(shareCount("acme-apps/nginx")).isZero();
	}

}

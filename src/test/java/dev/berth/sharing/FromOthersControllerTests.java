package dev.berth.sharing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.accounts.BerthUser;
import dev.berth.images.Image;
import dev.berth.images.ImageRepository;
import dev.berth.images.Visibility;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.ErrorResponse;

import static dev.berth.testing.PageText.pageText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Images From Others and Private Images › My shared images. */
class FromOthersControllerTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	ShareService service;

	@Autowired
	ImageRepository images;

	@Autowired
	OrganizationRepository organizations;

	@BeforeEach
	void aliceSharesTwoImagesWithGlobex() {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.service.share(user("alice"), image(user("alice"), "acme-apps/billing/api"),
				new ShareForm("globex", java.time.LocalDate.parse("2026-12-31"), false, ""));
	}

	@Test
	void fromOthersThenListsOwnerImageValidUntilAndStatus() throws Exception {
		this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Images From Others"), containsString("data-image=\"acme-apps/nginx\""),
					containsString("data-image=\"acme-apps/billing/api\""), containsString("Permanently valid"),
					containsString("2026-12-31"), containsString("<td class=\"owner\" data-label=\"Owner account\">acme</td>"), containsString("status-valid"))));
	}

	@Test
	void fromOthersWhenSearchingByHtmxThenOnlyTheResultsFragment() throws Exception {
		this.mvc.perform(get("/images/from-others").param("q", "billing").header("HX-Request", "true").with(loggedInAs("carol")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"results\""), containsString("acme-apps/billing/api"),
					not(containsString("data-image=\"acme-apps/nginx\"")), not(containsString("<html")))));
	}

	@Test
	void fromOthersWhenPagedThenPagerShowsTheRest() throws Exception {
		this.mvc.perform(get("/images/from-others").param("size", "10").param("sort", "name").param("dir", "desc").with(loggedInAs("carol")))
			.andExpect(pageText(containsString("1–2 of 2")));
	}

	@Test
	void fromOthersWhenAPagePastTheEndThenTheLastPage() throws Exception {
		this.mvc.perform(get("/images/from-others").param("page", "40").with(loggedInAs("carol")))
			.andExpect(pageText(allOf(containsString("1–2 of 2"), containsString("Page 1 of 1"),
					containsString("data-image=\"acme-apps/nginx\""), not(containsString("No images are shared")))));
	}

	@Test
	void fromOthersWhenNothingSharedThenAHelpfulEmptyState() throws Exception {
		this.mvc.perform(get("/images/from-others").with(loggedInAs("erin")))
			.andExpect(content().string(containsString("No images are shared with your account")));
	}

	/** An administrator of an account without organizations is told what to do, with the way there. */
	@Test
	void myImagesWhenTheAccountHasNoOrganizationThenTheWayToCreateOne() throws Exception {
		this.mvc.perform(get("/images").with(loggedInAs("erin")))
			.andExpect(content().string(allOf(containsString("Your account has no organization yet."),
					containsString("id=\"create-organization\" href=\"/organizations\""))));
	}

	@Test
	void fromOthersWhenAnotherAccountThenItsSharesStayInvisible() throws Exception {
		this.mvc.perform(get("/images/from-others").with(loggedInAs("alice")))
			.andExpect(content().string(not(containsString("data-image="))));
	}

	@Test
	void mySharedImagesThenKeepsOnlySharedImagesWithTheirAccountCount() throws Exception {
		this.mvc.perform(get("/images").param("shared", "true").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("acme-apps/</span><wbr><strong>nginx"),
					containsString("billing/api"), not(containsString("internal-tools")), containsString("1 account"))));
	}

	@Test
	void mySharedImagesWhenSharedWithTwoAccountsThenTheBadgeCountsThem() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("umbrella", null, true, ""));
		this.mvc.perform(get("/images").param("shared", "true").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(">2 accounts</span>"), containsString(">1 account</span>"))));
	}

	@Test
	void ownerSharesSuspendedThenTheGranteeNoLongerSeesThemUntilEnabled() throws Exception {
		// What the operator's "disable acme, and suspend the shares it gives" leaves behind.
		this.jdbc.sql("update account set shares_suspended = true where name = 'acme'").update();
		try {
			this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
				.andExpect(content().string(allOf(not(containsString("data-image=")),
						containsString("No images are shared with your account"))));
			this.mvc.perform(get("/images/acme-apps/nginx").with(loggedInAs("carol"))).andExpect(status().isNotFound());
		}
		finally {
			this.jdbc.sql("update account set shares_suspended = false where name = 'acme'").update();
		}
		this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
			.andExpect(content().string(containsString("data-image=\"acme-apps/nginx\"")));
	}

	@Test
	void ownerAccountDeletedThenTheGranteeNoLongerSeesItsShares() throws Exception {
		// An account is deleted once it is empty; should a share outlive it, it gives nothing.
		this.jdbc.sql("update account set deleted_at = current_timestamp where name = 'acme'").update();
		try {
			this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
				.andExpect(content().string(not(containsString("data-image=\"acme-apps/"))));
		}
		finally {
			this.jdbc.sql("update account set deleted_at = null where name = 'acme'").update();
		}
		this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
			.andExpect(content().string(containsString("data-image=\"acme-apps/nginx\"")));
	}

	@Test
	void revokedImageWhenGranteeOpensItThenNotFoundSayingItIsNoLongerShared() throws Exception {
		this.mvc.perform(get("/images/acme-apps/nginx").with(loggedInAs("carol"))).andExpect(status().isOk());
		var nginx = image(user("alice"), "acme-apps/nginx");
		this.service.revoke(user("alice"), nginx, this.service.shareWith(user("alice"), nginx, "globex"));
		this.mvc.perform(get("/images/acme-apps/nginx").with(loggedInAs("carol")))
			.andExpect(status().isNotFound())
			.andExpect(result -> assertThat(detail(result)).isEqualTo("problem.404.noLongerShared"));
		// An account it was never shared with learns nothing, not even that it exists.
		this.mvc.perform(get("/images/acme-apps/nginx").with(loggedInAs("erin")))
			.andExpect(status().isNotFound())
			.andExpect(result -> assertThat(detail(result)).isEqualTo("problem.404.image"));
		this.mvc.perform(get("/images/acme-apps/nothing-here").with(loggedInAs("carol")))
			.andExpect(status().isNotFound())
			.andExpect(result -> assertThat(detail(result)).isEqualTo("problem.404.image"));
	}

	@Test
	void fromOthersNextThenReadsOnFromTheLastImageOfThePage() throws Exception {
		givenSharedWithGlobex("batch-", 12);
		// By path: batch-0, batch-1, batch-10, batch-11, batch-2 … batch-9, billing/api, nginx.
		String first = this.mvc.perform(get("/images/from-others").param("sort", "name").with(loggedInAs("carol")))
			.andExpect(pageText(containsString("1–10 of 14")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String next = pagerLink(first, "next");
		assertThat(next).isEqualTo("/images/from-others?sort=name&amp;dir=asc&amp;page=2&amp;after="
				+ imageId("acme-apps/batch-7"));
		this.mvc.perform(get(next.replace("&amp;", "&")).with(loggedInAs("carol")))
			.andExpect(pageText(allOf(containsString("11–14 of 14"), containsString("data-image=\"acme-apps/batch-8\""),
					containsString("data-image=\"acme-apps/nginx\""), not(containsString("data-image=\"acme-apps/batch-7\"")))));
		// After an image that is not in carol's list: the page by its number.
		this.mvc.perform(get("/images/from-others").param("sort", "name").param("page", "2")
			.param("after", String.valueOf(imageId("acme-apps/internal-tools"))).with(loggedInAs("carol")))
			.andExpect(pageText(allOf(containsString("11–14 of 14"), containsString("data-image=\"acme-apps/batch-8\""))));
		this.mvc.perform(get("/images/from-others").param("page", "2").param("after", "x").with(loggedInAs("carol")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void fromOthersPreviousThenReadsBackFromTheFirstImageOfThePage() throws Exception {
		givenSharedWithGlobex("stack-", 22);
		String third = this.mvc.perform(get("/images/from-others").param("sort", "name").param("page", "3")
			.with(loggedInAs("carol")))
			.andExpect(pageText(containsString("21–24 of 24")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String previous = pagerLink(third, "prev");
		assertThat(previous).isEqualTo("/images/from-others?sort=name&amp;dir=asc&amp;page=2&amp;before="
				+ imageId(shownImages(third).get(0)));
		String second = this.mvc.perform(get(previous.replace("&amp;", "&")).with(loggedInAs("carol")))
			.andExpect(pageText(containsString("11–20 of 24")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String byNumber = this.mvc.perform(get("/images/from-others").param("sort", "name").param("page", "2")
			.with(loggedInAs("carol"))).andReturn().getResponse().getContentAsString();
		assertThat(shownImages(second)).hasSize(10).isEqualTo(shownImages(byNumber));
		// The first page is read by its number: its Previous link carries no image.
		assertThat(pagerLink(second, "prev")).isEqualTo("/images/from-others?sort=name&amp;dir=asc");
		this.mvc.perform(get("/images/from-others").param("page", "2").param("before", "x").with(loggedInAs("carol")))
			.andExpect(status().isBadRequest());
	}

	/** The address of the pager's link {@code rel} (next, prev) on the page, as written in its HTML. */
	private static String pagerLink(String html, String rel) {
		Matcher link = Pattern.compile("rel=\"" + rel + "\"\\s+href=\"([^\"]+)\"").matcher(html);
		assertThat(link.find()).as("a " + rel + " link").isTrue();
		return link.group(1);
	}

	/** {@code count} new images of acme-apps, named {@code prefix} and a number, each shared with globex by alice. */
	private void givenSharedWithGlobex(String prefix, int count) {
		BerthUser alice = user("alice");
		Organization apps = this.organizations.findByName("acme-apps").orElseThrow();
		for (int i = 0; i < count; i++) {
			this.images.save(Image.create(apps, prefix + i, Visibility.PRIVATE, "Bench", "", this.clock.instant()));
			this.service.share(alice, image(alice, "acme-apps/" + prefix + i), new ShareForm("globex", null, true, ""));
		}
	}

	/** The images a page of Images From Others shows, in their order. */
	private static List<String> shownImages(String html) {
		return Pattern.compile("data-image=\"([^\"]+)\"").matcher(html).results().map((m) -> m.group(1)).toList();
	}

	/** The error page shows the text of this key (the browser tests read it on the page). */
	private static String detail(MvcResult result) {
		return ((ErrorResponse) result.getResolvedException()).getDetailMessageCode();
	}

}

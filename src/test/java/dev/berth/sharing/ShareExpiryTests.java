package dev.berth.sharing;

import java.time.LocalDate;

import dev.berth.images.ImageAccess;
import dev.berth.images.ImageFilter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A share is valid through the whole Valid Until day in UTC and expired from 00:00:00 UTC the
 * next day; an expired share stays listed as Expired on both sides.
 */
class ShareExpiryTests extends SharingTestBase {

	@Autowired
	ShareService service;

	@Autowired
	SharedImages sharedImages;

	@Autowired
	ImageAccess access;

	@Autowired
	MockMvc mvc;

	@Test
	void shareWhenLastMillisecondOfValidUntilThenStillValidEverywhere() {
		shareUntil("2026-11-29");
		this.clock.set("2026-11-29T23:59:59.999Z");
		assertThat(this.access.visible(user("carol"), "acme-apps", "nginx").viewer().validShare()).isTrue();
		assertThat(this.sharedImages.all(imageId("acme-apps/nginx")).get(0).valid()).isTrue();
		assertThat(this.sharedImages.sharedWith(user("carol"), ImageFilter.defaults()).items().get(0).valid()).isTrue();
	}

	@Test
	void shareWhenMidnightUtcAfterValidUntilThenExpiredButStillListedOnBothSides() {
		shareUntil("2026-11-29");
		this.clock.set("2026-11-30T00:00:00Z");
		var viewer = this.access.visible(user("carol"), "acme-apps", "nginx").viewer();
		assertThat(viewer.validShare()).isFalse();
		assertThat(viewer.canPull()).isFalse();
		assertThat(this.sharedImages.all(imageId("acme-apps/nginx"))).singleElement()
			.satisfies(row -> assertThat(row.valid()).isFalse());
		assertThat(this.sharedImages.sharedWith(user("carol"), ImageFilter.defaults()).items()).singleElement()
			.satisfies(row -> assertThat(row.valid()).isFalse());
	}

	@Test
	void expiredShareWhenGranteeOpensTheImageThenReadOnlyWithTheExpiredNotice() throws Exception {
		shareUntil("2026-11-29");
		this.clock.set("2026-11-30T00:00:00Z");
		this.mvc.perform(get("/images/acme-apps/nginx").with(loggedInAs("carol")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"expired-notice\""), containsString("Expired"),
					containsString("Owner account"), org.hamcrest.Matchers.not(containsString("id=\"share-count\"")))));
		this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
			.andExpect(content().string(allOf(containsString("acme-apps/"), containsString("status-expired"))));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "sharing").with(loggedInAs("alice")))
			.andExpect(content().string(containsString("status-expired")));
	}

	@Test
	void expiredShareWhenOwnerExtendsItThenValidAgain() {
		Share share = shareUntil("2026-11-29");
		this.clock.set("2026-12-01T08:00:00Z");
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2026-12-01"), false, ""), null);
		assertThat(this.access.visible(user("carol"), "acme-apps", "nginx").viewer().validShare()).isTrue();
	}

	@Test
	void permanentShareWhenYearsPassThenStillValid() {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.clock.set("2036-01-01T00:00:00Z");
		assertThat(this.access.visible(user("carol"), "acme-apps", "nginx").viewer().validShare()).isTrue();
	}

	private Share shareUntil(String day) {
		this.clock.set(day + "T08:00:00Z");
		return this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse(day), false, ""));
	}

}

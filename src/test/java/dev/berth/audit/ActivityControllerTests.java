package dev.berth.audit;

import dev.berth.sharing.ShareForm;
import dev.berth.sharing.ShareService;
import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The Activity page: the account's share events and pulls of its images by others, newest first. */
class ActivityControllerTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	ShareService service;

	@Autowired
	Activity activity;

	@Test
	void activityThenSharesRefusalsAndPullsNewestFirst() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.clock.set("2026-11-29T12:05:00Z");
		catchThrowable(() -> this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("initech", null, true, "")));
		pull("acme-apps/nginx", "globex", "carol", "1.26", "2026-11-29T12:10:00Z");
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Pulled"), containsString("Sharing refused"),
					containsString("cross-region sharing is not supported"), containsString("Shared"))));
		var rows = this.activity.forAccount(user("alice"), 1).items();
		assertThat(rows).extracting(ActivityRow::action)
			.containsExactly(AuditAction.PULLED, AuditAction.SHARE_REFUSED, AuditAction.SHARE_CREATED);
		assertThat(rows.get(0).detail()).startsWith("1.26 (sha256:");
	}

	@Test
	void activityWhenOtherAccountThenSeesNoneOfIt() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.mvc.perform(get("/activity").with(loggedInAs("erin")))
			.andExpect(content().string(allOf(containsString("No activity yet"), not(containsString("acme-apps/nginx")))));
	}

	@Test
	void activityWhenManyEventsThenPagedByTwenty() throws Exception {
		for (int i = 0; i < 25; i++) {
			pull("acme-apps/nginx", "globex", "carol", "latest", "2026-11-29T10:%02d:00Z".formatted(i));
		}
		this.mvc.perform(get("/activity").param("page", "2").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("21–25 of 25"), containsString("Page 2 of 2"))));
	}

	@Test
	void readOnlyUserWhenImagesOutsideTheGrantThenTheirEventsAreHidden() throws Exception {
		this.jdbc.sql("""
				insert into audit_event (account_id, actor, action, image_id, image_name, occurred_at)
				select o.account_id, 'alice', 'SHARE_CREATED', i.id, 'hidden/secret', current_timestamp
				from image i join organization o on o.id = i.organization_id where o.name = 'acme-public'
				""").update();
		this.mvc.perform(get("/activity").with(loggedInAs("bob")))
			.andExpect(content().string(not(containsString("hidden/secret"))));
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(content().string(containsString("hidden/secret")));
	}

	@Test
	void sharingTabThenShowsTheImageHistory() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		catchThrowable(() -> this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, "")));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "sharing").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("id=\"share-history\""),
					containsString("The image is already shared with account globex."))));
	}

}

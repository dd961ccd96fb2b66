package dev.berth.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.sharing.ShareForm;
import dev.berth.sharing.ShareService;
import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static dev.berth.testing.PageText.pageText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
		var rows = this.activity.forAccount(user("alice"), ActivityFilter.none()).items();
		assertThat(rows).extracting(ActivityRow::action)
			.containsExactly(AuditAction.PULLED, AuditAction.SHARE_REFUSED, AuditAction.SHARE_CREATED);
		assertThat(rows.get(0).detail()).startsWith("1.26 (sha256:");
	}

	@Test
	void activityWhenMoreThanAThousandEventsPastThePageThenSaysMoreThanAndStillPages() throws Exception {
		pulls(Activity.counted(1) + 5);
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(pageText(allOf(containsString("More than 1,020 events match"),
					containsString("1–20 of more than 1,020"), containsString("rel=\"next\""))));
		this.mvc.perform(get("/activity").param("page", "52").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("1,025 events match"), containsString("Page 52 of 52"),
					not(containsString("rel=\"next\"")))));
		assertThat(Activity.counted(500)).as("the pager's reach").isEqualTo(Activity.MAX_LISTED);
	}

	/** The pulls and the events are read apart, and counted together: neither alone is more than the pager reaches. */
	@Test
	void activityWhenThePullsAndTheEventsTogetherAreMoreThanTheCountThenSaysMoreThan() throws Exception {
		pulls(Activity.counted(1));
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(pageText(allOf(containsString("1,020 events match"), not(containsString("More than")))));
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(pageText(allOf(containsString("More than 1,020 events match"),
					containsString("1–20 of more than 1,020"))));
		this.mvc.perform(get("/activity").param("page", "52").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("1,021 events match"), containsString("Page 52 of 52"))));
	}

	/** A link to an image whose share was revoked would lead to a 404: the grantee's rows name it without one. */
	@Test
	void activityWhenAShareReceivedWasRevokedThenItsImageIsNamedWithoutALink() throws Exception {
		VisibleImage nginx = image(user("alice"), "acme-apps/nginx");
		this.service.share(user("alice"), nginx, new ShareForm("globex", null, true, ""));
		this.mvc.perform(get("/activity").with(loggedInAs("carol")))
			.andExpect(content().string(containsString("href=\"/images/acme-apps/nginx\"")));
		this.service.revoke(user("alice"), nginx, this.service.shareWith(user("alice"), nginx, "globex"));
		this.mvc.perform(get("/activity").with(loggedInAs("carol")))
			.andExpect(content().string(allOf(containsString(">Received share revoked</span>"),
					containsString("<span class=\"image-path\" title=\"This image is no longer shared with your account\">acme-apps/nginx</span>"),
					not(containsString("href=\"/images/acme-apps/nginx\"")))));
		// The owner's rows of the same image still lead to it.
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(content().string(containsString("href=\"/images/acme-apps/nginx\"")));
	}

	/** While the operator suspends the owner's shares, the grantee cannot open the image either. */
	@Test
	void activityWhenTheOwnersSharesAreSuspendedThenTheirImagesAreNamedWithoutALink() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.jdbc.sql("update account set shares_suspended = true where name = 'acme'").update();
		this.mvc.perform(get("/activity").with(loggedInAs("carol")))
			.andExpect(content().string(allOf(containsString(">acme-apps/nginx</span>"),
					not(containsString("href=\"/images/acme-apps/nginx\"")))));
		this.jdbc.sql("update account set shares_suspended = false where name = 'acme'").update();
		this.mvc.perform(get("/activity").with(loggedInAs("carol")))
			.andExpect(content().string(containsString("href=\"/images/acme-apps/nginx\"")));
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
			.andExpect(pageText(allOf(containsString("21–25 of 25"), containsString("Page 2 of 2"))));
		this.mvc.perform(get("/activity").param("page", "7").with(loggedInAs("alice")))
			.andExpect(pageText(allOf(containsString("21–25 of 25"), containsString("Page 2 of 2"),
					not(containsString("No activity yet")))));
		// The count and the pager are rendered once for what they show: one more event shows at once.
		pull("acme-apps/nginx", "globex", "carol", "latest", "2026-11-29T10:30:00Z");
		this.mvc.perform(get("/activity").param("page", "2").with(loggedInAs("alice")))
			.andExpect(pageText(allOf(containsString("21–26 of 26"), containsString("26 events"))));
	}

	/** A page number typed into the address that is none: it showed the filters and nothing else. */
	@Test
	void activityWhenThePageIsNoNumberThen400SayingSoWithTheFirstPage() throws Exception {
		this.mvc.perform(get("/activity").param("page", "abc").param("action", "SHARE_CREATED").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("There is no such page of this list"),
					containsString("href=\"/activity?action=SHARE_CREATED\""))));
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
	void sharingTabThenTheHistoryShowsSharesChangesAndPullsNotFormMistakes() throws Exception {
		var share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2026-12-31"), false, "CI"));
		catchThrowable(() -> this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", null, true, "")));
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2027-01-31"), false, "CI"), null);
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "sharing").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("id=\"share-history\""), containsString("Share changed"),
					containsString("<del>2026-12-31</del>"), containsString("<ins>2027-01-31</ins>"),
					not(containsString("already shared")))));
	}

	@Test
	void shareChangedThenActivityShowsEachChangedFieldOldAndNew() throws Exception {
		var share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", null, true, "CI"));
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", LocalDate.parse("2026-12-31"), false, "CI of globex"), null);
		var changed = this.activity.forAccount(user("alice"), filter(null, null, null, "SHARE_CHANGED", null, null))
			.items();
		assertThat(changed).singleElement()
			.satisfies(row -> assertThat(row.changes()).containsExactly(
					new AuditEntry.Change("sharing.validUntil", "Permanently valid", "2026-12-31"),
					new AuditEntry.Change("sharing.description", "CI", "CI of globex")));
		this.mvc.perform(get("/activity").param("action", "SHARE_CHANGED").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("<del>Permanently valid</del>"),
					containsString("<ins>2026-12-31</ins>"), containsString("<del>CI</del>"),
					containsString("<ins>CI of globex</ins>"))));
	}

	@Test
	void granteeAccountThenSeesSharesReceivedChangedRevokedAndExpired() throws Exception {
		var nginx = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", LocalDate.parse("2026-11-30"), false, ""));
		var api = this.service.share(user("alice"), image(user("alice"), "acme-apps/billing/api"),
				new ShareForm("globex", null, true, ""));
		this.clock.set("2026-11-29T13:00:00Z");
		var changed = this.service.update(user("alice"), image(user("alice"), "acme-apps/billing/api"), api,
				new ShareForm("", null, true, "for the billing team"), null);
		this.service.revoke(user("alice"), image(user("alice"), "acme-apps/billing/api"), changed);
		this.clock.set("2026-12-02T09:00:00Z");

		// carol is a plain member of globex: the account's side of the shares is hers to see too.
		var rows = this.activity.forAccount(user("carol"), ActivityFilter.none()).items();
		assertThat(rows).extracting(ActivityRow::action)
			.containsExactly(AuditAction.SHARE_EXPIRED, AuditAction.SHARE_RECEIVED_REVOKED,
					AuditAction.SHARE_RECEIVED_CHANGED, AuditAction.SHARE_RECEIVED, AuditAction.SHARE_RECEIVED);
		assertThat(rows.get(0).occurredAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
		assertThat(rows).extracting(ActivityRow::account).containsOnly("acme");
		assertThat(nginx.imageName()).isEqualTo("nginx");
		this.mvc.perform(get("/activity").with(loggedInAs("carol")))
			.andExpect(content().string(allOf(containsString("Share expired"), containsString("Share received"),
					containsString("Valid Until was 2026-11-30"), not(containsString("No activity yet")))));
		// Nothing of it reaches the owner's other grantees or other accounts.
		this.mvc.perform(get("/activity").with(loggedInAs("erin")))
			.andExpect(content().string(containsString("No activity yet")));
	}

	@Test
	void filtersThenNarrowByImageAccountUserActionAndDays() throws Exception {
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"), new ShareForm("globex", null, true, ""));
		this.clock.set("2026-11-30T08:00:00Z");
		this.service.share(user("alice"), image(user("alice"), "acme-apps/billing/api"),
				new ShareForm("globex", null, true, ""));
		pull("acme-apps/nginx", "globex", "carol", "1.26", "2026-12-01T10:00:00Z");
		pull("acme-apps/nginx", "globex", "dave", "1.25", "2026-12-01T11:00:00Z");

		assertThat(actions(filter("acme-apps/nginx", null, null, null, null, null)))
			.containsExactly(AuditAction.PULLED, AuditAction.PULLED, AuditAction.SHARE_CREATED);
		assertThat(actions(filter(null, null, "dave", null, null, null))).containsExactly(AuditAction.PULLED);
		assertThat(actions(filter(null, "globex", null, "SHARE_CREATED", null, null)))
			.containsExactly(AuditAction.SHARE_CREATED, AuditAction.SHARE_CREATED);
		assertThat(actions(filter(null, null, null, null, "2026-11-30", "2026-11-30")))
			.containsExactly(AuditAction.SHARE_CREATED);
		assertThat(actions(filter(null, "initech", null, null, null, null))).isEmpty();

		this.mvc.perform(get("/activity").param("user", "dave").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("value=\"dave\""), containsString("1.25 (sha256:"),
					not(containsString("1.26 (sha256:")), containsString("Clear filters"))));
	}

	@Test
	void filtersWhenDatesAreNotDatesOrOutOfOrderThenMessagesNextToTheFields() throws Exception {
		this.mvc.perform(get("/activity").param("from", "yesterday").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("id=\"f-from-error\""),
					containsString("Enter a date as YYYY-MM-DD (a day on the calendar)."), containsString("value=\"yesterday\""))));
		this.mvc.perform(get("/activity").param("from", "2026-12-02").param("to", "2026-12-01").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("id=\"f-to-error\""),
					containsString("To must be on or after From."),
					// The list does not stay empty without a word (a reviewer's finding).
					containsString("Correct the marked filter, then Apply filters; or Clear filters."))));
		this.mvc.perform(get("/activity").param("action", "DELETED_EVERYTHING").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Choose an action from the list.")));
		this.mvc.perform(get("/activity.csv").param("to", "someday").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest());
	}

	/** The filter form is rendered once for what it shows: each request still shows its own values and messages. */
	@Test
	void filtersWhenAskedAgainOtherwiseThenTheFormShowsTheNewValuesAndNoOldMessage() throws Exception {
		this.mvc.perform(get("/activity").param("from", "yesterday").param("user", "dave").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("value=\"yesterday\""), containsString("id=\"f-from-error\""))));

		this.mvc.perform(get("/activity").param("from", "2026-11-30").param("user", "dave").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("value=\"2026-11-30\""), containsString("value=\"dave\""),
					not(containsString("id=\"f-from-error\"")), not(containsString("value=\"yesterday\"")),
					containsString("Clear filters"))));
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(not(containsString("value=\"dave\"")),
					not(containsString("value=\"2026-11-30\"")), not(containsString("Clear filters")))));
		this.mvc.perform(get("/activity").param("action", "SHARE_REVOKED").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"SHARE_REVOKED\" selected=\"selected\">")));
	}

	/** Java's dates run to the year 999,999,999: such a day is a message, not a 500. */
	@Test
	void filtersWhenADayIsPastFourDigitYearsThenMessageNextToTheField() throws Exception {
		this.mvc.perform(get("/activity").param("from", "-999999999-01-01").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("id=\"f-from-error\""),
					containsString("Enter a day from 0001-01-01 to 9999-12-31."))));
		this.mvc.perform(get("/activity").param("to", "+999999999-12-31").with(loggedInAs("bob")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"f-to-error\"")));
		this.mvc.perform(get("/activity.csv").param("to", "+999999999-12-31").with(loggedInAs("alice")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void exportThenEveryFilteredRowAsCsvWithFormulasDefused() throws Exception {
		var share = this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", null, true, "plain"));
		this.service.update(user("alice"), image(user("alice"), "acme-apps/nginx"), share,
				new ShareForm("", null, true, "changed"), null);
		// A cell a spreadsheet would run as a formula, however it got there.
		this.jdbc.sql("""
				insert into audit_event (account_id, actor, action, image_name, detail, occurred_at)
				values (:account, 'alice', 'SHARE_REFUSED', 'acme-apps/nginx', '=HYPERLINK("http://evil")',
				        timestamp with time zone '2026-11-29 12:00:00+00')
				""").param("account", accountId("acme")).update();
		for (int i = 0; i < 30; i++) {
			pull("acme-apps/nginx", "globex", "carol", "latest", "2026-11-29T13:%02d:00Z".formatted(i));
		}
		String csv = this.mvc.perform(get("/activity.csv").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition", containsString("activity-acme-2026-11-29.csv")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(1 + 30 + 3);
		// UTF-8 with a byte order mark, as Excel needs to read the arrow below.
		assertThat(lines.get(0)).isEqualTo("\uFEFFWhen,Who,Action,Image,Account,Details");
		assertThat(lines.get(1)).startsWith("2026-11-29T13:29:00Z,carol,Pulled,acme-apps/nginx,globex,latest (sha256:");
		assertThat(lines.get(31)).endsWith(",Sharing refused,acme-apps/nginx,,\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(lines.get(32)).contains("Share changed").endsWith(",globex,Description: plain → changed");

		String pulls = this.mvc.perform(get("/activity.csv").param("action", "SHARE_CREATED").with(loggedInAs("alice")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(pulls.lines()).hasSize(2);
	}

	/** A permission's change: the CSV says whose and on what, and from what to what, as the page does. */
	@Test
	void exportWhenAnEventHasADetailAndValuesThenBoth() throws Exception {
		this.jdbc.sql("""
				insert into audit_event (account_id, actor, action, image_name, detail, old_value, new_value, occurred_at)
				values (:account, 'alice', 'PERMISSION_CHANGED', 'acme-apps', 'User bob on organization acme-apps', 'Read',
				        'Edit', timestamp with time zone '2026-11-29 12:00:00+00')
				""").param("account", accountId("acme")).update();

		String csv = this.mvc.perform(get("/activity.csv").param("page", "abc").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(csv.lines().toList()).hasSize(2)
			.last()
			.asString()
			.endsWith(",Permission changed,acme-apps,,User bob on organization acme-apps: Read → Edit");
	}

	private List<AuditAction> actions(ActivityFilter filter) {
		return this.activity.forAccount(user("alice"), filter).items().stream().map(ActivityRow::action).toList();
	}

	private static ActivityFilter filter(String image, String account, String user, String action, String from,
			String to) {
		return new ActivityFilter(image, account, user, (action != null) ? AuditAction.valueOf(action) : null,
				(from != null) ? LocalDate.parse(from) : null, (to != null) ? LocalDate.parse(to) : null, 1);
	}

	/** {@code count} pulls of acme-apps/nginx by carol of globex, a second apart. */
	private void pulls(int count) {
		pull("acme-apps/nginx", "globex", "carol", "1.26", "2026-11-29T10:00:00Z");
		this.jdbc.sql("""
				insert into pull_event (event_id, image_id, organization_id, owner_account_id, image_name,
				                        puller_account_id, puller_account, username, token_name, tag, digest, pulled_at)
				with recursive n (x) as (select 1 union all select x + 1 from n where x < :more)
				select p.event_id || '-' || n.x, p.image_id, p.organization_id, p.owner_account_id, p.image_name,
				       p.puller_account_id, p.puller_account, p.username, p.token_name, p.tag, p.digest,
				       p.pulled_at + n.x * interval '1' second
				from pull_event p cross join n
				""").param("more", count - 1).update();
	}

}

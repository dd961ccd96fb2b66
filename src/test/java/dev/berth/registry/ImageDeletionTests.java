package dev.berth.registry;

import java.time.Instant;

import dev.berth.images.Image;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.images.Visibility;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.sharing.ShareForm;
import dev.berth.sharing.ShareService;
import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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

/**
 * Delete tag and Delete image from the console (no registry in these tests: the console's rows are
 * all there is; the real registry's side is in {@code RegistryPushPullIT}): what goes, what the
 * Activity of both accounts says, and who may.
 */
class ImageDeletionTests extends SharingTestBase {

	static final String ONE = "sha256:" + "1".repeat(64);

	static final String TWO = "sha256:" + "2".repeat(64);

	@Autowired
	MockMvc mvc;

	@Autowired
	ImageRepository images;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	ShareService shares;

	@Autowired
	ImageDeletion deletion;

	long id;

	@BeforeEach
	void doomedImage() {
		Instant now = this.clock.instant();
		Image image = Image.create(this.organizations.findByName("acme-apps").orElseThrow(), "tools/doomed",
				Visibility.PRIVATE, "Other", "", now);
		image = image.withTag(new Tag("1.0", ONE, 3000, now), now)
			.withTag(new Tag("stable", ONE, 3000, now), now)
			.withTag(new Tag("2.0", TWO, 5000, now), now);
		this.id = this.images.save(image).id();
	}

	@AfterEach
	void noDoomedImage() {
		this.images.deleteById(this.id);
	}

	@Test
	void deleteTagThenItGoesWithTheOtherTagsOfItsDigestAndTheActivitySaysWho() throws Exception {
		this.mvc.perform(get("/images/{id}/tags/1.0/delete", this.id).with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Delete the tag 1.0"), containsString(">stable</code>"),
					containsString("Delete 2 tags"))));

		this.mvc.perform(post("/images/{id}/tags/1.0/delete", this.id).with(loggedInAs("alice")).with(csrf()))
			.andExpect(redirectedUrl("/images/acme-apps/tools/doomed"))
			.andExpect(flash().attribute("message", "Deleted the tags 1.0, stable of acme-apps/tools/doomed."));

		Image after = this.images.findById(this.id).orElseThrow();
		assertThat(after.tags()).extracting(Tag::name).containsExactly("2.0");
		assertThat(after.size()).isEqualTo(5000);
		assertThat(this.jdbc.sql("select actor || ' ' || action || ' ' || detail from audit_event").query(String.class).list())
			.containsExactly("alice TAGS_DELETED 1.0, stable (sha256:111111111111…)");
		this.mvc.perform(get("/images/{id}/tags/1.0/delete", this.id).with(loggedInAs("alice")))
			.andExpect(status().isNotFound());
	}

	@Test
	void deleteImageThenItsSharesEndAndTheActivityOfBothAccountsSaysIt() throws Exception {
		this.shares.share(user("alice"), image(user("alice"), "acme-apps/tools/doomed"),
				new ShareForm("globex", null, true, ""));
		pull("acme-apps/tools/doomed", "globex", "carol", "2.0", "2026-11-28T09:15:00Z");
		for (String user : new String[] { "alice", "carol" }) {
			this.mvc.perform(get("/activity").with(loggedInAs(user)))
				.andExpect(content().string(containsString("href=\"/images/acme-apps/tools/doomed\"")));
		}
		this.mvc.perform(get("/images/{id}/delete", this.id).with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("with its 3 tags"),
					containsString("Its share with 1 account ends"))));

		this.mvc.perform(post("/images/{id}/delete", this.id).with(loggedInAs("alice")).with(csrf()))
			.andExpect(redirectedUrl("/images"))
			.andExpect(flash().attribute("message",
					"Deleted acme-apps/tools/doomed with its 3 tags and its share with 1 account."));

		assertThat(this.images.findById(this.id)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from image_share").query(Integer.class).single()).isZero();
		this.mvc.perform(get("/images/from-others").with(loggedInAs("carol")))
			.andExpect(content().string(not(containsString("tools/doomed"))));
		// The rows name the image without a link to its page, which is gone.
		this.mvc.perform(get("/activity").with(loggedInAs("carol")))
			.andExpect(content().string(allOf(containsString("The image was deleted by its owner"),
					containsString("title=\"This image is no longer shared with your account\">acme-apps/tools/doomed</span>"),
					not(containsString("href=\"/images/acme-apps/tools/doomed\"")))));
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString(">Image deleted</span>"),
					containsString("<span class=\"image-path\">acme-apps/tools/doomed</span>"),
					containsString("title=\"This image was deleted\">acme-apps/tools/doomed</span>"),
					not(containsString("href=\"/images/acme-apps/tools/doomed\"")),
					containsString("3 tags; shared with 1 account"))));
		// The owner's record of who pulled the image while it was shared outlives the image.
		assertThat(this.jdbc.sql("select image_name || ' ' || username || ' ' || tag from pull_event")
			.query(String.class)
			.list()).containsExactly("acme-apps/tools/doomed carol 2.0");
		this.mvc.perform(get("/activity").with(loggedInAs("alice")))
			.andExpect(content().string(containsString(">Pulled</span>")));
	}

	/** The registry still holds what was pushed after the page was read: deleting the row would bring the image back. */
	@Test
	void deleteImageWhenATagWasPushedAfterThePageWasReadThenTheImageStays() {
		VisibleImage read = image(user("alice"), "acme-apps/tools/doomed");
		Instant now = this.clock.instant();
		this.images.save(this.images.findById(this.id).orElseThrow()
			.withTag(new Tag("3.0", "sha256:" + "3".repeat(64), 7000, now), now));

		assertThat(catchThrowable(() -> this.deletion.deleteImage(user("alice"), read, null)))
			.isInstanceOf(ImageDeletion.PushedMeanwhileException.class);

		assertThat(this.images.findById(this.id).orElseThrow().tags()).extracting(Tag::name)
			.containsExactlyInAnyOrder("1.0", "stable", "2.0", "3.0");
		assertThat(auditActions()).isEmpty();
	}

	/** The confirmation page's form says what it showed: a tag pushed since then stops the deletion. */
	@Test
	void deleteImageWhenATagWasPushedAfterTheConfirmationPageThenThePageSaysSoAndTheImageStays() throws Exception {
		String page = this.mvc.perform(get("/images/{id}/delete", this.id).with(loggedInAs("alice")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String seen = page.replaceAll("(?s).*name=\"seen\" value=\"([^\"]+)\".*", "$1");
		Instant now = this.clock.instant();
		this.images.save(this.images.findById(this.id).orElseThrow()
			.withTag(new Tag("3.0", "sha256:" + "3".repeat(64), 7000, now), now));

		this.mvc.perform(post("/images/{id}/delete", this.id).param("seen", seen).with(loggedInAs("alice")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"pushed-meanwhile\""),
					containsString("after you opened this page, so nothing was deleted"))));

		assertThat(this.images.findById(this.id).orElseThrow().tags()).hasSize(4);
		assertThat(auditActions()).isEmpty();
	}

	@Test
	void deleteWhenTheUserHasNoManageThenRefusedAndNothingDeleted() throws Exception {
		this.shares.share(user("alice"), image(user("alice"), "acme-apps/tools/doomed"),
				new ShareForm("globex", null, true, ""));
		this.mvc.perform(get("/images/acme-apps/tools/doomed").with(loggedInAs("alice")))
			.andExpect(content().string(allOf(containsString("id=\"delete-image\""), containsString("Delete the tag 2.0"))));
		for (String reader : new String[] { "bob", "carol" }) {
			this.mvc.perform(get("/images/acme-apps/tools/doomed").with(loggedInAs(reader)))
				.andExpect(content().string(allOf(not(containsString("id=\"delete-image\"")),
						not(containsString("Delete the tag")))));
			this.mvc.perform(post("/images/{id}/delete", this.id).with(loggedInAs(reader)).with(csrf()))
				.andExpect(status().isForbidden());
			this.mvc.perform(post("/images/{id}/tags/2.0/delete", this.id).with(loggedInAs(reader)).with(csrf()))
				.andExpect(status().isForbidden());
		}
		this.mvc.perform(post("/images/{id}/delete", this.id).with(loggedInAs("dave")).with(csrf()))
			.andExpect(status().isNotFound());

		assertThat(this.images.findById(this.id).orElseThrow().tags()).hasSize(3);
	}

}

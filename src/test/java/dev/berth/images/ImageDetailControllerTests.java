package dev.berth.images;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog.AttributesChange;
import dev.berth.images.ImageCatalog.AttributesSaved;
import dev.berth.organizations.Permission;
import dev.berth.support.Fingerprint;
import dev.berth.support.NotFoundException;
import dev.berth.testing.ConsoleSlice;
import dev.berth.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.berth.testing.Fixtures.ALICE;
import static dev.berth.testing.Fixtures.BOB;
import static dev.berth.testing.Fixtures.CAROL;
import static dev.berth.testing.Fixtures.NOW;
import static dev.berth.testing.Fixtures.nginxAs;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(ImageDetailController.class)
@ConsoleSlice
class ImageDetailControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ImageAccess access;

	@MockitoBean
	ImageCatalog catalog;

	@BeforeEach
	void savedAsAsked() {
		given(this.catalog.saveAttributes(anyLong(), anyBoolean(), any(), any()))
			.willReturn(new AttributesSaved(AttributesSaved.Outcome.SAVED, Fixtures.nginx()));
	}

	@Test
	void detailWhenVisibleThenHeaderAndTags() throws Exception {
		given(this.access.visible(ALICE, "acme-apps", "nginx")).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(get("/images/acme-apps/nginx").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(view().name("images/detail"))
			.andExpect(content().string(containsString("docker pull localhost:5000/acme-apps/nginx:latest")));
	}

	/**
	 * The head and the tabs are rendered once for what they show (ImageDetails): a new description,
	 * tag or permission shows at once.
	 */
	@Test
	void detailWhenTheImageOrThePermissionChangesThenTheHeadAndTabsShowTheChange() throws Exception {
		VisibleImage before = nginxAs(Permission.MANAGE);
		Image changed = before.image()
			.withAttributes(Visibility.PRIVATE, "Proxy", "Rebuilt", NOW)
			.withTag(new Tag("1.27", "sha256:" + "b".repeat(64), 1_000L, NOW), NOW);
		given(this.access.visible(ALICE, "acme-apps", "nginx")).willReturn(before,
				new VisibleImage(before.organization(), changed, before.owner(), Viewer.owner(Permission.READ),
						before.registryAddress()));
		this.mvc.perform(get("/images/acme-apps/nginx").with(user(ALICE)))
			.andExpect(content().string(allOf(containsString("NGINX built for acme&#39;s apps"),
					containsString("Your permission: Manage"), containsString("?tab=permissions"),
					containsString("Delete image"))));
		this.mvc.perform(get("/images/acme-apps/nginx").with(user(ALICE)))
			.andExpect(content().string(allOf(containsString(">Rebuilt<"), containsString(">Proxy<"),
					containsString("<dd>2</dd>"), containsString("Your permission: Read"),
					not(containsString("?tab=permissions")), not(containsString("Delete image")))));
	}

	@Test
	void detailWhenImageOfAnotherAccountThenNotFound() throws Exception {
		given(this.access.visible(CAROL, "acme-apps", "nginx")).willThrow(new NotFoundException("problem.404.image"));
		this.mvc.perform(get("/images/acme-apps/nginx").with(user(CAROL))).andExpect(status().isNotFound());
	}

	@Test
	void detailWhenImageMissingThenNotFound() throws Exception {
		given(this.access.visible(ALICE, "acme-apps", "missing")).willThrow(new NotFoundException("problem.404.image"));
		this.mvc.perform(get("/images/acme-apps/missing").with(user(ALICE))).andExpect(status().isNotFound());
	}

	@Test
	void detailWhenHtmxRequestThenOnlyThePanel() throws Exception {
		given(this.access.visible(ALICE, "acme-apps", "nginx")).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "pull").header("HX-Request", "true").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(view().name("images/detail :: panel"))
			.andExpect(content().string(containsString("id=\"tab-panel\"")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("docker login localhost:5000 -u alice")));
	}

	@Test
	void pullTabWhenViewerCannotPushThenCalledPullAndNoPushCommand() throws Exception {
		given(this.access.visible(ALICE, "acme-apps", "nginx")).willReturn(nginxAs(Permission.READ));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "pull").header("HX-Request", "true").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("tabindex=\"-1\">Pull</h2>")))
			.andExpect(content().string(not(containsString("Pull/Push"))))
			.andExpect(content().string(not(containsString("docker push"))))
			.andExpect(content().string(containsString("or an access token")));

		given(this.access.visible(ALICE, "acme-apps", "nginx")).willReturn(nginxAs(Permission.EDIT));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "pull").header("HX-Request", "true").with(user(ALICE)))
			.andExpect(content().string(containsString("tabindex=\"-1\">Pull/Push</h2>")))
			.andExpect(content().string(containsString("docker push localhost:5000/acme-apps/nginx:&lt;tag&gt;")));
	}

	@Test
	void detailWhenReaderAsksForPermissionsTabThenTagsTab() throws Exception {
		given(this.access.visible(BOB, "acme-apps", "nginx")).willReturn(nginxAs(Permission.READ));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "permissions").with(user(BOB)))
			.andExpect(status().isOk())
			.andExpect(model().attribute("tab", "tags"))
			.andExpect(content().string(not(containsString("permissions-table"))));
	}

	@Test
	void editFormWhenImageMissingThenNotFound() throws Exception {
		given(this.access.visible(ALICE, 999L)).willThrow(new NotFoundException("problem.404.image"));
		this.mvc.perform(get("/images/999/edit").with(user(ALICE))).andExpect(status().isNotFound());
	}

	@Test
	void editWhenUserHoldsReadOnlyThenForbiddenAndNothingSaved() throws Exception {
		given(this.access.visible(BOB, 100L)).willReturn(nginxAs(Permission.READ));
		this.mvc.perform(edit(BOB, "PRIVATE", "Forged", ""))
			.andExpect(status().isForbidden());
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenInvisibleImageThenNotFoundNotForbidden() throws Exception {
		given(this.access.visible(CAROL, 100L)).willThrow(new NotFoundException("problem.404.image"));
		this.mvc.perform(edit(CAROL, "PUBLIC", "x", ""))
			.andExpect(status().isNotFound());
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenCsrfTokenMissingThenForbidden() throws Exception {
		this.mvc
			.perform(post("/images/100/edit").with(user(ALICE))
				.param("visibility", "PRIVATE")
				.param("category", "Web")
				.param("description", ""))
			.andExpect(status().isForbidden());
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenCategoryBlankThenFormShownAgainWithMessageAndNothingSaved() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", "   ", "ok"))
			.andExpect(status().isOk())
			.andExpect(view().name("images/edit"))
			.andExpect(model().attributeHasFieldErrors("form", "category"))
			.andExpect(content().string(containsString("Enter a category.")))
			.andExpect(content().string(containsString("Please correct the marked fields. Nothing was saved.")));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenCategoryEmptyThenExactlyOneMessage() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", "", ""))
			.andExpect(status().isOk())
			.andExpect(model().attributeErrorCount("form", 1))
			.andExpect(content().string(containsString("Enter a category.")));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenCategoryLongerThan64CharactersThenRefused() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", "c".repeat(65), ""))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "category", "MaxCharacters"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Enter at most 64 characters.")));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenDescriptionLongerThan1000CharactersThenRefused() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", "Web", "x".repeat(1001)))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "description"));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	/** Characters as a person counts them, as the form's counter does: a thousand emoji fit. */
	@Test
	void editWhenDescriptionIsAThousandEmojiThenSaved() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", "Web", "🚀".repeat(1000)))
			.andExpect(status().is3xxRedirection());
		verify(this.catalog).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	/** Counted as saved: the white space around the text is not kept (it was refused as 2,001 characters). */
	@Test
	void editWhenOneLetterBetweenAThousandSpacesThenSaved() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		String padded = " ".repeat(1000) + "x" + " ".repeat(1000);
		this.mvc.perform(edit(ALICE, "PRIVATE", padded, padded)).andExpect(status().is3xxRedirection());
		verify(this.catalog).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	/** A NUL was stored in a category; a right-to-left override makes a text read as another. */
	@Test
	void editWhenControlOrDirectionCharactersThenRefusedNextToTheFieldAndNothingSaved() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		for (String category : new String[] { "a\u0000b", "web\u202Egnp.exe", "two\nlines" }) {
			this.mvc.perform(edit(ALICE, "PRIVATE", category, "ok"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("form", "category"));
		}
		this.mvc.perform(edit(ALICE, "PRIVATE", "Web", "bell\u0007"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "description"))
			.andExpect(content().string(containsString("Use plain text and line breaks: no other control characters")));
		this.mvc.perform(edit(ALICE, "PRIVATE", "Web 👩‍💻", "two\nlines\tand a tab"))
			.andExpect(status().is3xxRedirection());
		verify(this.catalog, times(1)).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	@Test
	void editWhenEditorMakesImagePublicThenRefusedBecauseThatNeedsManage() throws Exception {
		given(this.access.visible(BOB, 100L)).willReturn(nginxAs(Permission.EDIT));
		this.mvc.perform(edit(BOB, "PUBLIC", "Web", ""))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "visibility", "image.visibility.manage"))
			.andExpect(content().string(containsString("Making an image public needs the Manage permission.")));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	/** A field of one value given twice (only a forged form does): its message, a 400, nothing saved (Spring took one of them). */
	@Test
	void editWhenAFieldIsGivenTwiceThen400WithItsMessageAndNothingSaved() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", "Web", "").param("visibility", "PUBLIC"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("form", "visibility", "typeMismatch"))
			.andExpect(content().string(containsString("Choose Private or Public.")));
		this.mvc.perform(edit(ALICE, "PRIVATE", "Web", "").param("category", "Other"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("id=\"category-error\"")));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	/** Only private images can be shared: one that is shared stays private until its shares are revoked. */
	@Test
	void editWhenASharedImageIsMadePublicThenRefusedWithHowManyItIsSharedWith() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		Image shared = Fixtures.nginx();
		given(this.catalog.saveAttributes(anyLong(), anyBoolean(), argThat(change -> change.visibility() == Visibility.PUBLIC),
				any()))
			.willReturn(new AttributesSaved(AttributesSaved.Outcome.SHARED, new Image(shared.id(), shared.organizationId(),
					shared.accountId(), shared.region(), shared.organizationName(), shared.name(), shared.visibility(),
					shared.category(), shared.description(), shared.createdAt(), shared.updatedAt(), shared.tags(), 0, 0,
					2)));
		this.mvc.perform(edit(ALICE, "PUBLIC", "Web", ""))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "visibility", "image.visibility.shared"))
			.andExpect(content().string(containsString("This image is shared with 2 accounts, and only private images can be shared.")))
			.andExpect(content().string(containsString("Revoke its shares on the Sharing tab before you make it public.")))
			// Saved again as it comes back, it is Private: Public is offered only when it can be saved.
			.andExpect(content().string(containsString("value=\"PRIVATE\" checked=\"checked\"")))
			.andExpect(content().string(containsString("value=\"PUBLIC\" aria-describedby=\"visibility-error\" disabled=\"disabled\"")));
	}

	/** Public is offered only when Save can make the image public: a reason shown beside it instead. */
	@Test
	void editFormWhenTheImageIsSharedOrTheUserHasNoManageThenPublicIsOfferedDisabledWithTheReason() throws Exception {
		Image nginx = Fixtures.nginx();
		Image shared = new Image(nginx.id(), nginx.organizationId(), nginx.accountId(), nginx.region(),
				nginx.organizationName(), nginx.name(), nginx.visibility(), nginx.category(), nginx.description(), nginx.createdAt(),
				nginx.updatedAt(), nginx.tags(), 0, 0, 2);
		given(this.access.visible(ALICE, 100L)).willReturn(new VisibleImage(Fixtures.ACME_APPS, shared, Fixtures.ACME,
				Viewer.owner(Permission.MANAGE), "localhost:5000"));
		this.mvc.perform(get("/images/100/edit").with(user(ALICE)))
			.andExpect(content().string(containsString("value=\"PUBLIC\" aria-describedby=\"public-refused\" disabled=\"disabled\"")))
			.andExpect(content().string(containsString("Public is not available while the image is shared: it is shared with 2 accounts.")));

		given(this.access.visible(BOB, 100L)).willReturn(nginxAs(Permission.EDIT));
		this.mvc.perform(get("/images/100/edit").with(user(BOB)))
			.andExpect(content().string(containsString("value=\"PUBLIC\" aria-describedby=\"public-refused\" disabled=\"disabled\"")))
			.andExpect(content().string(containsString("Public is not available to you: making an image public needs the Manage permission.")));

		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(get("/images/100/edit").with(user(ALICE)))
			// Counted as the server counts (emoji as one), never cut short by the browser: a pasted
			// category lost its end without a word (a reviewer's finding).
			.andExpect(content().string(containsString("id=\"category-count\" aria-live=\"polite\">"
					+ Fixtures.nginx().category().length() + "/64 characters<")))
			.andExpect(content().string(not(containsString("maxlength"))))
			.andExpect(content().string(not(containsString("disabled=\"disabled\""))))
			.andExpect(content().string(not(containsString("id=\"public-refused\""))));
	}

	@Test
	void editWhenValidThenSavedAndRedirectedWithMessage() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, "PRIVATE", " Proxy ", "Reverse proxy"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/images/acme-apps/nginx"))
			.andExpect(flash().attribute("message", "Saved the attributes of acme-apps/nginx."));
		verify(this.catalog).saveAttributes(eq(100L), eq(true), eq(new AttributesChange(Visibility.PRIVATE, "Proxy",
				"Reverse proxy", null)), any());
	}

	/**
	 * Another user changed the image since the form was opened: nothing is saved, the form says what
	 * the image is now and keeps what was typed, and its next Save saves it.
	 */
	@Test
	void editWhenTheImageChangedSinceTheFormWasOpenedThenSaidAndTheFormKeepsWhatWasTyped() throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		Image now = Fixtures.nginx();
		// Opened when the category was another: only it changed meanwhile.
		String opened = Fingerprint.ofEach(now.visibility(), "Proxy server", now.description());
		given(this.catalog.saveAttributes(eq(100L), eq(true), argThat(change -> opened.equals(change.seen())), any()))
			.willReturn(new AttributesSaved(AttributesSaved.Outcome.CHANGED_MEANWHILE, now));
		this.mvc.perform(edit(ALICE, "PRIVATE", "Proxy", "Reverse proxy").param("seen", opened))
			.andExpect(status().isOk())
			.andExpect(view().name("images/edit"))
			.andExpect(content().string(containsString("Someone changed this image since you opened this form.")))
			.andExpect(content().string(containsString("Saved meanwhile: " + now.category() + "<")))
			.andExpect(content().string(not(containsString("Saved meanwhile: Private"))))
			.andExpect(content().string(not(containsString("Saved meanwhile: NGINX"))))
			.andExpect(content().string(containsString("value=\"Proxy\"")))
			.andExpect(content().string(containsString("name=\"seen\" value=\"" + now.attributesTag() + "\"")));

		// The category left as it was opened takes what was saved: sent back, it wrote the change over
		// (a reviewer's finding). The description typed stays.
		this.mvc.perform(edit(ALICE, "PRIVATE", "Proxy server", "Reverse proxy").param("seen", opened))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Someone changed this image since you opened this form.")))
			.andExpect(content().string(containsString("value=\"" + now.category() + "\"")))
			.andExpect(content().string(not(containsString("value=\"Proxy server\""))))
			.andExpect(content().string(containsString("Reverse proxy</textarea>")));
	}


	@ParameterizedTest
	@CsvSource({ "X, 400", "private, 400", "'', 200" })
	void editWhenVisibilityIsNotATypeThenMessageNextToTheFieldAndNothingSaved(String visibility, int status)
			throws Exception {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(edit(ALICE, visibility, "Web", ""))
			.andExpect(status().is(status))
			.andExpect(model().attributeHasFieldErrors("form", "visibility"))
			.andExpect(content().string(containsString("Choose Private or Public.")));
		verify(this.catalog, never()).saveAttributes(anyLong(), anyBoolean(), any(), any());
	}

	/** The attributes form as a browser posts it for image 100, as {@code user}, with the CSRF token. */
	private static MockHttpServletRequestBuilder edit(BerthUser user, String visibility, String category,
			String description) {
		return post("/images/100/edit").with(user(user))
			.with(csrf())
			.param("visibility", visibility)
			.param("category", category)
			.param("description", description);
	}

}

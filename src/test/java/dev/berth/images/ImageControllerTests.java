package dev.berth.images;

import java.util.List;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
import dev.berth.support.PageOf;
import dev.berth.testing.ConsoleSlice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.berth.testing.Fixtures.ALICE;
import static dev.berth.testing.Fixtures.NOW;
import static dev.berth.testing.PageText.pageText;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(ImageController.class)
@ConsoleSlice
class ImageControllerTests {

	private static final ImageRow NGINX = new ImageRow(100, "acme-apps", "nginx", "acme", Visibility.PRIVATE, 3,
			22_000_000, NOW, 0, "NGINX built for acme", "1.26", true);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ImageCatalog catalog;

	@MockitoBean
	AccessPolicy policy;

	private void givenNginx(BerthUser user) {
		given(this.catalog.ownImages(eq(user), eq(Visibility.PRIVATE), any()))
			.willReturn(new PageOf<>(List.of(NGINX), 1, 10, 1));
		given(this.catalog.organizationNames(user)).willReturn(List.of("acme-apps", "acme-public"));
	}

	@Test
	void privateImagesWhenLoggedInThenWholePageWithTheImages() throws Exception {
		givenNginx(ALICE);
		this.mvc.perform(get("/images").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(view().name("images/list"))
			.andExpect(content().string(containsString("<html")))
			.andExpect(content().string(containsString("href=\"/images/acme-apps/nginx\"")));
	}

	@Test
	void privateImagesWhenTheListGoesOnPastItsCountThenThePagerSaysMoreThanAndOffersTheNextPage() throws Exception {
		givenNginx(ALICE);
		given(this.catalog.ownImages(eq(ALICE), eq(Visibility.PRIVATE), any()))
			.willReturn(PageOf.counted(List.of(NGINX), 1, 10, PageOf.countedTo(1, 10) + 1));
		this.mvc.perform(get("/images").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(pageText(allOf(containsString("1–10 of more than 1,010"),
					containsString(">Page 1</span>"), containsString("rel=\"next\""), not(containsString("Page 1 of")),
					// Next reads on from the page's last image.
					containsString("href=\"/images?page=2&amp;after=100\""))));
	}

	@Test
	void privateImagesWhenADeepPageThenPreviousReadsBackFromItsFirstImage() throws Exception {
		givenNginx(ALICE);
		given(this.catalog.ownImages(eq(ALICE), eq(Visibility.PRIVATE), any()))
			.willReturn(PageOf.counted(List.of(NGINX), 3, 10, 25));
		this.mvc.perform(get("/images").param("page", "3").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/images?page=2&amp;before=100\">Previous</a>")));
		given(this.catalog.ownImages(eq(ALICE), eq(Visibility.PRIVATE), any()))
			.willReturn(PageOf.counted(List.of(NGINX), 2, 10, 25));
		// To the first page, by its number.
		this.mvc.perform(get("/images").param("page", "2").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("href=\"/images\">Previous</a>"),
					not(containsString("before=")))));
	}

	@Test
	void privateImagesWhenHtmxRequestThenOnlyTheResultsFragment() throws Exception {
		givenNginx(ALICE);
		this.mvc.perform(get("/images").param("q", "ngi").header("HX-Request", "true").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(view().name("images/list :: results"))
			.andExpect(content().string(containsString("id=\"results\"")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("acme-apps/")));
	}

	@Test
	void privateImagesWhenSearchHasWildcardsThenTheFilterKeepsThemAsText() throws Exception {
		givenNginx(ALICE);
		this.mvc.perform(get("/images").param("q", "50%_off").with(user(ALICE))).andExpect(status().isOk());
		org.mockito.Mockito.verify(this.catalog)
			.ownImages(eq(ALICE), eq(Visibility.PRIVATE),
					org.mockito.ArgumentMatchers.argThat(f -> f.q().equals("50%_off")
							&& f.condition("i.name", "i.organization_name").params().get("q").equals("%50\\%\\_off%")));
	}

	@Test
	void privateImagesWhenSessionExpiredDuringHtmxRequestThenRefreshHeaderNotLoginForm() throws Exception {
		this.mvc.perform(get("/images").param("q", "ngi").header("HX-Request", "true"))
			// htmx acts on HX-Refresh whatever the status; the library answers 403, never a redirect.
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Location"))
			.andExpect(header().string("HX-Refresh", "true"))
			.andExpect(content().string(not(containsString("Log in to Berth"))));
		verifyNoInteractions(this.catalog, this.policy);
	}

	@Test
	void privateImagesWhenNotLoggedInThenRedirectedToLogin() throws Exception {
		this.mvc.perform(get("/images"))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string("Location", containsString("/login")));
	}

	/** Rows are rendered once for their values (RowsHtml): a row whose image changed is never shown as it was. */
	@Test
	void privateImagesWhenTheImageChangesThenItsRowShowsTheChange() throws Exception {
		ImageRow before = new ImageRow(100, "acme-apps", "nginx", "acme", Visibility.PRIVATE, 3, 22_000_000, NOW, 0,
				"NGINX built for acme", "1.26", true);
		ImageRow after = new ImageRow(100, "acme-apps", "nginx", "acme", Visibility.PRIVATE, 4, 22_000_000, NOW, 2,
				"NGINX built for acme", "1.27", true);
		given(this.catalog.organizationNames(ALICE)).willReturn(List.of("acme-apps"));
		given(this.catalog.ownImages(eq(ALICE), eq(Visibility.PRIVATE), any()))
			.willReturn(new PageOf<>(List.of(before), 1, 10, 1), new PageOf<>(List.of(after), 1, 10, 1));
		this.mvc.perform(get("/images").with(user(ALICE)))
			.andExpect(content().string(allOf(containsString("Not shared"), containsString("nginx:1.26"),
					containsString("data-label=\"Tags\">3<"))));
		this.mvc.perform(get("/images").with(user(ALICE)))
			.andExpect(content().string(allOf(containsString("2 accounts"), containsString("nginx:1.27"),
					containsString("data-label=\"Tags\">4<"), not(containsString("Not shared")))));
	}

	/**
	 * The toolbar, the heads and the pager are rendered once for what they show (ImageListParts): a new
	 * count or organization shows at once, and a page shares its toolbar and heads with the list's
	 * other pages without losing its own search and sort.
	 */
	@Test
	void privateImagesWhenTheCountOrTheOrganizationsChangeThenThePagerAndToolbarShowTheChange() throws Exception {
		given(this.catalog.organizationNames(ALICE)).willReturn(List.of("acme-apps"),
				List.of("acme-apps", "acme-tools"));
		given(this.catalog.ownImages(eq(ALICE), eq(Visibility.PRIVATE), any()))
			.willReturn(new PageOf<>(List.of(NGINX), 1, 10, 24), new PageOf<>(List.of(NGINX), 1, 10, 25));
		this.mvc.perform(get("/images").with(user(ALICE)))
			.andExpect(pageText(allOf(containsString("1–10 of 24"), containsString("Page 1 of 3"),
					not(containsString("acme-tools")))));
		this.mvc.perform(get("/images").with(user(ALICE)))
			.andExpect(pageText(allOf(containsString("1–10 of 25"),
					containsString("<option value=\"acme-tools\">acme-tools</option>"))));
		given(this.catalog.ownImages(eq(ALICE), eq(Visibility.PRIVATE), any()))
			.willReturn(new PageOf<>(List.of(NGINX), 2, 10, 25));
		this.mvc.perform(get("/images").param("q", "ngi").param("sort", "name").param("page", "2").with(user(ALICE)))
			.andExpect(pageText(allOf(containsString("11–20 of 25"), containsString("value=\"ngi\""),
					containsString("aria-sort=\"ascending\""),
					// Sorting again starts from the first page, the search kept.
					containsString("href=\"/images?q=ngi&amp;sort=name&amp;dir=desc\""))));
	}

	@Test
	void publicImagesWhenHtmxRequestThenOnlyTheResultsFragment() throws Exception {
		ImageRow hello = new ImageRow(104, "acme-public", "hello", "acme", Visibility.PUBLIC, 1, 7_000_000, NOW, 0, "", "latest",
				false);
		given(this.catalog.publicImages(eq(ALICE), any())).willReturn(new PageOf<>(List.of(hello), 1, 10, 1));
		this.mvc.perform(get("/images/public").header("HX-Request", "true").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(view().name("images/list :: results"))
			.andExpect(content().string(containsString("href=\"/images/acme-public/hello\"")));
	}

}

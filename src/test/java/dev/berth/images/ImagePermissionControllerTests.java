package dev.berth.images;

import java.util.List;

import dev.berth.organizations.GrantTarget;
import dev.berth.organizations.Grants;
import dev.berth.organizations.Grants.Granted;
import dev.berth.organizations.Grants.Member;
import dev.berth.organizations.Permission;
import dev.berth.support.NotFoundException;
import dev.berth.testing.ConsoleSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.berth.testing.Fixtures.ACME_APPS;
import static dev.berth.testing.Fixtures.ALICE;
import static dev.berth.testing.Fixtures.BOB;
import static dev.berth.testing.Fixtures.CAROL;
import static dev.berth.testing.Fixtures.nginxAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
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

@WebMvcTest(ImagePermissionController.class)
@ConsoleSlice
class ImagePermissionControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ImageAccess access;

	@MockitoBean
	Grants grants;

	static final List<Member> MEMBERS = List.of(new Member(1, "alice", true, null, null),
			new Member(2, "bob", false, Permission.READ, null));

	static final GrantTarget NGINX = GrantTarget.image(ACME_APPS, 100L, "acme-apps/nginx");

	@BeforeEach
	void nginx() {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		given(this.access.visible(BOB, 100L)).willReturn(nginxAs(Permission.EDIT));
		given(this.access.visible(CAROL, 100L)).willThrow(new NotFoundException("problem.404.image"));
		given(this.grants.members(NGINX)).willReturn(MEMBERS);
		given(this.grants.grant(any(), any(), any(), any())).willReturn(Granted.GRANTED);
	}

	@Test
	void grantWhenManageThenGrantedAndBackToThePermissionsTab() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.param("user", "2")
				.param("permission", "EDIT"))
			.andExpect(redirectedUrl("/images/acme-apps/nginx?tab=permissions"))
			.andExpect(flash().attribute("message", "bob now holds Edit on acme-apps/nginx."));
		verify(this.grants).grant(ALICE, NGINX, MEMBERS.get(1), Permission.EDIT);
	}

	@Test
	void grantWhenUserHoldsEditOnlyThenForbiddenAndNothingGranted() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(BOB))
				.with(csrf())
				.param("user", "2")
				.param("permission", "MANAGE"))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenImageOfAnotherAccountThenNotFound() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(CAROL))
				.with(csrf())
				.param("user", "3")
				.param("permission", "MANAGE"))
			.andExpect(status().isNotFound());
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenUserOfAnotherAccountThenRefusedWithMessage() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.param("user", "3")
				.param("permission", "READ"))
			.andExpect(redirectedUrl("/images/acme-apps/nginx?tab=permissions"))
			.andExpect(flash().attribute("flashError", "Choose a user of your account."));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenTargetIsAdministratorThenRefused() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.param("user", "1")
				.param("permission", "READ"))
			.andExpect(flash().attribute("flashError",
					"alice is an administrator and holds Manage on every image of the account."));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenCsrfTokenMissingThenForbidden() throws Exception {
		this.mvc.perform(post("/images/100/permissions").with(user(ALICE)).param("user", "2").param("permission", "READ"))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenHtmxRequestThenOnlyThePanelWithMessage() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.header("HX-Request", "true")
				.param("user", "2")
				.param("permission", "MANAGE"))
			.andExpect(status().isOk())
			.andExpect(view().name("images/detail :: panel"))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("id=\"permissions-table\"")))
			.andExpect(content().string(containsString("bob now holds Manage on acme-apps/nginx.")));
		verify(this.grants).grant(ALICE, NGINX, MEMBERS.get(1), Permission.MANAGE);
	}

	@Test
	void removeWhenManageThenRevoked() throws Exception {
		given(this.grants.revoke(ALICE, NGINX, MEMBERS.get(1))).willReturn(true);
		this.mvc.perform(post("/images/100/permissions/2/remove").with(user(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/images/acme-apps/nginx?tab=permissions"))
			.andExpect(flash().attribute("message", "Removed the image grant of bob on acme-apps/nginx."));
		verify(this.grants).revoke(ALICE, NGINX, MEMBERS.get(1));
	}

	/** The permission held already (granted in another tab meanwhile): said so, not "now holds". */
	@Test
	void grantWhenTheUserHoldsThePermissionAlreadyThenSaidSo() throws Exception {
		given(this.grants.grant(ALICE, NGINX, MEMBERS.get(1), Permission.EDIT)).willReturn(Granted.HELD);
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.param("user", "2")
				.param("permission", "EDIT"))
			.andExpect(flash().attribute("message", "bob holds Edit on acme-apps/nginx already: nothing was changed."));
	}

	/** The user deleted by another administrator meanwhile: said so, not a failure. */
	@Test
	void grantWhenTheUserWasDeletedMeanwhileThenSaidSo() throws Exception {
		given(this.grants.grant(ALICE, NGINX, MEMBERS.get(1), Permission.EDIT)).willReturn(Granted.NO_SUCH_USER);
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.param("user", "2")
				.param("permission", "EDIT"))
			.andExpect(flash().attribute("flashError", "Choose a user of your account."));
	}

	/** A grant that was not there (removed in another tab meanwhile): said so, not "Removed". */
	@Test
	void removeWhenTheUserHoldsNoImageGrantThenSaidSo() throws Exception {
		given(this.grants.revoke(ALICE, NGINX, MEMBERS.get(1))).willReturn(false);
		this.mvc.perform(post("/images/100/permissions/2/remove").with(user(ALICE)).with(csrf()))
			.andExpect(flash().attribute("message", "bob holds no image grant on acme-apps/nginx: nothing was changed."));
	}

	@Test
	void permissionsTabWhenManageThenEveryUserWithEffectivePermission() throws Exception {
		given(this.access.visible(ALICE, "acme-apps", "nginx")).willReturn(nginxAs(Permission.MANAGE));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "permissions").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(model().attribute("tab", "permissions"))
			.andExpect(content().string(containsString("id=\"permissions-table\"")))
			.andExpect(content().string(containsString("data-user=\"bob\"")));
	}

	@Test
	void permissionsTabWhenReaderThenTagsTabThatSaysWhy() throws Exception {
		given(this.access.visible(BOB, "acme-apps", "nginx")).willReturn(nginxAs(Permission.READ));
		this.mvc.perform(get("/images/acme-apps/nginx").param("tab", "permissions").with(user(BOB)))
			.andExpect(status().isOk())
			.andExpect(model().attribute("tab", "tags"))
			.andExpect(content().string(not(containsString("permissions-table"))))
			.andExpect(content().string(containsString("The Permissions tab is for users of the image&#39;s own account who hold Manage on it")));
		verify(this.grants, never()).members(any());
	}

	@Test
	void removeWhenUserHoldsEditOnlyThenForbidden() throws Exception {
		this.mvc.perform(post("/images/100/permissions/2/remove").with(user(BOB)).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).revoke(any(), any(), any());
	}


	@Test
	void grantWhenPermissionDoesNotExistThenRefusedAndNothingGranted() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(ALICE))
				.with(csrf())
				.param("user", "2")
				.param("permission", "ADMIN"))
			.andExpect(redirectedUrl("/images/acme-apps/nginx?tab=permissions"))
			.andExpect(flash().attribute("flashError", "Choose a permission."));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

}

package dev.berth.images;

import java.util.List;

import dev.berth.accounts.Grants;
import dev.berth.accounts.Permission;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImagePermissions.ImageMember;
import dev.berth.sharing.ShareCounts;
import dev.berth.system.ConsoleSlice;
import dev.berth.system.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.berth.images.Fixtures.ALICE;
import static dev.berth.images.Fixtures.BOB;
import static dev.berth.images.Fixtures.CAROL;
import static dev.berth.images.Fixtures.nginxAs;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
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

	@MockitoBean(name = "imagePermissions")
	ImagePermissions permissions;

	@MockitoBean(name = "shareCounts")
	ShareCounts shareCounts;

	static final List<ImageMember> MEMBERS = List.of(new ImageMember(1, "alice", true, null, null),
			new ImageMember(2, "bob", false, Permission.READ, null));

	@BeforeEach
	void nginx() {
		given(this.access.visible(ALICE, 100L)).willReturn(nginxAs(Permission.MANAGE));
		given(this.access.visible(BOB, 100L)).willReturn(nginxAs(Permission.EDIT));
		given(this.access.visible(CAROL, 100L)).willThrow(new NotFoundException("Image 100"));
		given(this.permissions.of(any(VisibleImage.class))).willReturn(MEMBERS);
		given(this.permissions.grantable(MEMBERS)).willReturn(List.of(MEMBERS.get(1)));
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
		verify(this.grants).grantImage(100L, 2L, Permission.EDIT);
	}

	@Test
	void grantWhenUserHoldsEditOnlyThenForbiddenAndNothingGranted() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(BOB))
				.with(csrf())
				.param("user", "2")
				.param("permission", "MANAGE"))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).grantImage(anyLong(), anyLong(), any());
	}

	@Test
	void grantWhenImageOfAnotherAccountThenNotFound() throws Exception {
		this.mvc
			.perform(post("/images/100/permissions").with(user(CAROL))
				.with(csrf())
				.param("user", "3")
				.param("permission", "MANAGE"))
			.andExpect(status().isNotFound());
		verify(this.grants, never()).grantImage(anyLong(), anyLong(), any());
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
		verify(this.grants, never()).grantImage(anyLong(), anyLong(), any());
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
		verify(this.grants, never()).grantImage(anyLong(), anyLong(), any());
	}

	@Test
	void grantWhenCsrfTokenMissingThenForbidden() throws Exception {
		this.mvc.perform(post("/images/100/permissions").with(user(ALICE)).param("user", "2").param("permission", "READ"))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).grantImage(anyLong(), anyLong(), any());
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
		verify(this.grants).grantImage(100L, 2L, Permission.MANAGE);
	}

	@Test
	void removeWhenManageThenRevoked() throws Exception {
		this.mvc.perform(post("/images/100/permissions/2/remove").with(user(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/images/acme-apps/nginx?tab=permissions"))
			.andExpect(flash().attribute("message", "Removed the image grant of bob on acme-apps/nginx."));
		verify(this.grants).revokeImage(100L, 2L);
	}

	@Test
	void removeWhenUserHoldsEditOnlyThenForbidden() throws Exception {
		this.mvc.perform(post("/images/100/permissions/2/remove").with(user(BOB)).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).revokeImage(anyLong(), anyLong());
	}

}

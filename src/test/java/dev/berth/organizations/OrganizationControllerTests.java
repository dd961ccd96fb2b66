package dev.berth.organizations;

import java.util.List;
import java.util.Optional;

import dev.berth.organizations.Grants;
import dev.berth.organizations.Grants.Granted;
import dev.berth.organizations.Grants.Member;
import dev.berth.organizations.OrganizationDirectory.OrganizationSummary;
import dev.berth.organizations.OrganizationDirectory.VisibleOrganization;
import dev.berth.organizations.OrganizationImages.OrganizationImage;
import dev.berth.organizations.Permission;
import dev.berth.testing.ConsoleSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.berth.testing.Fixtures.ACME_APPS;
import static dev.berth.testing.Fixtures.ALICE;
import static dev.berth.testing.Fixtures.BOB;
import static dev.berth.testing.Fixtures.CAROL;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
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

@WebMvcTest(OrganizationController.class)
@ConsoleSlice
class OrganizationControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrganizationDirectory directory;

	@MockitoBean
	Grants grants;

	static final List<Member> MEMBERS = List.of(new Member(1, "alice", true, null, null),
			new Member(2, "bob", false, Permission.READ, null), new Member(5, "dora", false, null, null));

	static final GrantTarget ACME_APPS_GRANTS = GrantTarget.organization(ACME_APPS);

	@BeforeEach
	void acme() {
		given(this.grants.grant(any(), any(), any(), any())).willReturn(Granted.GRANTED);
		given(this.directory.summaries(ALICE))
			.willReturn(List.of(new OrganizationSummary(10, "acme-apps", 3, Permission.MANAGE),
					new OrganizationSummary(11, "acme-public", 1, Permission.MANAGE)));
		given(this.directory.summaries(BOB))
			.willReturn(List.of(new OrganizationSummary(10, "acme-apps", 3, Permission.READ)));
		List<OrganizationImage> images = List.of(new OrganizationImage(100, "acme-apps", "nginx", "PRIVATE", 3));
		given(this.directory.visible(ALICE, "acme-apps"))
			.willReturn(Optional.of(new VisibleOrganization(ACME_APPS, Permission.MANAGE, images)));
		given(this.directory.visible(BOB, "acme-apps"))
			.willReturn(Optional.of(new VisibleOrganization(ACME_APPS, Permission.READ, images)));
		given(this.grants.members(ACME_APPS_GRANTS)).willReturn(MEMBERS);
	}

	@Test
	void listWhenAdministratorThenOrganizationsWithImageCountsAndCreateForm() throws Exception {
		this.mvc.perform(get("/organizations").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(view().name("organizations/list"))
			.andExpect(content().string(containsString("href=\"/organizations/acme-apps\"")))
			.andExpect(content().string(containsString("id=\"create-organization\"")));
	}

	@Test
	void deleteWhenTheOrganizationHoldsImagesThenTheyAreListedAndNothingDeleted() throws Exception {
		this.mvc.perform(get("/organizations/acme-apps/delete").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("acme-apps holds an image")))
			.andExpect(content().string(containsString("href=\"/images/acme-apps/nginx\"")))
			.andExpect(content().string(not(containsString("id=\"delete-yes\""))));
		this.mvc.perform(post("/organizations/acme-apps/delete").with(user(ALICE)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"not-empty\"")));
		verify(this.directory, never()).delete(any(), any());
	}

	@Test
	void deleteWhenEmptyThenConfirmedDeletedAndBackToTheListWithAMessage() throws Exception {
		given(this.directory.visible(ALICE, "acme-apps"))
			.willReturn(Optional.of(new VisibleOrganization(ACME_APPS, Permission.MANAGE, List.of())));
		this.mvc.perform(get("/organizations/acme-apps/delete").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"delete-yes\"")));

		this.mvc.perform(post("/organizations/acme-apps/delete").with(user(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/organizations"))
			.andExpect(flash().attribute("message", "Deleted the organization acme-apps."));
		verify(this.directory).delete(ALICE, ACME_APPS);
	}

	@Test
	void deleteWhenAnImageIsPushedMeanwhileThenTheRefusalListsTheOrganizationsImages() throws Exception {
		given(this.directory.visible(ALICE, "acme-apps")).willReturn(
				Optional.of(new VisibleOrganization(ACME_APPS, Permission.MANAGE, List.of())),
				Optional.of(new VisibleOrganization(ACME_APPS, Permission.MANAGE,
						List.of(new OrganizationImage(101, "acme-apps", "late", "PRIVATE", 1)))));
		given(this.directory.delete(ALICE, ACME_APPS))
			.willThrow(new org.springframework.dao.DataIntegrityViolationException("image_organization_fk"));

		this.mvc.perform(post("/organizations/acme-apps/delete").with(user(ALICE)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/images/acme-apps/late\"")));
	}

	@Test
	void createWhenTheNameWasADeletedOrganizationsThenItsMessageAndNothingCreated() throws Exception {
		given(this.directory.nameRetired("acme-old")).willReturn(true);
		this.mvc.perform(post("/organizations").with(user(ALICE)).with(csrf()).param("name", "acme-old"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The name acme-old belonged to an organization that was deleted")));
		verify(this.directory, never()).create(any(), anyString());
	}

	@Test
	void deleteWhenNotAdministratorThenForbiddenAndNoDeleteButton() throws Exception {
		this.mvc.perform(get("/organizations/acme-apps").with(user(BOB)))
			.andExpect(content().string(not(containsString("id=\"delete-organization\""))));
		this.mvc.perform(get("/organizations/acme-apps").with(user(ALICE)))
			.andExpect(content().string(containsString("id=\"delete-organization\"")));
		this.mvc.perform(post("/organizations/acme-apps/delete").with(user(BOB)).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.directory, never()).delete(any(), any());
	}

	@Test
	void listWhenNotAdministratorThenOwnPermissionAndNoCreateForm() throws Exception {
		this.mvc.perform(get("/organizations").with(user(BOB)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your permission")))
			.andExpect(content().string(not(containsString("id=\"create-organization\""))));
	}

	@Test
	void createWhenNotAdministratorThenForbiddenAndNothingCreated() throws Exception {
		this.mvc.perform(post("/organizations").with(user(BOB)).with(csrf()).param("name", "bobs-org"))
			.andExpect(status().isForbidden());
		verify(this.directory, never()).create(any(), anyString());
	}

	@Test
	void createWhenCsrfTokenMissingThenForbiddenAndNothingCreated() throws Exception {
		this.mvc.perform(post("/organizations").with(user(ALICE)).param("name", "acme-data"))
			.andExpect(status().isForbidden());
		verify(this.directory, never()).create(any(), anyString());
	}

	@Test
	void createWhenValidThenCreatedAndRedirectedToItWithMessage() throws Exception {
		this.mvc.perform(post("/organizations").with(user(ALICE)).with(csrf()).param("name", " acme-data "))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/organizations/acme-data"))
			.andExpect(flash().attribute("message", "Created the organization acme-data."));
		verify(this.directory).create(ALICE, "acme-data");
	}

	@Test
	void createWhenNameHasTwoSeparatorsThenRefused() throws Exception {
		assertRefused("acme--data", "Do not put two separators (. _ -) in a row.");
	}

	@Test
	void createWhenNameStartsWithDigitThenRefused() throws Exception {
		assertRefused("1acme", "Start the name with a lowercase letter (a–z).");
	}

	@Test
	void createWhenNameStartsWithSeparatorThenRefused() throws Exception {
		assertRefused("-acme", "Start the name with a lowercase letter (a–z).");
	}

	@Test
	void createWhenNameHasUppercaseThenRefused() throws Exception {
		assertRefused("Acme", "Use only lowercase letters (a–z), digits (0–9) and the separators . _ -");
	}

	@Test
	void createWhenNameHasSlashThenRefused() throws Exception {
		assertRefused("acme/data", "Use only lowercase letters (a–z), digits (0–9) and the separators . _ -");
	}

	@Test
	void createWhenNameEndsWithSeparatorThenRefused() throws Exception {
		assertRefused("acme.", "Do not end the name with a separator (. _ -).");
	}

	@Test
	void createWhenNameBlankThenRefused() throws Exception {
		assertRefused("  ", "Enter a name.");
	}

	@Test
	void createWhenNameHas65CharactersThenRefused() throws Exception {
		assertRefused("a".repeat(65), "Use at most 64 characters.");
	}

	@Test
	void createWhenNameHas64CharactersThenCreated() throws Exception {
		String name = "a".repeat(64);
		this.mvc.perform(post("/organizations").with(user(ALICE)).with(csrf()).param("name", name))
			.andExpect(redirectedUrl("/organizations/" + name));
		verify(this.directory).create(ALICE, name);
	}

	@Test
	void createWhenNameTakenByAnotherAccountThenRefused() throws Exception {
		given(this.directory.nameTaken("globex-ml")).willReturn(true);
		assertRefused("globex-ml",
				"The name globex-ml is already taken. Organization names are unique across all accounts; choose another.");
	}

	@Test
	void createWhenNameTakenConcurrentlyThenRefusedNot500() throws Exception {
		given(this.directory.create(ALICE, "acme-race")).willThrow(new DuplicateKeyException("organization_name_unique"));
		this.mvc.perform(post("/organizations").with(user(ALICE)).with(csrf()).param("name", "acme-race"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "name", "organization.name.taken"));
	}

	private void assertRefused(String name, String message) throws Exception {
		this.mvc.perform(post("/organizations").with(user(ALICE)).with(csrf()).param("name", name))
			.andExpect(status().isOk())
			.andExpect(view().name("organizations/list"))
			.andExpect(model().attributeHasFieldErrors("form", "name"))
			.andExpect(content().string(containsString(message)))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		verify(this.directory, never()).create(any(), anyString());
	}

	@Test
	void detailWhenOrganizationOfAnotherAccountThenNotFound() throws Exception {
		given(this.directory.visible(CAROL, "acme-apps")).willReturn(Optional.empty());
		this.mvc.perform(get("/organizations/acme-apps").with(user(CAROL))).andExpect(status().isNotFound());
	}

	@Test
	void detailWhenManagedThenImagesMembersAndGrantForm() throws Exception {
		this.mvc.perform(get("/organizations/acme-apps").with(user(ALICE)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/images/acme-apps/nginx\"")))
			.andExpect(content().string(containsString("id=\"grant-form\"")))
			.andExpect(content().string(containsString("Permission of bob")))
			.andExpect(content().string(not(containsString("Permission of alice"))));
	}

	@Test
	void detailWhenReadOnlyThenMembersWithoutControls() throws Exception {
		this.mvc.perform(get("/organizations/acme-apps").with(user(BOB)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-user=\"bob\"")))
			.andExpect(content().string(not(containsString("id=\"grant-form\""))))
			.andExpect(content().string(not(containsString("Permission of bob"))));
	}

	@Test
	void grantWhenUserHoldsReadOnlyThenForbiddenAndNothingGranted() throws Exception {
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(BOB))
				.with(csrf())
				.param("user", "2")
				.param("permission", "MANAGE"))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenOrganizationOfAnotherAccountThenNotFound() throws Exception {
		given(this.directory.visible(CAROL, "acme-apps")).willReturn(Optional.empty());
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(CAROL))
				.with(csrf())
				.param("user", "3")
				.param("permission", "MANAGE"))
			.andExpect(status().isNotFound());
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenManagedThenGrantedAndRedirectedWithMessage() throws Exception {
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.param("user", "5")
				.param("permission", "EDIT"))
			.andExpect(redirectedUrl("/organizations/acme-apps#members"))
			.andExpect(flash().attribute("membersMessage", "dora now holds Edit on acme-apps."));
		verify(this.grants).grant(ALICE, ACME_APPS_GRANTS, MEMBERS.get(2), Permission.EDIT);
	}

	@Test
	void grantWhenUserOfAnotherAccountThenRefusedNextToTheField() throws Exception {
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.param("user", "3")
				.param("permission", "EDIT"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("memberForm", "user", "organization.member.unknown"))
			.andExpect(content().string(containsString("Choose a user of your account.")));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenTargetIsAdministratorThenRefused() throws Exception {
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.param("user", "1")
				.param("permission", "READ"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("memberForm", "user", "organization.member.administrator"));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenPermissionMissingThenRefused() throws Exception {
		this.mvc.perform(post("/organizations/acme-apps/members").with(user(ALICE)).with(csrf()).param("user", "5"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("memberForm", "permission"))
			.andExpect(content().string(containsString("Choose a permission.")));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

	@Test
	void grantWhenHtmxRequestThenOnlyTheMembersFragmentWithMessage() throws Exception {
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.header("HX-Request", "true")
				.param("user", "2")
				.param("permission", "MANAGE"))
			.andExpect(status().isOk())
			.andExpect(view().name("organizations/detail :: members"))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("id=\"members\"")))
			.andExpect(content().string(containsString("bob now holds Manage on acme-apps.")));
		verify(this.grants).grant(ALICE, ACME_APPS_GRANTS, MEMBERS.get(1), Permission.MANAGE);
	}

	@Test
	void removeWhenManagedThenRevokedAndRedirected() throws Exception {
		given(this.grants.revoke(ALICE, ACME_APPS_GRANTS, MEMBERS.get(1))).willReturn(true);
		this.mvc.perform(post("/organizations/acme-apps/members/2/remove").with(user(ALICE)).with(csrf()))
			.andExpect(redirectedUrl("/organizations/acme-apps#members"))
			.andExpect(flash().attribute("membersMessage", "Removed the permission of bob on acme-apps."));
		verify(this.grants).revoke(ALICE, ACME_APPS_GRANTS, MEMBERS.get(1));
	}

	/** The permission held already (granted in another tab meanwhile): said so, not "now holds". */
	@Test
	void grantWhenTheUserHoldsThePermissionAlreadyThenSaidSo() throws Exception {
		given(this.grants.grant(ALICE, ACME_APPS_GRANTS, MEMBERS.get(2), Permission.EDIT)).willReturn(Granted.HELD);
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.param("user", "5")
				.param("permission", "EDIT"))
			.andExpect(flash().attribute("membersMessage", "dora holds Edit on acme-apps already: nothing was changed."));
	}

	/** The user deleted by another administrator meanwhile: said next to the field, not a failure. */
	@Test
	void grantWhenTheUserWasDeletedMeanwhileThenTheFieldSaysSo() throws Exception {
		given(this.grants.grant(ALICE, ACME_APPS_GRANTS, MEMBERS.get(2), Permission.EDIT)).willReturn(Granted.NO_SUCH_USER);
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.param("user", "5")
				.param("permission", "EDIT"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("memberForm", "user", "organization.member.unknown"));
	}

	/** A permission that was not there (removed in another tab meanwhile): said so, not "Removed". */
	@Test
	void removeWhenTheUserHoldsNoPermissionThenSaidSo() throws Exception {
		given(this.grants.revoke(ALICE, ACME_APPS_GRANTS, MEMBERS.get(2))).willReturn(false);
		this.mvc.perform(post("/organizations/acme-apps/members/5/remove").with(user(ALICE)).with(csrf()))
			.andExpect(flash().attribute("membersMessage", "dora holds no permission on acme-apps: nothing was changed."));
	}

	@Test
	void removeWhenTargetIsAdministratorThenForbidden() throws Exception {
		this.mvc.perform(post("/organizations/acme-apps/members/1/remove").with(user(ALICE)).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).revoke(any(), any(), any());
	}

	@Test
	void removeWhenUserHoldsReadOnlyThenForbidden() throws Exception {
		this.mvc.perform(post("/organizations/acme-apps/members/2/remove").with(user(BOB)).with(csrf()))
			.andExpect(status().isForbidden());
		verify(this.grants, never()).revoke(any(), any(), any());
	}


	@ParameterizedTest
	@CsvSource({ "user, abc, Choose a user of your account.", "permission, ADMIN, 'Choose Read, Edit or Manage.'" })
	void grantWhenAValueHasTheWrongTypeThen400WithTheMessageNextToTheField(String field, String value, String message)
			throws Exception {
		this.mvc
			.perform(post("/organizations/acme-apps/members").with(user(ALICE))
				.with(csrf())
				.param("user", "user".equals(field) ? value : "5")
				.param("permission", "permission".equals(field) ? value : "READ"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("memberForm", field))
			.andExpect(content().string(containsString(message)));
		verify(this.grants, never()).grant(any(), any(), any(), any());
	}

}

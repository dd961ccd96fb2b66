package dev.berth.organizations;

import java.util.List;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.Grants.Granted;
import dev.berth.organizations.Grants.Member;
import dev.berth.organizations.OrganizationDirectory.VisibleOrganization;
import dev.berth.support.ForbiddenException;
import dev.berth.support.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Organizations page: the account's organizations, creating and deleting one (administrators
 * only; an organization that holds images stays), and an
 * organization's images and members, whose permissions administrators and Manage holders change.
 * A member change answers an htmx request with the members section, a plain form with a redirect.
 */
@Controller
class OrganizationController {

	private static final String MEMBERS = "organizations/detail :: members";

	private static final String DELETE = "organizations/delete";

	private final OrganizationDirectory directory;

	private final Grants grants;

	private final MessageSourceAccessor messages;

	OrganizationController(OrganizationDirectory directory, Grants grants, MessageSourceAccessor messages) {
		this.directory = directory;
		this.grants = grants;
		this.messages = messages;
	}

	@GetMapping("/organizations")
	String list(@AuthenticationPrincipal BerthUser me, Model model) {
		if (me.administrator()) {
			model.addAttribute("form", new OrganizationForm(""));
		}
		return listPage(me, model);
	}

	@PostMapping("/organizations")
	String create(@AuthenticationPrincipal BerthUser me, @ModelAttribute("form") OrganizationForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!me.administrator()) {
			throw new ForbiddenException("forbidden", "organization.create.forbidden");
		}
		String name = form.trimmedName();
		OrganizationNames.problem(name).ifPresent(code -> result.rejectValue("name", code));
		if (!result.hasFieldErrors("name") && this.directory.nameTaken(name)) {
			result.rejectValue("name", "organization.name.taken", new Object[] { name }, null);
		}
		else if (!result.hasFieldErrors("name") && this.directory.nameRetired(name)) {
			result.rejectValue("name", "organization.name.retired", new Object[] { name }, null);
		}
		if (!result.hasErrors()) {
			try {
				this.directory.create(me, name);
				redirect.addFlashAttribute("message", this.messages.getMessage("organization.created", new Object[] { name }));
				return "redirect:/organizations/" + name;
			}
			catch (DuplicateKeyException ex) {
				// Someone else took the name between the check and the insert.
				result.rejectValue("name", "organization.name.taken", new Object[] { name }, null);
			}
		}
		return listPage(me, model);
	}

	private String listPage(BerthUser me, Model model) {
		model.addAttribute("organizations", this.directory.summaries(me));
		return "organizations/list";
	}

	@GetMapping("/organizations/{name:[a-z][a-z0-9._-]*}")
	String detail(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model) {
		return detailPage(visible(me, name), MemberForm.empty(), model);
	}

	@GetMapping("/organizations/{name:[a-z][a-z0-9._-]*}/delete")
	String deletePage(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model) {
		model.addAttribute("organization", deletable(me, name));
		return DELETE;
	}

	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/delete")
	String delete(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model,
			RedirectAttributes redirect) {
		VisibleOrganization organization = deletable(me, name);
		if (organization.images().isEmpty()) {
			try {
				this.directory.delete(me, organization.organization());
				redirect.addFlashAttribute("message", this.messages.getMessage("organization.deleted", new Object[] { name }));
				return "redirect:/organizations";
			}
			catch (DataIntegrityViolationException ex) {
				// An image was pushed into it meanwhile: shown as the organization's images now.
				organization = deletable(me, name);
			}
		}
		model.addAttribute("organization", organization);
		return DELETE;
	}

	/** An organization of the user's account, for an administrator (they alone create and delete them). */
	private VisibleOrganization deletable(BerthUser me, String name) {
		VisibleOrganization organization = visible(me, name);
		if (!me.administrator()) {
			throw new ForbiddenException("forbidden", "organization.delete.forbidden");
		}
		return organization;
	}

	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/members")
	String grant(@AuthenticationPrincipal BerthUser me, @PathVariable String name,
			@Valid @ModelAttribute("memberForm") MemberForm form, BindingResult result, HtmxRequest htmx, Model model,
			RedirectAttributes redirect) {
		VisibleOrganization organization = manageable(me, name);
		Member member = result.hasErrors() ? null : member(organization, form.user());
		if (!result.hasErrors() && member == null) {
			result.rejectValue("user", "organization.member.unknown");
		}
		else if (member != null && member.administrator()) {
			result.rejectValue("user", "organization.member.administrator", new Object[] { member.username() }, null);
		}
		if (result.hasErrors()) {
			detailPage(organization, form, model);
			return htmx.isHtmxRequest() ? MEMBERS : "organizations/detail";
		}
		Granted granted = this.grants.grant(me, GrantTarget.organization(organization.organization()), member,
				form.permission());
		if (granted == Granted.NO_SUCH_USER) {
			result.rejectValue("user", "organization.member.unknown");
			detailPage(organization, form, model);
			return htmx.isHtmxRequest() ? MEMBERS : "organizations/detail";
		}
		return changed(organization, htmx, model, redirect, this.messages.getMessage(
				(granted == Granted.GRANTED) ? "organization.member.granted" : "organization.member.held",
				new Object[] { member.username(), permissionName(form.permission()), name }));
	}

	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/members/{userId:\\d+}/remove")
	String remove(@AuthenticationPrincipal BerthUser me, @PathVariable String name, @PathVariable long userId,
			HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		VisibleOrganization organization = manageable(me, name);
		Member member = member(organization, userId);
		if (member == null) {
			throw new NotFoundException("problem.404");
		}
		if (member.administrator()) {
			throw new ForbiddenException("forbidden", "organization.member.administrator", member.username());
		}
		boolean removed = this.grants.revoke(me, GrantTarget.organization(organization.organization()), member);
		return changed(organization, htmx, model, redirect, this.messages.getMessage(
				removed ? "organization.member.removed" : "organization.member.none", new Object[] { member.username(), name }));
	}

	/** After a change: the members section again for htmx, a redirect to it for a plain form. */
	private String changed(VisibleOrganization organization, HtmxRequest htmx, Model model,
			RedirectAttributes redirect, String message) {
		if (!htmx.isHtmxRequest()) {
			// Shown inside the members section, where the page scrolls to (#members).
			redirect.addFlashAttribute("membersMessage", message);
			return "redirect:/organizations/" + organization.organization().name() + "#members";
		}
		model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "memberForm");
		model.addAttribute("memberForm", MemberForm.empty());
		model.addAttribute("membersMessage", message);
		detailPage(organization, MemberForm.empty(), model);
		return MEMBERS;
	}

	private Member member(VisibleOrganization organization, Long userId) {
		if (userId == null) {
			return null;
		}
		return this.grants.members(GrantTarget.organization(organization.organization()))
			.stream()
			.filter(m -> m.userId() == userId)
			.findFirst()
			.orElse(null);
	}

	private String detailPage(VisibleOrganization organization, MemberForm form, Model model) {
		List<Member> members = this.grants.members(GrantTarget.organization(organization.organization()));
		model.addAttribute("organization", organization);
		model.addAttribute("members", members.stream().filter(m -> m.effective() != null).toList());
		model.addAttribute("grantable",
				members.stream().filter(m -> !m.administrator() && m.organizationGrant() == null).toList());
		model.addAttribute("permissions", Permission.values());
		if (!model.containsAttribute("memberForm")) {
			model.addAttribute("memberForm", form);
		}
		return "organizations/detail";
	}

	private String permissionName(Permission permission) {
		return this.messages.getMessage(permission.messageKey());
	}

	private VisibleOrganization visible(BerthUser me, String name) {
		return this.directory.visible(me, name).orElseThrow(() -> new NotFoundException("problem.404"));
	}

	private VisibleOrganization manageable(BerthUser me, String name) {
		VisibleOrganization organization = visible(me, name);
		if (!organization.canManage()) {
			throw new ForbiddenException("forbidden", "organization.members.readOnly");
		}
		return organization;
	}

	record OrganizationForm(String name) {

		String trimmedName() {
			return (this.name != null) ? this.name.strip() : "";
		}

	}

	record MemberForm(@NotNull(message = "{organization.member.choose}") Long user,
			@NotNull(message = "{organization.member.permission}") Permission permission) {

		static MemberForm empty() {
			return new MemberForm(null, Permission.READ);
		}

	}

}

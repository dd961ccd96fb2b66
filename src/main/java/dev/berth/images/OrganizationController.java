package dev.berth.images;

import java.util.List;

import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Grants;
import dev.berth.accounts.Grants.Member;
import dev.berth.accounts.Permission;
import dev.berth.images.OrganizationDirectory.VisibleOrganization;
import dev.berth.system.ForbiddenException;
import dev.berth.system.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * The Organizations page: the account's organizations, creating one (administrators only), and an
 * organization's images and members, whose permissions administrators and Manage holders change.
 */
@Controller
class OrganizationController {

	private final OrganizationDirectory directory;

	private final Grants grants;

	private final MessageSource messages;

	OrganizationController(OrganizationDirectory directory, Grants grants, MessageSource messages) {
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
	String create(@AuthenticationPrincipal BerthUser me, @Valid @ModelAttribute("form") OrganizationForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		if (!me.administrator()) {
			throw new ForbiddenException("Only account administrators may create organizations.");
		}
		String name = form.trimmedName();
		if (!result.hasFieldErrors("name")) {
			OrganizationNames.problem(name).ifPresent(code -> result.rejectValue("name", code));
		}
		if (!result.hasFieldErrors("name") && this.directory.nameTaken(name)) {
			result.rejectValue("name", "organization.name.taken", new Object[] { name }, null);
		}
		if (!result.hasErrors()) {
			try {
				this.directory.create(me, name);
				redirect.addFlashAttribute("message", text("organization.created", name));
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
		VisibleOrganization organization = visible(me, name);
		return detailPage(organization, new MemberForm(null, Permission.READ), model);
	}

	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/members")
	String grant(@AuthenticationPrincipal BerthUser me, @PathVariable String name,
			@Valid @ModelAttribute("memberForm") MemberForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		VisibleOrganization organization = manageable(me, name);
		String message = apply(organization, form, result);
		if (result.hasErrors()) {
			return detailPage(organization, form, model);
		}
		// Shown inside the members section, where the page scrolls to (#members).
		redirect.addFlashAttribute("membersMessage", message);
		return "redirect:/organizations/" + name + "#members";
	}

	@HxRequest
	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/members")
	String grantFragment(@AuthenticationPrincipal BerthUser me, @PathVariable String name,
			@Valid @ModelAttribute("memberForm") MemberForm form, BindingResult result, Model model) {
		VisibleOrganization organization = manageable(me, name);
		String message = apply(organization, form, result);
		if (result.hasErrors()) {
			detailPage(organization, form, model);
		}
		else {
			model.asMap().remove(BindingResult.MODEL_KEY_PREFIX + "memberForm");
			model.addAttribute("memberForm", new MemberForm(null, Permission.READ));
			detailPage(organization, null, model);
			model.addAttribute("membersMessage", message);
		}
		return "organizations/detail :: members";
	}

	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/members/{userId:\\d+}/remove")
	String remove(@AuthenticationPrincipal BerthUser me, @PathVariable String name, @PathVariable long userId,
			RedirectAttributes redirect) {
		VisibleOrganization organization = manageable(me, name);
		String message = revoke(organization, userId);
		// Shown inside the members section, where the page scrolls to (#members).
		redirect.addFlashAttribute("membersMessage", message);
		return "redirect:/organizations/" + name + "#members";
	}

	@HxRequest
	@PostMapping("/organizations/{name:[a-z][a-z0-9._-]*}/members/{userId:\\d+}/remove")
	String removeFragment(@AuthenticationPrincipal BerthUser me, @PathVariable String name, @PathVariable long userId,
			Model model) {
		VisibleOrganization organization = manageable(me, name);
		String message = revoke(organization, userId);
		detailPage(organization, new MemberForm(null, Permission.READ), model);
		model.addAttribute("membersMessage", message);
		return "organizations/detail :: members";
	}

	private String apply(VisibleOrganization organization, MemberForm form, BindingResult result) {
		if (result.hasErrors()) {
			return null;
		}
		Member member = member(organization, form.user());
		if (member == null) {
			result.rejectValue("user", "organization.member.unknown");
			return null;
		}
		if (member.administrator()) {
			result.rejectValue("user", "organization.member.administrator", new Object[] { member.username() }, null);
			return null;
		}
		this.grants.grantOrganization(organization.organization().id(), member.userId(), form.permission());
		return text("organization.member.granted", member.username(), form.permission().label(),
				organization.organization().name());
	}

	private String revoke(VisibleOrganization organization, long userId) {
		Member member = member(organization, userId);
		if (member == null) {
			throw new NotFoundException("User " + userId);
		}
		if (member.administrator()) {
			throw new ForbiddenException("Administrators hold Manage on every organization of their account.");
		}
		this.grants.revokeOrganization(organization.organization().id(), userId);
		return text("organization.member.removed", member.username(), organization.organization().name());
	}

	private Member member(VisibleOrganization organization, Long userId) {
		if (userId == null) {
			return null;
		}
		return this.grants.organizationMembers(organization.organization().id())
			.stream()
			.filter(m -> m.userId() == userId)
			.findFirst()
			.orElse(null);
	}

	private String detailPage(VisibleOrganization organization, MemberForm form, Model model) {
		List<Member> members = this.grants.organizationMembers(organization.organization().id());
		model.addAttribute("organization", organization);
		model.addAttribute("members", members.stream().filter(m -> m.effective() != null).toList());
		model.addAttribute("grantable",
				members.stream().filter(m -> !m.administrator() && m.permission() == null).toList());
		model.addAttribute("permissions", Permission.values());
		if (!model.containsAttribute("memberForm")) {
			model.addAttribute("memberForm", form);
		}
		return "organizations/detail";
	}

	private VisibleOrganization visible(BerthUser me, String name) {
		return this.directory.visible(me, name)
			.orElseThrow(() -> new NotFoundException("Organization " + name));
	}

	private VisibleOrganization manageable(BerthUser me, String name) {
		VisibleOrganization organization = visible(me, name);
		if (!organization.canManage()) {
			throw new ForbiddenException("Granting permissions on " + name + " needs the Manage permission.");
		}
		return organization;
	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	record OrganizationForm(String name) {

		String trimmedName() {
			return (this.name != null) ? this.name.strip() : "";
		}

	}

	record MemberForm(@NotNull(message = "{organization.member.choose}") Long user,
			@NotNull(message = "{organization.member.permission}") Permission permission) {

	}

}

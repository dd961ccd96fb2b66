package dev.berth.images;

import java.util.List;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.organizations.GrantTarget;
import dev.berth.organizations.Grants;
import dev.berth.organizations.Grants.Granted;
import dev.berth.organizations.Grants.Member;
import dev.berth.organizations.Permission;
import dev.berth.support.ForbiddenException;
import dev.berth.support.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.context.support.MessageSourceAccessor;
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
 * The image's Permissions tab: every user of the account with their effective permission and
 * where it comes from, and granting, changing and removing image-level grants. Manage on the
 * image is required; an invisible image is a 404, a forged request of a lesser user a 403.
 */
@Controller
class ImagePermissionController {

	private final ImageAccess access;

	private final Grants grants;

	private final MessageSourceAccessor messages;

	private final ImageDetails details;

	ImagePermissionController(ImageAccess access, Grants grants, MessageSourceAccessor messages, ImageDetails details) {
		this.access = access;
		this.grants = grants;
		this.messages = messages;
		this.details = details;
	}

	@GetMapping(path = ImageDetails.PATH, params = "tab=permissions")
	String tab(@AuthenticationPrincipal BerthUser me, @PathVariable String organization, @PathVariable String name,
			Model model) {
		VisibleImage image = this.access.visible(me, organization, ImageDetails.name(name));
		if (!image.viewer().canManage()) {
			this.details.showTagsInstead(model, image, "detail.tabUnavailable.permissions");
		}
		else {
			panel(image, model);
		}
		return ImageDetails.PAGE;
	}

	@HxRequest
	@GetMapping(path = ImageDetails.PATH, params = "tab=permissions")
	String tabArea(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name, Model model) {
		tab(me, organization, name, model);
		return ImageDetails.TAB_AREA;
	}

	@PostMapping("/images/{id:\\d+}/permissions")
	String grant(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @ModelAttribute("grantForm") GrantForm form,
			BindingResult result, HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		VisibleImage image = manageable(me, id);
		Long user = (form != null) ? form.user() : null;
		Permission permission = (form != null) ? form.permission() : null;
		Member member = (user != null) ? member(image, user) : null;
		String refusal = null;
		if (user == null) {
			refusal = text("permissions.choose");
		}
		else if (permission == null) {
			refusal = text("permissions.choosePermission");
		}
		else if (member == null) {
			refusal = text("permissions.unknownUser");
		}
		else if (member.administrator()) {
			refusal = text("permissions.administrator", member.username());
		}
		if (refusal != null) {
			return answer(image, htmx, model, redirect, "permissionsError", refusal);
		}
		Granted granted = this.grants.grant(me, target(image), member, permission);
		if (granted == Granted.NO_SUCH_USER) {
			return answer(image, htmx, model, redirect, "permissionsError", text("permissions.unknownUser"));
		}
		return answer(image, htmx, model, redirect, "permissionsMessage",
				text((granted == Granted.GRANTED) ? "permissions.granted" : "permissions.held", member.username(),
						text(permission.messageKey()), image.path()));
	}

	@PostMapping("/images/{id:\\d+}/permissions/{userId:\\d+}/remove")
	String remove(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long userId,
			HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		VisibleImage image = manageable(me, id);
		Member member = member(image, userId);
		if (member == null) {
			throw new NotFoundException("problem.404");
		}
		boolean removed = this.grants.revoke(me, target(image), member);
		return answer(image, htmx, model, redirect, "permissionsMessage",
				text(removed ? "permissions.removed" : "permissions.nothingToRemove", member.username(), image.path()));
	}

	/** The tab again for htmx, with the outcome in it; a redirect to the tab for a plain form. */
	private String answer(VisibleImage image, HtmxRequest htmx, Model model, RedirectAttributes redirect,
			String kind, String text) {
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute("permissionsMessage".equals(kind) ? "message" : "flashError", text);
			return "redirect:" + image.url() + "?tab=permissions";
		}
		model.addAttribute(kind, text);
		panel(image, model);
		return ImageDetails.TAB_AREA;
	}

	private void panel(VisibleImage image, Model model) {
		List<Member> members = this.grants.members(target(image));
		this.details.show(model, image, "permissions");
		model.addAttribute("members", members);
		model.addAttribute("grantable",
				members.stream().filter(m -> !m.administrator() && m.imageGrant() == null).toList());
		model.addAttribute("permissions", Permission.values());
	}

	private Member member(VisibleImage image, long userId) {
		return this.grants.members(target(image)).stream().filter(m -> m.userId() == userId).findFirst().orElse(null);
	}

	private static GrantTarget target(VisibleImage image) {
		return GrantTarget.image(image.organization(), image.image().id(), image.path());
	}

	private VisibleImage manageable(BerthUser me, long id) {
		VisibleImage image = this.access.visible(me, id);
		if (!image.viewer().canManage()) {
			throw new ForbiddenException("forbidden", "permissions.forbidden", image.path());
		}
		return image;
	}

	/** The grant form; a value of the wrong type arrives as null and is refused like a missing one. */
	record GrantForm(Long user, Permission permission) {

	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args);
	}

}

package dev.berth.images;

import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Grants;
import dev.berth.accounts.Permission;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImagePermissions.ImageMember;
import dev.berth.system.ForbiddenException;
import dev.berth.system.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The image's Permissions tab: granting, changing and removing image-level grants. Manage on the
 * image is required; an invisible image is a 404, a forged request of a lesser user a 403.
 */
@Controller
class ImagePermissionController {

	private final ImageAccess access;

	private final ImagePermissions permissions;

	private final Grants grants;

	private final MessageSource messages;

	ImagePermissionController(ImageAccess access, ImagePermissions permissions, Grants grants,
			MessageSource messages) {
		this.access = access;
		this.permissions = permissions;
		this.grants = grants;
		this.messages = messages;
	}

	@PostMapping("/images/{id:\\d+}/permissions")
	String grant(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@RequestParam(required = false) Long user, @RequestParam(required = false) Permission permission,
			RedirectAttributes redirect) {
		VisibleImage image = manageable(me, id);
		Outcome outcome = grant(image, user, permission);
		redirect.addFlashAttribute(outcome.ok() ? "message" : "flashError", outcome.text());
		return "redirect:" + image.url() + "?tab=permissions";
	}

	@HxRequest
	@PostMapping("/images/{id:\\d+}/permissions")
	String grantFragment(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@RequestParam(required = false) Long user, @RequestParam(required = false) Permission permission,
			Model model) {
		VisibleImage image = manageable(me, id);
		return panel(image, grant(image, user, permission), model);
	}

	@PostMapping("/images/{id:\\d+}/permissions/{userId:\\d+}/remove")
	String remove(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long userId,
			RedirectAttributes redirect) {
		VisibleImage image = manageable(me, id);
		redirect.addFlashAttribute("message", revoke(image, userId).text());
		return "redirect:" + image.url() + "?tab=permissions";
	}

	@HxRequest
	@PostMapping("/images/{id:\\d+}/permissions/{userId:\\d+}/remove")
	String removeFragment(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long userId,
			Model model) {
		VisibleImage image = manageable(me, id);
		return panel(image, revoke(image, userId), model);
	}

	private Outcome grant(VisibleImage image, Long userId, Permission permission) {
		if (userId == null) {
			return Outcome.refused(text("permissions.choose"));
		}
		if (permission == null) {
			return Outcome.refused(text("permissions.choosePermission"));
		}
		ImageMember member = member(image, userId);
		if (member == null) {
			return Outcome.refused(text("permissions.unknownUser"));
		}
		if (member.administrator()) {
			return Outcome.refused(text("permissions.administrator", member.username()));
		}
		this.grants.grantImage(image.image().id(), userId, permission);
		return Outcome.ok(text("permissions.granted", member.username(), permission.label(), image.path()));
	}

	private Outcome revoke(VisibleImage image, long userId) {
		ImageMember member = member(image, userId);
		if (member == null) {
			throw new NotFoundException("User " + userId);
		}
		this.grants.revokeImage(image.image().id(), userId);
		return Outcome.ok(text("permissions.removed", member.username(), image.path()));
	}

	private String panel(VisibleImage image, Outcome outcome, Model model) {
		model.addAttribute("image", image);
		model.addAttribute("tab", "permissions");
		model.addAttribute(outcome.ok() ? "permissionsMessage" : "permissionsError", outcome.text());
		return "images/detail :: panel";
	}

	private ImageMember member(VisibleImage image, long userId) {
		return this.permissions.of(image).stream().filter(m -> m.userId() == userId).findFirst().orElse(null);
	}

	private VisibleImage manageable(BerthUser me, long id) {
		VisibleImage image = this.access.visible(me, id);
		if (!image.viewer().canManage()) {
			throw new ForbiddenException("Granting permissions on " + image.path() + " needs the Manage permission.");
		}
		return image;
	}

	private String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

	private record Outcome(boolean ok, String text) {

		static Outcome ok(String text) {
			return new Outcome(true, text);
		}

		static Outcome refused(String text) {
			return new Outcome(false, text);
		}

	}

}

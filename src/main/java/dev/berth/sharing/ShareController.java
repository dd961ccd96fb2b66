package dev.berth.sharing;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.system.ForbiddenException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.FragmentsRendering;

/**
 * The Share Image dialog, editing and revoking shares. Each GET answers with a plain page, or
 * with the {@code <dialog>} fragment for htmx; each POST redirects to the Sharing tab with a flash
 * message, or for htmx closes the dialog and refreshes the shares, the count and the history in
 * one response. Invalid input shows the dialog again with the messages (status 200).
 */
@Controller
class ShareController {

	private final ImageAccess access;

	private final ShareService service;

	ShareController(ImageAccess access, ShareService service) {
		this.access = access;
		this.service = service;
	}

	@GetMapping("/images/{id:\\d+}/shares/new")
	String newShare(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		VisibleImage image = shareable(me, id);
		prepare(model, image, ShareForm.empty(), null);
		return "sharing/dialog";
	}

	@HxRequest
	@GetMapping("/images/{id:\\d+}/shares/new")
	String newShareDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		newShare(me, id, model);
		return "sharing/dialog :: shareDialog";
	}

	@PostMapping("/images/{id:\\d+}/shares")
	String create(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		VisibleImage image = this.access.visible(me, id);
		Share share = attemptCreate(me, image, form, result, model);
		if (share == null) {
			return "sharing/dialog";
		}
		redirect.addFlashAttribute("message", this.service.message("sharing.created", image.path(), form.shareWith()));
		return "redirect:" + image.url() + "?tab=sharing";
	}

	@HxRequest
	@PostMapping("/images/{id:\\d+}/shares")
	View createFromDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result, Model model) {
		VisibleImage image = this.access.visible(me, id);
		Share share = attemptCreate(me, image, form, result, model);
		if (share == null) {
			return FragmentsRendering.fragment("sharing/dialog :: shareDialog").build();
		}
		model.addAttribute("sharingMessage", this.service.message("sharing.created", image.path(), form.shareWith()));
		return refreshed("sharing/dialog :: closed");
	}

	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/edit")
	String editShare(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		VisibleImage image = manageable(me, id);
		Share share = this.service.shareOf(image, shareId);
		prepare(model, image, ShareForm.of(this.service.accountName(share.granteeAccountId()), share), share);
		return "sharing/dialog";
	}

	@HxRequest
	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/edit")
	String editShareDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		editShare(me, id, shareId, model);
		return "sharing/dialog :: shareDialog";
	}

	@PostMapping("/images/{id:\\d+}/shares/{shareId:\\d+}")
	String update(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		VisibleImage image = this.access.visible(me, id);
		Share share = attemptUpdate(me, image, shareId, form, result, model);
		if (share == null) {
			return "sharing/dialog";
		}
		redirect.addFlashAttribute("message",
				this.service.message("sharing.changed", image.path(), this.service.accountName(share.granteeAccountId())));
		return "redirect:" + image.url() + "?tab=sharing";
	}

	@HxRequest
	@PostMapping("/images/{id:\\d+}/shares/{shareId:\\d+}")
	View updateFromDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result, Model model) {
		VisibleImage image = this.access.visible(me, id);
		Share share = attemptUpdate(me, image, shareId, form, result, model);
		if (share == null) {
			return FragmentsRendering.fragment("sharing/dialog :: shareDialog").build();
		}
		model.addAttribute("sharingMessage",
				this.service.message("sharing.changed", image.path(), this.service.accountName(share.granteeAccountId())));
		return refreshed("sharing/dialog :: closed");
	}

	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/revoke")
	String confirmRevoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		VisibleImage image = manageable(me, id);
		Share share = this.service.shareOf(image, shareId);
		model.addAttribute("image", image);
		model.addAttribute("share", share);
		model.addAttribute("grantee", this.service.accountName(share.granteeAccountId()));
		return "sharing/revoke";
	}

	@PostMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/revoke")
	String revoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			RedirectAttributes redirect) {
		VisibleImage image = this.access.visible(me, id);
		Share share = revokeOrForbid(me, image, shareId);
		redirect.addFlashAttribute("message",
				this.service.message("sharing.revoked", image.path(), this.service.accountName(share.granteeAccountId())));
		return "redirect:" + image.url() + "?tab=sharing";
	}

	@HxRequest
	@PostMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/revoke")
	View revokeFromList(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		VisibleImage image = this.access.visible(me, id);
		String grantee = this.service.accountName(this.service.shareOf(image, shareId).granteeAccountId());
		revokeOrForbid(me, image, shareId);
		model.addAttribute("image", image);
		model.addAttribute("sharingMessage", this.service.message("sharing.revoked", image.path(), grantee));
		return refreshed("sharing/tab :: shares(oob=false)");
	}

	/** The first fragment goes where the request aimed; the others swap in out of band. */
	private static View refreshed(String primary) {
		return FragmentsRendering.fragment(primary)
			.fragment("sharing/tab :: shares(oob=true)")
			.fragment("sharing/tab :: count")
			.fragment("sharing/tab :: history(oob=true)")
			.build();
	}

	private Share attemptCreate(BerthUser me, VisibleImage image, ShareForm form, BindingResult result, Model model) {
		prepare(model, image, form, null);
		if (result.hasErrors()) {
			return null;
		}
		try {
			return this.service.share(me, image.image().id(), form);
		}
		catch (ShareRefusedException ex) {
			reject(ex, result, model);
			return null;
		}
	}

	private Share attemptUpdate(BerthUser me, VisibleImage image, long shareId, ShareForm form, BindingResult result,
			Model model) {
		Share current = this.service.shareOf(image, shareId);
		prepare(model, image, form, current);
		if (result.hasErrors()) {
			return null;
		}
		try {
			return this.service.update(me, image.image().id(), shareId, form);
		}
		catch (ShareRefusedException ex) {
			reject(ex, result, model);
			return null;
		}
	}

	private Share revokeOrForbid(BerthUser me, VisibleImage image, long shareId) {
		try {
			return this.service.revoke(me, image.image().id(), shareId);
		}
		catch (ShareRefusedException ex) {
			throw new ForbiddenException(ex.getMessage());
		}
	}

	/** Puts each broken rule next to its field; a forged request by a non-manager is a 403. */
	private static void reject(ShareRefusedException ex, BindingResult result, Model model) {
		if (ex.reason() == Refusal.NOT_MANAGER) {
			throw new ForbiddenException(ex.getMessage());
		}
		for (ShareRefusedException.Problem problem : ex.problems()) {
			if (problem.reason().field() != null) {
				result.rejectValue(problem.reason().field(), "refusal." + problem.reason().code(), problem.message());
			}
			else {
				result.reject("refusal." + problem.reason().code(), problem.message());
			}
		}
		if (ex.existingShareId() != null) {
			model.addAttribute("existingShareId", ex.existingShareId());
		}
	}

	private void prepare(Model model, VisibleImage image, ShareForm form, Share share) {
		model.addAttribute("image", image);
		model.addAttribute("form", form);
		model.addAttribute("share", share);
		model.addAttribute("today", this.service.today());
		model.addAttribute("formAction", (share == null) ? "/images/" + image.image().id() + "/shares"
				: "/images/" + image.image().id() + "/shares/" + share.id());
	}

	private VisibleImage manageable(BerthUser me, long id) {
		VisibleImage image = this.access.visible(me, id);
		if (!image.viewer().canManage()) {
			throw new ForbiddenException(this.service.message("sharing.refused.not_manager", image.path()));
		}
		return image;
	}

	private VisibleImage shareable(BerthUser me, long id) {
		VisibleImage image = manageable(me, id);
		if (!image.image().isPrivate()) {
			throw new ForbiddenException(this.service.message("sharing.refused.not_private", image.path()));
		}
		return image;
	}

}

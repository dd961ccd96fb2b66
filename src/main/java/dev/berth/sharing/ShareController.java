package dev.berth.sharing;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.support.ForbiddenException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.FragmentsRendering;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The Share Image dialog, editing and revoking shares. Each GET answers with a plain page, or
 * with the {@code <dialog>} fragment for htmx; each POST redirects to the Sharing tab with a flash
 * message, or for htmx closes the dialog and refreshes the shares, the count and the history in
 * one response (a share created from a row of My Images loads that list again instead). Invalid
 * input shows the dialog again with the messages (status 200).
 * <p>
 * One class on purpose: one handler per action serves both the htmx dialog and the plain form.
 */
@Controller
class ShareController {

	private static final String DIALOG = "sharing/dialog :: shareDialog";

	private final ImageAccess access;

	private final ShareService service;

	private final SharingTab tab;

	private final SharedImages sharedImages;

	ShareController(ImageAccess access, ShareService service, SharingTab tab, SharedImages sharedImages) {
		this.access = access;
		this.service = service;
		this.tab = tab;
		this.sharedImages = sharedImages;
	}

	/**
	 * The Share Image dialog. For a public image it says so, whoever asks: that is the reason it
	 * cannot be shared, before any question of permission.
	 */
	@GetMapping("/images/{id:\\d+}/shares/new")
	String newShare(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		VisibleImage image = this.access.visible(me, id);
		prepare(model, image, ShareForm.defaults(this.service.today()), null);
		if (!image.image().isPrivate()) {
			model.addAttribute("notShareable", this.service.message(Refusal.NOT_PRIVATE.messageKey(), image.path()));
			return "sharing/dialog";
		}
		requireManage(image);
		return "sharing/dialog";
	}

	@HxRequest
	@GetMapping("/images/{id:\\d+}/shares/new")
	String newShareDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		newShare(me, id, model);
		return DIALOG;
	}

	@PostMapping("/images/{id:\\d+}/shares")
	ModelAndView create(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result, HtmxRequest htmx, Model model,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
		VisibleImage image = this.access.visible(me, id);
		prepare(model, image, form, null);
		Share share = attempt(() -> this.service.share(me, image, form), result, model);
		if (share == null) {
			return dialog(htmx);
		}
		String message = this.service.message("sharing.created", image.path(), form.shareWith());
		String list = openedElsewhere(htmx, image);
		if (list != null) {
			return reloaded(list, "message", message, request, response);
		}
		return saved(me, image, htmx, model, redirect, "sharing/dialog :: closed", message, false);
	}

	/**
	 * The page the dialog was opened on (htmx says which), when it is not the image's own: a row of
	 * My Images. Null on the image's page, for a plain form, and for an address that is not one
	 * (among them one whose escapes do not decode: the flash map decodes it after the share is
	 * saved, and its failure then answered a saved share with an error).
	 */
	private static String openedElsewhere(HtmxRequest htmx, VisibleImage image) {
		if (!htmx.isHtmxRequest() || htmx.getCurrentUrl() == null) {
			return null;
		}
		try {
			UriUtils.decode(htmx.getCurrentUrl(), StandardCharsets.UTF_8);
			String path = UriComponentsBuilder.fromUriString(htmx.getCurrentUrl()).build().getPath();
			return (path == null || path.equals(image.url()) || path.startsWith(image.url() + "/")) ? null
					: htmx.getCurrentUrl();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Closes the dialog and loads the page it was opened on again, with the message ({@code kind}:
	 * "message", or "notice" when nothing changed): its row now shows the share count as it is.
	 */
	private static ModelAndView reloaded(String page, String kind, String message, HttpServletRequest request,
			HttpServletResponse response) {
		RequestContextUtils.getOutputFlashMap(request).put(kind, message);
		RequestContextUtils.saveOutputFlashMap(page, request, response);
		response.setHeader("HX-Refresh", "true");
		return new ModelAndView("sharing/dialog :: closed");
	}

	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/edit")
	String editShare(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		VisibleImage image = manageable(me, id);
		Share share = this.service.shareOf(me, image, shareId);
		prepare(model, image, ShareForm.of(this.service.accountName(share.granteeAccountId()), share), share);
		return "sharing/dialog";
	}

	@HxRequest
	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/edit")
	String editShareDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		editShare(me, id, shareId, model);
		return DIALOG;
	}

	@PostMapping("/images/{id:\\d+}/shares/{shareId:\\d+}")
	ModelAndView update(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result,
			@RequestParam(required = false) String seen, HtmxRequest htmx, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		VisibleImage image = this.access.visible(me, id);
		Share current = this.service.shareOf(me, image, shareId);
		prepare(model, image, form, current);
		// The terms the form was opened with, kept through a refusal; after "changed meanwhile", the new ones.
		model.addAttribute("seen", (seen != null) ? seen : current.termsTag());
		Share share = attempt(() -> this.service.update(me, image, current, form, seen), result, model);
		if (share == null) {
			if (ShareRefusedException.rejectedFor(result, Refusal.CHANGED_MEANWHILE)) {
				// The terms as the refusal found them, read again: the next OK saves over them. The form
				// shows them where the user had changed nothing, with the refusal's messages.
				Share now = this.service.shareOf(me, image, shareId);
				model.addAttribute("seen", now.termsTag());
				ShareForm rebased = form.rebasedOn(now, seen);
				BindingResult kept = new BeanPropertyBindingResult(rebased, "form");
				kept.addAllErrors(result);
				model.addAttribute("form", rebased);
				model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", kept);
			}
			return dialog(htmx);
		}
		boolean same = share.termsTag().equals(current.termsTag());
		String message = this.service.message(same ? "sharing.unchanged" : "sharing.changed", image.path(),
				this.service.accountName(share.granteeAccountId()));
		// Opened from a row of My Images (Share Image, then "Edit the share" of an existing one).
		String list = openedElsewhere(htmx, image);
		if (list != null) {
			return reloaded(list, same ? "notice" : "message", message, request, response);
		}
		return saved(me, image, htmx, model, redirect, "sharing/dialog :: closed", message, same);
	}

	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/revoke")
	String confirmRevoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		VisibleImage image = manageable(me, id);
		model.addAttribute("image", image);
		model.addAttribute("share", this.sharedImages.row(this.service.shareOf(me, image, shareId)));
		return "sharing/revoke";
	}

	@HxRequest
	@GetMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/revoke")
	String confirmRevokeDialog(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			Model model) {
		confirmRevoke(me, id, shareId, model);
		return "sharing/revoke :: revokeDialog";
	}

	@PostMapping("/images/{id:\\d+}/shares/{shareId:\\d+}/revoke")
	ModelAndView revoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable long shareId,
			HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		VisibleImage image = this.access.visible(me, id);
		Share share = this.service.shareOf(me, image, shareId);
		String grantee = this.service.accountName(share.granteeAccountId());
		// A refusal (not a manager) is a 403, whether the form was plain or htmx.
		boolean revoked = this.service.revoke(me, image, share);
		return saved(me, image, htmx, model, redirect, "sharing/dialog :: closed",
				this.service.message(revoked ? "sharing.revoked" : "sharing.revokedAlready", image.path(), grantee), !revoked);
	}

	/**
	 * After a change: for htmx, the {@code primary} fragment where the request aimed and the shares,
	 * the count and the history out of band; for a plain form, the Sharing tab with a flash message.
	 * A message that nothing changed ({@code nothingChanged}) is shown as a notice, not as a success.
	 */
	private ModelAndView saved(BerthUser me, VisibleImage image, HtmxRequest htmx, Model model, RedirectAttributes redirect,
			String primary, String message, boolean nothingChanged) {
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute(nothingChanged ? "notice" : "message", message);
			return new ModelAndView("redirect:" + image.url() + "?tab=sharing");
		}
		// Loaded again: the share count on the image changed.
		this.tab.fill(model, this.access.visible(me, image.image().id()), SharesFilter.first());
		model.addAttribute("sharingMessage", message);
		model.addAttribute("sharingNotice", nothingChanged);
		return new ModelAndView(FragmentsRendering.fragment(primary)
			.fragment("sharing/tab :: shares(oob=true)")
			.fragment("sharing/tab :: count")
			.fragment("sharing/tab :: history(oob=true)")
			.build());
	}

	private static ModelAndView dialog(HtmxRequest htmx) {
		return new ModelAndView(htmx.isHtmxRequest() ? DIALOG : "sharing/dialog");
	}

	/** The change, or null with each broken rule next to its field; a forged request by a non-manager is a 403. */
	private static Share attempt(Supplier<Share> change, BindingResult result, Model model) {
		if (result.hasErrors()) {
			return null;
		}
		try {
			return change.get();
		}
		catch (ShareRefusedException ex) {
			if (ex.reason() == Refusal.NOT_MANAGER) {
				throw ex;
			}
			ex.rejectInto(result);
			if (ex.existingShareId() != null) {
				model.addAttribute("existingShareId", ex.existingShareId());
			}
			return null;
		}
	}

	private void prepare(Model model, VisibleImage image, ShareForm form, Share share) {
		model.addAttribute("image", image);
		model.addAttribute("form", form);
		model.addAttribute("share", share);
		if (share != null) {
			// The account a share goes to cannot be changed, so its field is not sent back: named here.
			model.addAttribute("grantee", this.service.accountName(share.granteeAccountId()));
			model.addAttribute("seen", share.termsTag());
		}
		model.addAttribute("today", this.service.today());
		model.addAttribute("formAction", (share == null) ? "/images/" + image.image().id() + "/shares"
				: "/images/" + image.image().id() + "/shares/" + share.id());
	}

	private VisibleImage manageable(BerthUser me, long id) {
		VisibleImage image = this.access.visible(me, id);
		requireManage(image);
		return image;
	}

	private static void requireManage(VisibleImage image) {
		if (!image.viewer().canManage()) {
			throw new ForbiddenException(Refusal.NOT_MANAGER.code(), Refusal.NOT_MANAGER.messageKey(), image.path());
		}
	}

}

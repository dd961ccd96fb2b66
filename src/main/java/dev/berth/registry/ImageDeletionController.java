package dev.berth.registry;

import java.util.List;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.registry.ImageDeletion.PushedMeanwhileException;
import dev.berth.registry.ImageDeletion.RegistryRefusedException;
import dev.berth.registry.ImageDeletion.StillNamedException;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Delete image and Delete tag on the image details, each confirmed on a page of its own that says
 * what goes with it: the other tags of the digest, the shares and their grantees' pulls.
 */
@Controller
class ImageDeletionController {

	private static final String PAGE = "images/delete";

	private static final String TAG = "{tag:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}";

	private final ImageAccess access;

	private final ImageDeletion deletion;

	private final MessageSourceAccessor messages;

	ImageDeletionController(ImageAccess access, ImageDeletion deletion, MessageSourceAccessor messages) {
		this.access = access;
		this.deletion = deletion;
		this.messages = messages;
	}

	@GetMapping("/images/{id:\\d+}/delete")
	String imagePage(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		VisibleImage image = manageable(me, id);
		model.addAttribute("image", image);
		model.addAttribute("seen", ImageDeletion.seen(image.image()));
		return PAGE;
	}

	/** {@code seen}: what the confirmation page showed; a push since then stops the deletion. */
	@PostMapping("/images/{id:\\d+}/delete")
	String deleteImage(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@RequestParam(required = false) String seen, Model model, RedirectAttributes redirect) {
		VisibleImage image = manageable(me, id);
		int sharesEnded;
		try {
			sharesEnded = this.deletion.deleteImage(me, image, seen);
		}
		catch (RegistryRefusedException ex) {
			model.addAttribute("registryRefused", true);
			return imagePage(me, id, model);
		}
		catch (PushedMeanwhileException ex) {
			model.addAttribute("pushedMeanwhile", ex.midway() ? "delete.image.pushedMidway" : "delete.image.pushedMeanwhile");
			return imagePage(me, id, model);
		}
		redirect.addFlashAttribute("message", this.messages.getMessage("delete.image.done",
				new Object[] { image.path(), image.image().tags().size(), sharesEnded }));
		return image.image().isPrivate() ? "redirect:/images" : "redirect:/images/public";
	}

	@GetMapping("/images/{id:\\d+}/tags/" + TAG + "/delete")
	String tagPage(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable String tag,
			Model model) {
		VisibleImage image = manageable(me, id);
		model.addAttribute("image", image);
		model.addAttribute("tags", ImageDeletion.deletedWith(image, ImageDeletion.tag(image, tag)));
		return PAGE;
	}

	/** {@code seen}: the digest the confirmation page showed; a push of the tag since then stops the deletion. */
	@PostMapping("/images/{id:\\d+}/tags/" + TAG + "/delete")
	String deleteTag(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @PathVariable String tag,
			@RequestParam(required = false) String seen, Model model, RedirectAttributes redirect) {
		VisibleImage image = manageable(me, id);
		List<String> deleted;
		try {
			deleted = this.deletion.deleteTag(me, image, tag, seen);
		}
		catch (StillNamedException ex) {
			model.addAttribute("stillNamedBy", String.join(", ", ex.tags()));
			return tagPage(me, id, tag, model);
		}
		catch (RegistryRefusedException ex) {
			model.addAttribute("registryRefused", true);
			return tagPage(me, id, tag, model);
		}
		catch (PushedMeanwhileException ex) {
			model.addAttribute("pushedMeanwhile", "delete.tag.pushedMeanwhile");
			return tagPage(me, id, tag, model);
		}
		redirect.addFlashAttribute("message", this.messages.getMessage("delete.tag.done",
				new Object[] { String.join(", ", deleted), deleted.size(), image.path() }));
		return "redirect:" + image.url();
	}

	private VisibleImage manageable(BerthUser me, long id) {
		VisibleImage image = this.access.visible(me, id);
		ImageDeletion.requireManage(image);
		return image;
	}

}

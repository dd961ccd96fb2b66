package dev.berth.sharing;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sharing several images at once, from the Private Images list: one form for the selected images,
 * then each image goes through the same rules on its own, and the result says which were shared.
 */
@Controller
class BatchShareController {

	/** The most images one batch shares (one share each, in turn). */
	static final int MAX_IMAGES = 100;

	private final ImageAccess access;

	private final ShareService service;

	BatchShareController(ImageAccess access, ShareService service) {
		this.access = access;
		this.service = service;
	}

	@GetMapping("/shares/batch")
	String batchForm(@AuthenticationPrincipal BerthUser me, @RequestParam(name = "image", required = false) List<Long> ids,
			Model model, RedirectAttributes redirect) {
		if (ids != null && ids.size() > MAX_IMAGES) {
			redirect.addFlashAttribute("flashError", this.service.message("batch.tooMany", MAX_IMAGES));
			return "redirect:/images";
		}
		List<VisibleImage> images = images(me, ids);
		if (images.isEmpty()) {
			redirect.addFlashAttribute("flashError", this.service.message("batch.none"));
			return "redirect:/images";
		}
		model.addAttribute("form", ShareForm.defaults(this.service.today()));
		return prepare(model, images);
	}

	@PostMapping("/shares/batch")
	String batchShare(@AuthenticationPrincipal BerthUser me, @RequestParam(name = "image", required = false) List<Long> ids,
			@Valid @ModelAttribute("form") ShareForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (ids != null && ids.size() > MAX_IMAGES) {
			redirect.addFlashAttribute("flashError", this.service.message("batch.tooMany", MAX_IMAGES));
			return "redirect:/images";
		}
		List<VisibleImage> images = images(me, ids);
		if (images.isEmpty()) {
			redirect.addFlashAttribute("flashError", this.service.message("batch.none"));
			return "redirect:/images";
		}
		// What holds for every image (no account, an unknown one, a past date) is said next to its
		// field, and no image is tried; only to a user who may share one of them (as the Share Image
		// dialog says it), and not what is audited (a cross-region attempt goes through each image).
		if (!result.hasErrors() && images.stream().anyMatch(BatchShareController::shareable)) {
			try {
				this.service.checkGrantee(me, form);
			}
			catch (ShareRefusedException ex) {
				if (ex.problems().stream().noneMatch(problem -> problem.reason().audited())) {
					ex.rejectInto(result);
				}
			}
		}
		if (result.hasErrors()) {
			return prepare(model, images);
		}
		List<BatchResult> results = new ArrayList<>();
		for (VisibleImage image : images) {
			try {
				this.service.share(me, image, form);
				results.add(new BatchResult(image.path(), image.url(), Outcome.SHARED, ""));
			}
			catch (ShareRefusedException ex) {
				results.add(new BatchResult(image.path(), image.url(),
						(ex.reason() == Refusal.ALREADY_SHARED) ? Outcome.ALREADY_SHARED : Outcome.REFUSED, ex.getMessage()));
			}
		}
		redirect.addFlashAttribute("results", results);
		redirect.addFlashAttribute("grantee", form.shareWith());
		return "redirect:/shares/batch/result";
	}

	@GetMapping("/shares/batch/result")
	String batchResult(Model model) {
		if (!model.containsAttribute("results")) {
			return "redirect:/images";
		}
		return "sharing/batch-result";
	}

	/**
	 * The form for the images the user may share; those they may not (public, or no Manage) are
	 * listed with the reason instead, and with none left there is no form at all.
	 */
	private String prepare(Model model, List<VisibleImage> images) {
		List<VisibleImage> shareable = images.stream().filter(BatchShareController::shareable).toList();
		model.addAttribute("images", shareable);
		model.addAttribute("refused", images.stream()
			.filter(image -> !shareable(image))
			.map(image -> new BatchResult(image.path(), image.url(), Outcome.REFUSED, refusal(image)))
			.toList());
		model.addAttribute("today", this.service.today());
		return "sharing/batch";
	}

	private static boolean shareable(VisibleImage image) {
		return image.viewer().canManage() && image.image().isPrivate();
	}

	private String refusal(VisibleImage image) {
		Refusal reason = image.viewer().canManage() ? Refusal.NOT_PRIVATE : Refusal.NOT_MANAGER;
		return this.service.message(reason.messageKey(), image.path());
	}

	/** The selected images the user may see, each once; an invisible one is a 404. */
	private List<VisibleImage> images(BerthUser me, List<Long> ids) {
		if (ids == null) {
			return List.of();
		}
		return ids.stream()
			.filter(Objects::nonNull)
			.collect(Collectors.toCollection(LinkedHashSet::new))
			.stream()
			.map(id -> this.access.visible(me, id))
			.toList();
	}

	/** What happened to one image of the batch. */
	record BatchResult(String image, String url, Outcome outcome, String reason) implements Serializable {

		public boolean shared() {
			return this.outcome == Outcome.SHARED;
		}

		/** Shared with the account before: what the batch asked for holds, though it changed nothing. */
		public boolean alreadyShared() {
			return this.outcome == Outcome.ALREADY_SHARED;
		}

	}

	enum Outcome {

		SHARED, ALREADY_SHARED, REFUSED

	}

}

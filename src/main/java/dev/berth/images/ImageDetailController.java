package dev.berth.images;

import java.time.Clock;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog.AttributesChange;
import dev.berth.images.ImageCatalog.AttributesSaved;
import dev.berth.support.Fingerprint;
import dev.berth.support.ForbiddenException;
import dev.berth.support.MaxCharacters;
import dev.berth.support.PlainText;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.context.support.MessageSourceAccessor;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Image details with the Tags and Pull/Push tabs (the Sharing and Permissions tabs have their
 * own controllers), and editing the image's attributes.
 */
@Controller
class ImageDetailController {

	private final ImageAccess access;

	private final ImageCatalog catalog;

	private final MessageSourceAccessor messages;

	private final Clock clock;

	private final ImageDetails details;

	ImageDetailController(ImageAccess access, ImageCatalog catalog, MessageSourceAccessor messages, Clock clock,
			ImageDetails details) {
		this.access = access;
		this.catalog = catalog;
		this.messages = messages;
		this.clock = clock;
		this.details = details;
	}

	@GetMapping(ImageDetails.PATH)
	String detail(@AuthenticationPrincipal BerthUser me, @PathVariable String organization, @PathVariable String name,
			@RequestParam(defaultValue = "tags") String tab, Model model) {
		VisibleImage image = this.access.visible(me, organization, ImageDetails.name(name));
		this.details.show(model, image, "pull".equals(tab) ? "pull" : "tags");
		return ImageDetails.PAGE;
	}

	@HxRequest
	@GetMapping(ImageDetails.PATH)
	String detailTabArea(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name, @RequestParam(defaultValue = "tags") String tab, Model model) {
		detail(me, organization, name, tab, model);
		return ImageDetails.TAB_AREA;
	}

	@GetMapping("/images/{id:\\d+}/edit")
	String editForm(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		VisibleImage image = editable(me, id);
		Image current = image.image();
		model.addAttribute("image", image);
		model.addAttribute("form", new AttributesForm(current.visibility(), current.category(), current.description()));
		model.addAttribute("seen", current.attributesTag());
		return editPage(image, current, model);
	}

	@PostMapping("/images/{id:\\d+}/edit")
	String edit(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			@Valid @ModelAttribute("form") AttributesForm form, BindingResult result,
			@RequestParam(required = false) String seen, Model model, RedirectAttributes redirect) {
		VisibleImage image = editable(me, id);
		if (form.visibility() == Visibility.PUBLIC && image.image().isPrivate() && !image.viewer().canManage()) {
			result.rejectValue("visibility", "image.visibility.manage");
		}
		// The attributes the form was opened with, kept through a refusal; after "changed meanwhile", the new ones.
		model.addAttribute("seen", (seen != null) ? seen : image.image().attributesTag());
		Image now = image.image();
		if (!result.hasErrors()) {
			AttributesSaved saved = this.catalog.saveAttributes(image.image().id(), image.viewer().canManage(),
					new AttributesChange(form.visibility(), form.category().strip(), form.description().strip(), seen),
					this.clock.instant());
			Image current = saved.current();
			now = current;
			switch (saved.outcome()) {
				case SHARED -> result.rejectValue("visibility", "image.visibility.shared",
						new Object[] { current.shareCount() }, null);
				case NEEDS_MANAGE -> result.rejectValue("visibility", "image.visibility.manage");
				case CHANGED_MEANWHILE -> {
					// The form shows what was saved in each field the user had left as it was.
					AttributesForm rebased = form.rebasedOn(current, seen);
					BindingResult kept = new BeanPropertyBindingResult(rebased, "form");
					kept.reject("image.changedMeanwhile");
					result = kept;
					model.addAttribute("form", rebased);
					model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", kept);
					model.addAttribute("seen", current.attributesTag());
					model.addAttribute("now", ChangedMeanwhile.of(current, seen, this.messages));
				}
				case SAVED -> {
				}
			}
		}
		if (result.hasErrors()) {
			model.addAttribute("image", image);
			return editPage(image, now, model);
		}
		redirect.addFlashAttribute("message", this.messages.getMessage("edit.saved", new Object[] { image.path() }));
		return "redirect:" + image.url();
	}

	/**
	 * The form, with Public offered only when saving it can succeed: a shared image, or a user
	 * without Manage, learns why before choosing it rather than after Save. {@code current}: the
	 * image as last read (after a refused save, as the save found it).
	 */
	private String editPage(VisibleImage image, Image current, Model model) {
		if (current.isPrivate() && current.shareCount() > 0) {
			model.addAttribute("publicRefused", this.messages.getMessage("edit.public.shared",
					new Object[] { current.shareCount() }));
		}
		else if (current.isPrivate() && !image.viewer().canManage()) {
			model.addAttribute("publicRefused", this.messages.getMessage("edit.public.manage"));
		}
		return "images/edit";
	}

	private VisibleImage editable(BerthUser me, long id) {
		VisibleImage image = this.access.visible(me, id);
		if (!image.viewer().canEdit()) {
			throw new ForbiddenException("forbidden", "edit.forbidden", image.path());
		}
		return image;
	}

	/**
	 * What another user saved meanwhile, for each field they changed since the form was opened
	 * (null for the others): shown under the field, so the user sees what Save would replace.
	 */
	record ChangedMeanwhile(String visibility, String category, String description) {

		static ChangedMeanwhile of(Image current, String seen, MessageSourceAccessor messages) {
			boolean[] changed = Fingerprint.differing(seen, current.attributesTag());
			return new ChangedMeanwhile(changed[0] ? messages.getMessage(current.visibility().messageKey()) : null,
					changed[1] ? current.category() : null, changed[2] ? current.description() : null);
		}

	}

	/** Category: one line of plain text; Description: lines of plain text ({@link PlainText}). */
	record AttributesForm(@NotNull(message = "{typeMismatch.visibility}") Visibility visibility,
			@NotNull @MaxCharacters(64) @Pattern(regexp = ".*\\S.*", message = "{image.category.blank}")
			@Pattern(regexp = PlainText.ONE_LINE, message = "{image.category.characters}") String category,
			@NotNull @MaxCharacters(1000)
			@Pattern(regexp = PlainText.LINES, message = "{image.description.characters}") String description) {

		/**
		 * The form after another user saved the image since it was opened ({@code seen}, its
		 * {@link Image#attributesTag()} then): each field the user left as it was opened takes the
		 * saved value, and what they changed stays. Kept as sent, the untouched fields would write the
		 * other user's change back at the next Save.
		 */
		AttributesForm rebasedOn(Image now, String seen) {
			boolean[] take = Fingerprint.savedToTake(seen,
					Fingerprint.ofEach(this.visibility, this.category.strip(), this.description.strip()),
					now.attributesTag());
			return new AttributesForm(take[0] ? now.visibility() : this.visibility, take[1] ? now.category() : this.category,
					take[2] ? now.description() : this.description);
		}

	}

}

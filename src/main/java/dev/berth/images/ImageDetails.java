package dev.berth.images;

import dev.berth.images.ImageAccess.VisibleImage;

import org.springframework.ui.Model;

/**
 * The image details page: one path for every tab ({@code ?tab=tags|pull|sharing|permissions}).
 * Each tab's controller lives in the module that owns its data (the Sharing tab in sharing) and
 * answers with the whole page, or for htmx with the tab area only.
 */
public final class ImageDetails {

	/** The page's path; {@code name} may hold slashes and arrives with a leading one. */
	public static final String PATH = "/images/{organization:[a-z][a-z0-9._-]*}/{*name}";

	public static final String PAGE = "images/detail";

	public static final String TAB_AREA = "images/detail :: panel";

	private ImageDetails() {
	}

	/** Puts the image and the shown tab into the model. */
	public static void show(Model model, VisibleImage image, String tab) {
		model.addAttribute("image", image);
		model.addAttribute("tab", tab);
	}

	/**
	 * The Tags tab in place of one the user does not have (a link from someone who has it), with
	 * a note that says why: {@code reasonKey} is its message.
	 */
	public static void showTagsInstead(Model model, VisibleImage image, String reasonKey) {
		show(model, image, "tags");
		model.addAttribute("tabUnavailable", reasonKey);
	}

	/** The image name of {@link #PATH}'s {@code {*name}}. */
	public static String name(String captured) {
		return captured.startsWith("/") ? captured.substring(1) : captured;
	}

}

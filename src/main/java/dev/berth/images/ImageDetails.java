package dev.berth.images;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.support.RowsHtml;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The image details page: one path for every tab ({@code ?tab=tags|pull|sharing|permissions}).
 * Each tab's controller lives in the module that owns its data (the Sharing tab in sharing) and
 * answers with the whole page, or for htmx with the tab area only. The page's head (breadcrumb,
 * badges, facts), its tabs and the Tags tab's rows are rendered once for what they show
 * ({@link RowsHtml}): with two copyable pull commands and a digest each, the rows were about 40 % of
 * the tab's template.
 */
@Component
public final class ImageDetails {

	/** The page's path; {@code name} may hold slashes and arrives with a leading one. */
	public static final String PATH = "/images/{organization:[a-z][a-z0-9._-]*}/{*name}";

	public static final String PAGE = "images/detail";

	public static final String TAB_AREA = "images/detail :: panel";

	private final RowsHtml rowsHtml;

	ImageDetails(RowsHtml rowsHtml) {
		this.rowsHtml = rowsHtml;
	}

	/**
	 * Puts the image and the shown tab into the model, with the HTML of the page's head and tabs
	 * (and for the Tags tab, of its rows).
	 */
	public void show(Model model, VisibleImage image, String tab) {
		model.addAttribute("image", image);
		model.addAttribute("tab", tab);
		model.addAttribute("imageTop", this.rowsHtml.render(PAGE, "top", Map.of("image", image)));
		model.addAttribute("imageTabs", this.rowsHtml.render(PAGE, "tabs", Map.of("image", image, "tab", tab)));
		if ("tags".equals(tab)) {
			List<Tag> tags = image.image().tagsNewestFirst();
			model.addAttribute("tagRows", this.rowsHtml.render("images/tag-row",
					IntStream.range(0, tags.size()).mapToObj(index -> new TagRow(index, tags.get(index))).toList(),
					Map.of("path", image.path(), "registry", image.registryAddress(), "imageId", image.image().id(),
							"canPull", image.viewer().canPull(), "canManage", image.viewer().canManage())));
		}
	}

	/**
	 * The Tags tab in place of one the user does not have (a link from someone who has it), with
	 * a note that says why: {@code reasonKey} is its message.
	 */
	public void showTagsInstead(Model model, VisibleImage image, String reasonKey) {
		show(model, image, "tags");
		model.addAttribute("tabUnavailable", reasonKey);
	}

	/** A tag's row of the Tags tab: its place (for the ids of its commands) and the tag. */
	public record TagRow(int index, Tag tag) {
	}

	/** The image name of {@link #PATH}'s {@code {*name}}. */
	public static String name(String captured) {
		return captured.startsWith("/") ? captured.substring(1) : captured;
	}

}

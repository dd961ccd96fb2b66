package dev.berth.images;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import dev.berth.support.PageOf;
import dev.berth.support.RowsHtml;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The parts around the rows of the My Images lists (Private Images, Public Images, Images From
 * Others), as HTML rendered once for what they show ({@link RowsHtml}): the tabs, the search
 * toolbar ({@code images/list-parts :: toolbar}), the table's column heads (the fragment
 * {@code head} of the list's template) and the pager ({@code images/list-parts :: pager}). The
 * page inserts them with {@code th:utext}.
 *
 * <p>
 * The toolbar and the heads read the filter without its page, so that every page of a list shares
 * them; the pager reads where the page lies in the list and the filters of its Previous and Next
 * links.
 */
@Component
public class ImageListParts {

	private final RowsHtml html;

	ImageListParts(RowsHtml html) {
		this.html = html;
	}

	/**
	 * The tabs with {@code tab} chosen, and the toolbar of the list at {@code base}: the model's
	 * {@code tabs} and {@code toolbar}. {@code organizations} are those to choose from, or null for a
	 * field to type one into; {@code sharedBox}, whether the My shared images checkbox belongs here.
	 */
	public void addTabsAndToolbar(Model model, String tab, String base, ImageFilter filter,
			List<String> organizations, boolean sharedBox) {
		model.addAttribute("tabs", this.html.render("images/tabs", "tabs", Map.of("active", tab)));
		Map<String, Object> variables = new HashMap<>();
		variables.put("base", base);
		variables.put("filter", filter.withPage(1));
		variables.put("organizations", organizations);
		variables.put("sharedBox", sharedBox);
		model.addAttribute("toolbar", this.html.render("images/list-parts", "toolbar", variables));
	}

	/**
	 * The column heads of the list at {@code base} (the fragment {@code head} of {@code template},
	 * which reads {@code base}, {@code filter} and {@code headVariables}) and its pager: the model's
	 * {@code head} and {@code pager}. The pager's Next reads on from the page's last row and its
	 * Previous back from its first ({@link ImageFilter#next}, {@link ImageFilter#previous}), whose
	 * ids {@code id} gives.
	 */
	public <T> void addHeadAndPager(Model model, String template, String base, ImageFilter filter, PageOf<T> page,
			ToLongFunction<T> id, Map<String, ?> headVariables) {
		Map<String, Object> head = new HashMap<>(headVariables);
		head.put("base", base);
		head.put("filter", filter.withPage(1));
		model.addAttribute("head", this.html.render(template, "head", head));
		ImageFilter previous = filter.previous(page, id);
		ImageFilter next = filter.next(page, id);
		Map<String, Object> pager = new HashMap<>();
		pager.put("base", base);
		pager.put("page", page.place());
		pager.put("previous", (previous != null) ? previous : filter.withPage(page.page() - 1));
		pager.put("next", (next != null) ? next : filter.withPage(page.page() + 1));
		model.addAttribute("pager", this.html.render("images/list-parts", "pager", pager));
	}

}

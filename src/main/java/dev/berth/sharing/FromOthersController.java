package dev.berth.sharing;

import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageFilter;
import dev.berth.images.ImageListParts;
import dev.berth.support.PageOf;
import dev.berth.support.RowsHtml;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * My Images › Images From Others: images other accounts shared with the user's account, with
 * the same search, filter, sort and paging as the other tabs.
 */
@Controller
class FromOthersController {

	private static final String BASE = "/images/from-others";

	private final SharedImages sharedImages;

	private final RowsHtml rowsHtml;

	private final ImageListParts parts;

	FromOthersController(SharedImages sharedImages, RowsHtml rowsHtml, ImageListParts parts) {
		this.sharedImages = sharedImages;
		this.rowsHtml = rowsHtml;
		this.parts = parts;
	}

	@GetMapping("/images/from-others")
	String fromOthers(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		results(me, filter, model);
		// Shares may come from thousands of organizations: the filter is a field to type into, not a list.
		this.parts.addTabsAndToolbar(model, "others", BASE, filter, null, false);
		return "sharing/from-others";
	}

	@HxRequest
	@GetMapping("/images/from-others")
	String fromOthersRows(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		// The results alone: the toolbar stays on the page (and is not rendered for every typed search).
		results(me, filter, model);
		return "sharing/from-others :: results";
	}

	private void results(BerthUser me, ImageFilter filter, Model model) {
		model.addAttribute("tab", "others");
		PageOf<ReceivedImage> page = this.sharedImages.sharedWith(me, filter);
		model.addAttribute("page", page);
		model.addAttribute("rows", this.rowsHtml.render("sharing/from-others", page.items(), Map.of()));
		this.parts.addHeadAndPager(model, "sharing/from-others", BASE, filter, page, ReceivedImage::id, Map.of());
	}

}

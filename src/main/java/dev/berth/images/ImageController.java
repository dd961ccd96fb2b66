package dev.berth.images;

import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Regions;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Permission;
import dev.berth.support.PageOf;
import dev.berth.support.RowsHtml;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * My Images: the Private Images and Public Images tabs. Each list is a GET form that htmx
 * enhances: the same path answers with the whole page, or with just the results for htmx.
 */
@Controller
class ImageController {

	private final ImageCatalog catalog;

	private final AccessPolicy policy;

	private final Regions regions;

	private final RowsHtml rowsHtml;

	private final ImageListParts parts;

	ImageController(ImageCatalog catalog, AccessPolicy policy, Regions regions, RowsHtml rowsHtml,
			ImageListParts parts) {
		this.catalog = catalog;
		this.policy = policy;
		this.regions = regions;
		this.rowsHtml = rowsHtml;
		this.parts = parts;
	}

	@GetMapping("/images")
	String privateImages(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		boolean canShare = this.policy.holdsAnywhere(me, Permission.MANAGE);
		List<String> organizations = this.catalog.organizationNames(me);
		privateResults(me, filter, canShare, organizations, model);
		this.parts.addTabsAndToolbar(model, "private", "/images", filter, organizations, canShare);
		return "images/list";
	}

	@HxRequest
	@GetMapping("/images")
	String privateImageRows(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		// The results alone: the toolbar stays on the page (and is not rendered for every typed search).
		privateResults(me, filter, this.policy.holdsAnywhere(me, Permission.MANAGE),
				this.catalog.organizationNames(me), model);
		return "images/list :: results";
	}

	/** The Private Images results, with the organizations their empty state names. */
	private void privateResults(BerthUser me, ImageFilter filter, boolean canShare, List<String> organizations,
			Model model) {
		model.addAttribute("canShare", canShare);
		list(me, "private", canShare, filter, this.catalog.ownImages(me, Visibility.PRIVATE, filter), model);
		model.addAttribute("organizations", organizations);
	}

	@GetMapping("/images/public")
	String publicImages(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		list(me, "public", false, filter, this.catalog.publicImages(me, filter), model);
		List<String> organizations = this.catalog.publicOrganizationNames(me);
		model.addAttribute("organizations", organizations);
		this.parts.addTabsAndToolbar(model, "public", "/images/public", filter, organizations, false);
		return "images/list";
	}

	@HxRequest
	@GetMapping("/images/public")
	String publicImageRows(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		// The results alone: the toolbar, with its organizations to choose from, stays on the page.
		list(me, "public", false, filter, this.catalog.publicImages(me, filter), model);
		return "images/list :: results";
	}

	/**
	 * The tab, its page of images, the page's rows (the fragment images/list :: row), the table's
	 * heads and the pager.
	 */
	private void list(BerthUser me, String tab, boolean canShare, ImageFilter filter, PageOf<ImageRow> page,
			Model model) {
		model.addAttribute("tab", tab);
		model.addAttribute("page", page);
		model.addAttribute("rows", this.rowsHtml.render("images/list", page.items(), Map.of("tab", tab, "canShare",
				canShare, "registryAddress", this.regions.registryAddress(me.region()))));
		this.parts.addHeadAndPager(model, "images/list", "public".equals(tab) ? "/images/public" : "/images", filter,
				page, ImageRow::id, Map.of("tab", tab, "canShare", canShare));
	}

}

package dev.berth.images;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
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

	ImageController(ImageCatalog catalog, AccessPolicy policy) {
		this.catalog = catalog;
		this.policy = policy;
	}

	@GetMapping("/images")
	String privateImages(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		model.addAttribute("tab", "private");
		model.addAttribute("canShare", this.policy.managesAnything(me));
		model.addAttribute("page", this.catalog.ownImages(me, Visibility.PRIVATE, filter));
		model.addAttribute("organizations", this.catalog.organizationNames(me));
		return "images/list";
	}

	@HxRequest
	@GetMapping("/images")
	String privateImageRows(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		privateImages(me, filter, model);
		return "images/list :: results";
	}

	@GetMapping("/images/public")
	String publicImages(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		model.addAttribute("tab", "public");
		model.addAttribute("page", this.catalog.publicImages(me, filter));
		model.addAttribute("organizations", this.catalog.publicOrganizationNames(me));
		return "images/list";
	}

	@HxRequest
	@GetMapping("/images/public")
	String publicImageRows(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") ImageFilter filter,
			Model model) {
		publicImages(me, filter, model);
		return "images/list :: results";
	}

}

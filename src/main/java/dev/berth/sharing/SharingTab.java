package dev.berth.sharing;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.audit.Activity;
import dev.berth.audit.ActivityRow;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageDetails;
import dev.berth.support.PageOf;
import dev.berth.support.RowsHtml;
import dev.berth.support.UtcDay;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Sharing tab of image details (owner side of a private image): the image's shares with
 * their last pulls, Share Image, and the image's sharing history. Anyone else gets the Tags tab.
 */
@Controller
class SharingTab {

	private final ImageAccess access;

	private final SharedImages sharedImages;

	private final Activity activity;

	private final RowsHtml rowsHtml;

	private final Clock clock;

	private final ImageDetails details;

	SharingTab(ImageAccess access, SharedImages sharedImages, Activity activity, RowsHtml rowsHtml, Clock clock,
			ImageDetails details) {
		this.details = details;
		this.access = access;
		this.sharedImages = sharedImages;
		this.activity = activity;
		this.rowsHtml = rowsHtml;
		this.clock = clock;
	}

	@GetMapping(path = ImageDetails.PATH, params = "tab=sharing")
	String tab(@AuthenticationPrincipal BerthUser me, @PathVariable String organization, @PathVariable String name,
			@ModelAttribute("sharesFilter") SharesFilter filter, Model model) {
		VisibleImage image = this.access.visible(me, organization, ImageDetails.name(name));
		if (image.hasSharingTab()) {
			fill(model, image, filter);
		}
		else {
			this.details.showTagsInstead(model, image, image.image().isPrivate() ? "detail.tabUnavailable.sharing"
					: "detail.tabUnavailable.sharingPublic");
		}
		return ImageDetails.PAGE;
	}

	@HxRequest
	@GetMapping(path = ImageDetails.PATH, params = "tab=sharing")
	String tabArea(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name, @ModelAttribute("sharesFilter") SharesFilter filter, Model model) {
		tab(me, organization, name, filter, model);
		return ImageDetails.TAB_AREA;
	}

	/**
	 * What the tab and its fragments show: a page of the shares (and the HTML of their rows, column
	 * heads and pager), their count and the history.
	 */
	void fill(Model model, VisibleImage image, SharesFilter filter) {
		this.details.show(model, image, "sharing");
		model.addAttribute("sharesFilter", filter);
		PageOf<ShareRow> shares = this.sharedImages.forImage(image.image().id(), filter);
		model.addAttribute("shares", shares);
		String sharesUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/images/{id}/shares/")
			.buildAndExpand(image.image().id())
			.getPath();
		model.addAttribute("shareRows", this.rowsHtml.render("sharing/tab", shares.items(),
				Map.of("manage", image.viewer().canManage(), "sharesUrl", sharesUrl, "today", UtcDay.today(this.clock))));
		// Kept by the image's address, not the whole image, which would be hashed and compared for each.
		model.addAttribute("sharesHead", this.rowsHtml.render("sharing/tab", "head",
				Map.of("url", image.url(), "f", filter, "manage", image.viewer().canManage())));
		model.addAttribute("sharesPager", this.rowsHtml.render("sharing/tab", "pager",
				Map.of("url", image.url(), "f", filter, "shares", shares.place())));
		List<ActivityRow> history = this.activity.forImage(image.owner().id(), image.image().id());
		model.addAttribute("history", history);
		model.addAttribute("historyRows", this.rowsHtml.render("sharing/history-entry", history, Map.of()));
	}

}

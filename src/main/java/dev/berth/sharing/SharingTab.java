package dev.berth.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The Sharing tab of image details (owner side of a private image): the image's shares with
 * their last pulls, Share Image, and the image's sharing history. Anyone else gets the Tags tab.
 */
@Controller
class SharingTab {

	static final int MAX_CHARACTERS = 4_000_000;

	private final ImageAccess access;

	private final SharedImages sharedImages;

	private final Activity activity;

	private final RowsHtml rowsHtml;

	private final Clock clock;

	private final ImageDetails details;

	private final SharingVersions versions;

	/**
	 * The parts of the tabs asked for lately, by their image's version: an image whose shares and
	 * history did not change costs one statement, not five (the 500 shares of an image read and
	 * sorted, a page of them, the history's three), nor the joining of its rows' HTML. At most
	 * {@value #MAX_CHARACTERS} characters are kept, some fifty tabs of fifty shares.
	 */
	private final Cache<Key, Parts> kept = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.weigher((Key key, Parts parts) -> parts.characters())
		.build();

	SharingTab(ImageAccess access, SharedImages sharedImages, Activity activity, RowsHtml rowsHtml, Clock clock,
			ImageDetails details, SharingVersions versions) {
		this.details = details;
		this.versions = versions;
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
	 * heads and pager), their count and the history; kept by the image's {@link SharingVersions
	 * version} while it has one.
	 */
	void fill(Model model, VisibleImage image, SharesFilter filter) {
		this.details.show(model, image, "sharing");
		model.addAttribute("sharesFilter", filter);
		ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
		String contextPath = current.getRequest().getContextPath();
		long imageId = image.image().id();
		OptionalLong version = this.versions.of(imageId);
		Parts parts = version.isEmpty() ? parts(image, filter, contextPath)
				: this.kept.get(new Key(imageId, version.getAsLong(), image.url(), filter, image.viewer().canManage(),
						UtcDay.today(this.clock), LocaleContextHolder.getLocale(), contextPath),
						(key) -> parts(image, filter, contextPath));
		model.addAttribute("shares", parts.shares());
		model.addAttribute("shareRows", parts.shareRows());
		model.addAttribute("sharesHead", parts.sharesHead());
		model.addAttribute("sharesPager", parts.sharesPager());
		model.addAttribute("history", parts.history());
		model.addAttribute("historyRows", parts.historyRows());
	}

	private Parts parts(VisibleImage image, SharesFilter filter, String contextPath) {
		PageOf<ShareRow> shares = this.sharedImages.forImage(image.image().id(), filter);
		String sharesUrl = contextPath + "/images/" + image.image().id() + "/shares/";
		boolean manage = image.viewer().canManage();
		List<ActivityRow> history = this.activity.forImage(image.owner().id(), image.image().id());
		return new Parts(shares,
				this.rowsHtml.render("sharing/tab", shares.items(),
						Map.of("manage", manage, "sharesUrl", sharesUrl, "today", UtcDay.today(this.clock))),
				// Kept by the image's address, not the whole image, which would be hashed and compared for each.
				this.rowsHtml.render("sharing/tab", "head", Map.of("url", image.url(), "f", filter, "manage", manage)),
				this.rowsHtml.render("sharing/tab", "pager",
						Map.of("url", image.url(), "f", filter, "shares", shares.place())),
				history, this.rowsHtml.render("sharing/history-entry", history, Map.of()));
	}

	/** The tab's parts that its shares and history make, as the template shows them. */
	private record Parts(PageOf<ShareRow> shares, String shareRows, String sharesHead, String sharesPager,
			List<ActivityRow> history, String historyRows) {

		int characters() {
			return this.shareRows.length() + this.sharesHead.length() + this.sharesPager.length()
					+ this.historyRows.length();
		}

	}

	/** What the parts depend on beside the image's version: the page asked for and how it is shown. */
	private record Key(long imageId, long version, String url, SharesFilter filter, boolean manage, LocalDate today,
			Locale locale, String contextPath) {
	}

}

package dev.berth.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.berth.support.PageAttributes;
import dev.berth.support.RowsHtml;

import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/**
 * What the layout's frame shows on every page: who is logged in, which account and region. The top
 * bar and the side navigation (fragments/frame) are rendered once for what they show
 * ({@link RowsHtml}): for the values of {@link SignedIn}, not for the user object, so that a change
 * of role or account shows at once. The side navigation is rendered for each section that marks one
 * of its entries as the current page; a page of another section renders it itself.
 */
@Component
class CurrentUserAttributes extends PageAttributes {

	/** The sections of the side navigation whose entry a page marks as current. */
	private static final List<String> SECTIONS = List.of("images", "organizations", "activity", "users",
			"administration", "profile", "");

	private final Regions regions;

	private final RowsHtml html;

	CurrentUserAttributes(Regions regions, RowsHtml html) {
		this.regions = regions;
		this.html = html;
	}

	@Override
	protected void addTo(ModelMap model) {
		BerthUser me = BerthUser.current().orElse(null);
		String registryAddress = this.regions.registryAddress((me != null) ? me.region() : null);
		model.addAttribute("me", me);
		model.addAttribute("registryAddress", registryAddress);
		SignedIn signedIn = (me != null) ? SignedIn.of(me) : null;
		model.addAttribute("signedIn", signedIn);
		Map<String, Object> frame = new HashMap<>();
		frame.put("signedIn", signedIn);
		frame.put("registryAddress", registryAddress);
		model.addAttribute("topbar", this.html.render("fragments/frame", "topbar", frame));
		if (me != null) {
			Map<String, String> sidenavs = new HashMap<>();
			for (String section : SECTIONS) {
				frame.put("section", section);
				sidenavs.put(section, this.html.render("fragments/frame", "sidenav", frame));
			}
			model.addAttribute("sidenavs", sidenavs);
		}
	}

	/** Who is logged in, as the frame shows it. */
	record SignedIn(String username, String accountName, String region, boolean administrator, boolean operator) {

		static SignedIn of(BerthUser me) {
			return new SignedIn(me.getUsername(), me.accountName(), me.region(), me.administrator(), me.operator());
		}

	}

}

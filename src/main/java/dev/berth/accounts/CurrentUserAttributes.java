package dev.berth.accounts;

import dev.berth.support.PageAttributes;

import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;

/** What the layout's header shows on every page: who is logged in, which account and region. */
@Component
class CurrentUserAttributes extends PageAttributes {

	private final Regions regions;

	CurrentUserAttributes(Regions regions) {
		this.regions = regions;
	}

	@Override
	protected void addTo(ModelMap model) {
		BerthUser me = BerthUser.current().orElse(null);
		model.addAttribute("me", me);
		model.addAttribute("registryAddress", this.regions.registryAddress((me != null) ? me.region() : null));
	}

}

package dev.berth.accounts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout's header shows on every page: who is logged in, which account and region. */
@ControllerAdvice
class CurrentUserAdvice {

	private final Regions regions;

	CurrentUserAdvice(Regions regions) {
		this.regions = regions;
	}

	@ModelAttribute("me")
	BerthUser me(@AuthenticationPrincipal BerthUser user) {
		return user;
	}

	@ModelAttribute("registryAddress")
	String registryAddress(@AuthenticationPrincipal BerthUser user) {
		return this.regions.registryAddress((user != null) ? user.region() : null);
	}

}

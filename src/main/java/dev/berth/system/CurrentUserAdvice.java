package dev.berth.system;

import dev.berth.accounts.BerthUser;
import dev.berth.registry.RegistryProperties;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout's header shows on every page: who is logged in, which account and region. */
@ControllerAdvice
class CurrentUserAdvice {

	private final RegistryProperties registry;

	CurrentUserAdvice(RegistryProperties registry) {
		this.registry = registry;
	}

	@ModelAttribute("me")
	BerthUser me(@AuthenticationPrincipal BerthUser user) {
		return user;
	}

	@ModelAttribute("registryAddress")
	String registryAddress(@AuthenticationPrincipal BerthUser user) {
		return (user != null) ? this.registry.addressOf(user.region()) : this.registry.defaultAddress();
	}

}

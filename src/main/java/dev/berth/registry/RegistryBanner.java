package dev.berth.registry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page says so while the registry does not answer (the layout shows the banner). */
@ControllerAdvice
class RegistryBanner {

	private final ObjectProvider<RegistryStatus> status;

	/** The status is optional: a controller slice test has none, and no banner. */
	RegistryBanner(ObjectProvider<RegistryStatus> status) {
		this.status = status;
	}

	@ModelAttribute("registryDown")
	boolean registryDown() {
		RegistryStatus current = this.status.getIfAvailable();
		return current != null && current.down();
	}

}

package dev.berth.registry;

import dev.berth.support.PageAttributes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.ModelMap;
import org.springframework.util.function.SingletonSupplier;

/** Every page says so while the registry does not answer (the layout shows the banner). */
@Component
class RegistryBanner extends PageAttributes {

	private final SingletonSupplier<RegistryStatus> status;

	/** The status is optional: a controller slice test has none, and no banner. */
	RegistryBanner(ObjectProvider<RegistryStatus> status) {
		this.status = SingletonSupplier.of(status::getIfAvailable);
	}

	@Override
	protected void addTo(ModelMap model) {
		RegistryStatus current = this.status.get();
		model.addAttribute("registryDown", current != null && current.down());
	}

}

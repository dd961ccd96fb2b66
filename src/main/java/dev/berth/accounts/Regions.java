package dev.berth.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The regions of this installation and the registry address users type for each, from
 * configuration: {@code berth.regions.<region>.registry-address}, or the older form
 * {@code berth.registry.addresses.<region>} (both are read; the newer wins). A region without an
 * address of its own shows {@code berth.registry.default-address}.
 */
@Component
public class Regions {

	static final String DEFAULT_ADDRESS = "localhost:5000";

	private final Map<String, String> addresses;

	private final String defaultAddress;

	Regions(Environment environment) {
		Binder binder = Binder.get(environment);
		Map<String, String> addresses = new TreeMap<>(binder
			.bind("berth.registry.addresses", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of()));
		binder.bind("berth.regions", Bindable.mapOf(String.class, Region.class))
			.orElse(Map.of())
			.forEach((name, region) -> addresses.put(name,
					(region.registryAddress() != null) ? region.registryAddress() : addresses.get(name)));
		String configured = binder.bind("berth.registry.default-address", String.class).map(String::strip).orElse("");
		this.defaultAddress = configured.isEmpty() ? DEFAULT_ADDRESS : configured;
		this.addresses = new LinkedHashMap<>(addresses);
		this.addresses.replaceAll((name, address) -> (address != null) ? address : this.defaultAddress);
	}

	/** The configured regions, by name. */
	public List<String> names() {
		return List.copyOf(this.addresses.keySet());
	}

	public boolean exists(String region) {
		return this.addresses.containsKey(region);
	}

	/** Where users of the region push and pull, as they type it: {@code registry.example.com}. */
	public String registryAddress(String region) {
		return (region != null) ? this.addresses.getOrDefault(region, this.defaultAddress) : this.defaultAddress;
	}

	/** One region's settings. */
	record Region(String registryAddress) {

	}

}

package dev.berth.registry;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each region's registry answers, as clients type it in a pull command.
 *
 * @param addresses registry address per region, e.g. {@code eu-west-1 -> registry.example.com}
 * @param defaultAddress the address for a region that has none of its own
 */
@ConfigurationProperties("berth.registry")
public record RegistryProperties(Map<String, String> addresses, String defaultAddress) {

	public RegistryProperties {
		addresses = (addresses != null) ? Map.copyOf(addresses) : Map.of();
		defaultAddress = (defaultAddress != null && !defaultAddress.isBlank()) ? defaultAddress : "localhost:5000";
	}

	public String addressOf(String region) {
		return this.addresses.getOrDefault(region, this.defaultAddress);
	}

}

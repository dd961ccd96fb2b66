package dev.berth.accounts;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Regions and their registry addresses come from configuration, in the current or the older form. */
class RegionsTests {

	@Test
	void regionsFormThenEachRegionWithItsAddress() {
		Regions regions = new Regions(new MockEnvironment()
			.withProperty("berth.regions.eu-west-1.registry-address", "registry.eu.example.com")
			.withProperty("berth.regions.ap-southeast-1.registry-address", "registry.ap.example.com"));

		assertThat(regions.names()).containsExactly("ap-southeast-1", "eu-west-1");
		assertThat(regions.registryAddress("eu-west-1")).isEqualTo("registry.eu.example.com");
		assertThat(regions.exists("us-east-1")).isFalse();
	}

	@Test
	void olderAddressesFormThenStillRead() {
		Regions regions = new Regions(new MockEnvironment()
			.withProperty("berth.registry.addresses.eu-west-1", "old.example.com")
			.withProperty("berth.registry.default-address", "default.example.com"));

		assertThat(regions.names()).containsExactly("eu-west-1");
		assertThat(regions.registryAddress("eu-west-1")).isEqualTo("old.example.com");
		assertThat(regions.registryAddress("elsewhere")).isEqualTo("default.example.com");
	}

	@Test
	void bothFormsThenTheRegionsFormWins() {
		Regions regions = new Regions(new MockEnvironment()
			.withProperty("berth.registry.addresses.eu-west-1", "old.example.com")
			.withProperty("berth.regions.eu-west-1.registry-address", "new.example.com"));

		assertThat(regions.registryAddress("eu-west-1")).isEqualTo("new.example.com");
		assertThat(regions.registryAddress(null)).isEqualTo("localhost:5000");
	}

}

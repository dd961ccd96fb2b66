package dev.berth;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages under {@code dev.berth} are application modules that depend one way (see each
 * {@code package-info.java}) and use only each other's API; the build writes their documentation
 * (diagrams and module canvases) into {@code docs/modules/}.
 */
class ApplicationModulesTests {

	static final ApplicationModules MODULES = ApplicationModules.of(BerthApplication.class);

	@Test
	void modulesDependOneWayAndUseOnlyEachOthersApi() {
		MODULES.verify();
	}

	@Test
	void everyTopLevelPackageIsAModule() {
		assertThat(MODULES.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrder("support",
				"accounts", "organizations", "audit", "images", "sharing", "registry", "administration", "demo");
	}

	@Test
	void documentationWrittenToDocsModules() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
	}

}

package dev.berth.registry;

import java.util.List;
import java.util.Map;

/**
 * One entry of a token's {@code access} claim: what the bearer may do with one resource.
 */
record Access(String type, String name, List<String> actions) {

	Access {
		actions = List.copyOf(actions);
	}

	static Access repository(String name, List<String> actions) {
		return new Access("repository", name, actions);
	}

	static Access catalog() {
		return new Access("registry", "catalog", List.of("*"));
	}

	Map<String, Object> claim() {
		return Map.of("type", this.type, "name", this.name, "actions", this.actions);
	}

}

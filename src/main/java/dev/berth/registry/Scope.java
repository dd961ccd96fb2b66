package dev.berth.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A requested scope {@code type:name:actions}, e.g. {@code repository:acme-apps/nginx:pull,push}
 * or {@code registry:catalog:*}. The name sits between the first and the last colon.
 */
record Scope(String type, String name, Set<String> actions) {

	Scope {
		actions = Set.copyOf(actions);
	}

	static Optional<Scope> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		int first = text.indexOf(':');
		int last = text.lastIndexOf(':');
		if (first <= 0 || last <= first + 1) {
			return Optional.empty();
		}
		Set<String> actions = new LinkedHashSet<>();
		for (String action : text.substring(last + 1).split(",")) {
			if (!action.isBlank()) {
				actions.add(action.strip());
			}
		}
		return Optional.of(new Scope(text.substring(0, first), text.substring(first + 1, last), actions));
	}

	/**
	 * The scopes with one per resource: the actions asked for one name in several scopes joined, in
	 * the order each resource was first asked for. A hundred copies of one scope are one access
	 * entry in the token (they were a hundred, and a lookup each).
	 */
	static List<Scope> merged(List<Scope> scopes) {
		Map<List<String>, Set<String>> actions = new LinkedHashMap<>();
		for (Scope scope : scopes) {
			actions.computeIfAbsent(List.of(scope.type(), scope.name()), (resource) -> new LinkedHashSet<>())
				.addAll(scope.actions());
		}
		List<Scope> merged = new ArrayList<>();
		actions.forEach((resource, asked) -> merged.add(new Scope(resource.get(0), resource.get(1), asked)));
		return merged;
	}

}

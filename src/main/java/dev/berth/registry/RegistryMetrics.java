package dev.berth.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The registry side's counters for Prometheus: tokens issued and denied
 * ({@code berth_registry_tokens_total{outcome}}), pulls of shared images recorded
 * ({@code berth_registry_pulls_recorded_total}), and reconciliation rounds and what they changed
 * ({@code berth_registry_reconciliations_total{outcome}}, {@code berth_registry_reconciled_tags_total{change}}).
 * Only counts: no user or image name ever becomes a label.
 */
@Component
class RegistryMetrics {

	private final MeterRegistry registry;

	private final Counter pulls;

	RegistryMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.pulls = Counter.builder("berth.registry.pulls.recorded")
			.description("Pulls by other accounts recorded from registry notifications")
			.register(registry);
	}

	/**
	 * A token answered: {@code issued} (it grants something, or nothing was asked), {@code denied}
	 * (something was asked and nothing is granted), or {@code refused} (not for this registry).
	 */
	void token(String outcome) {
		count("berth.registry.tokens", "Registry tokens answered", "outcome", outcome);
	}

	void pullRecorded() {
		this.pulls.increment();
	}

	/** A reconciliation round: {@code done}, {@code failed}, or {@code skipped} (another node runs it). */
	void reconciliation(String outcome) {
		count("berth.registry.reconciliations", "Reconciliation rounds with the registry's catalog", "outcome",
				outcome);
	}

	void reconciled(Reconciler.Result result) {
		reconciledTags("added", result.added());
		reconciledTags("fixed", result.fixed());
		reconciledTags("removed", result.removed());
	}

	private void reconciledTags(String change, int amount) {
		Counter.builder("berth.registry.reconciled.tags")
			.description("Console tags the reconciliation changed")
			.tag("change", change)
			.register(this.registry)
			.increment(amount);
	}

	private void count(String name, String description, String tag, String value) {
		Counter.builder(name).description(description).tag(tag, value).register(this.registry).increment();
	}

}

package dev.berth.sharing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Sharing's counter for Prometheus: {@code berth_shares_total{outcome="created",reason="none"}}
 * and {@code berth_shares_total{outcome="refused",reason}} (the refusal's API code, e.g.
 * {@code quota_reached}). Only counts: no account, user or image name ever becomes a label.
 */
@Component
class SharingMetrics {

	private final MeterRegistry registry;

	private final Counter created;

	SharingMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.created = counter("created", "none");
	}

	void created() {
		this.created.increment();
	}

	/** A share, or a change of one, that a sharing rule refused. */
	void refused(Refusal reason) {
		counter("refused", reason.code()).increment();
	}

	private Counter counter(String outcome, String reason) {
		return Counter.builder("berth.shares")
			.description("Shares created, and share changes refused by a sharing rule")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

}

package dev.berth.sharing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Sharing's counters for Prometheus: {@code berth_shares_created_total} and
 * {@code berth_shares_refused_total{reason}} (the refusal's API code, e.g. {@code quota_reached}).
 * Only counts: no account, user or image name ever becomes a label.
 */
@Component
class SharingMetrics {

	private final MeterRegistry registry;

	private final Counter created;

	SharingMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.created = Counter.builder("berth.shares.created").description("Shares created").register(registry);
	}

	void created() {
		this.created.increment();
	}

	void refused(Refusal reason) {
		Counter.builder("berth.shares.refused")
			.description("Share changes refused by a sharing rule")
			.tag("reason", reason.code())
			.register(this.registry)
			.increment();
	}

}

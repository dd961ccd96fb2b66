package dev.berth.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Whether the registry answers: the managed one runs; an external one ({@code berth.registry.url})
 * answered its last check (every 30 s). Readiness reports it, and every page warns while it does
 * not ({@link RegistryBanner}).
 */
@Component("registry")
class RegistryStatus implements HealthIndicator {

	private final ManagedRegistry managed;

	private final RegistryClient client;

	private final RegistryProperties properties;

	private volatile boolean externalAnswered = true;

	RegistryStatus(ManagedRegistry managed, RegistryClient client, RegistryProperties properties) {
		this.managed = managed;
		this.client = client;
		this.properties = properties;
	}

	/** True when pulls and pushes fail because the registry does not answer. */
	boolean down() {
		if (this.properties.managed()) {
			return !this.managed.isRunning();
		}
		return this.client.configured() && !this.externalAnswered;
	}

	@Scheduled(fixedDelayString = "${berth.registry.check-interval:30s}")
	void checkExternal() {
		if (!this.properties.managed() && this.client.configured()) {
			this.externalAnswered = this.client.answers();
		}
	}

	@Override
	public Health health() {
		return down() ? Health.down().withDetail("registry", this.client.baseUrl()).build() : Health.up().build();
	}

}

package dev.berth.registry;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.berth.images.Image;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Repairs whatever a notification missed (the registry keeps undelivered events in memory only):
 * lists the registry's catalog and tags as the console's own identity and makes the console's
 * tags match: missing tags and images (in existing organizations) added, digests fixed, tags gone
 * from the registry removed. Runs on start, after the demo push, and then on a schedule.
 */
@Component
@Order(20)
class Reconciler implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final RegistryClient registry;

	private final ManagedRegistry managed;

	private final RegistryProperties properties;

	private final RegistryImages registryImages;

	private final OrganizationRepository organizations;

	private final ImageRepository images;

	private final Clock clock;

	Reconciler(RegistryClient registry, ManagedRegistry managed, RegistryProperties properties,
			RegistryImages registryImages, OrganizationRepository organizations, ImageRepository images, Clock clock) {
		this.registry = registry;
		this.managed = managed;
		this.properties = properties;
		this.registryImages = registryImages;
		this.organizations = organizations;
		this.images = images;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		reconcileIfAvailable();
	}

	@Scheduled(fixedDelayString = "${berth.registry.reconcile-interval:5m}",
			initialDelayString = "${berth.registry.reconcile-interval:5m}")
	void scheduled() {
		reconcileIfAvailable();
	}

	private void reconcileIfAvailable() {
		boolean available = this.properties.managed() ? this.managed.isRunning() : this.registry.configured();
		if (!available) {
			return;
		}
		try {
			Result result = reconcile();
			log.info("Reconciled with the registry: {}", result);
		}
		catch (RestClientException ex) {
			log.warn("Reconciliation with the registry at {} failed: {}", this.registry.baseUrl(), ex.getMessage());
		}
	}

	Result reconcile() {
		int added = 0;
		int fixed = 0;
		int removed = 0;
		Set<String> inRegistry = new HashSet<>();
		for (String repository : this.registry.repositories()) {
			Optional<RegistryImages.Path> path = RegistryImages.Path.of(repository);
			if (path.isEmpty() || !this.organizations.existsByName(path.get().organization())) {
				continue;
			}
			inRegistry.add(repository);
			List<String> tags = this.registry.tags(repository);
			Optional<Image> image = this.registryImages.find(repository);
			for (String tag : tags) {
				Optional<Tag> known = image.flatMap(i -> i.tag(tag));
				Optional<String> digest = this.registry.digest(repository, tag);
				if (digest.isEmpty() || (known.isPresent() && known.get().digest().equals(digest.get()))) {
					continue;
				}
				Optional<RegistryClient.Manifest> manifest = this.registry.manifest(repository, digest.get());
				if (manifest.isPresent() && this.registryImages.upsertTag(repository, tag, manifest.get().digest(),
						manifest.get().size(), this.clock.instant())) {
					if (known.isPresent()) {
						fixed++;
					}
					else {
						added++;
					}
				}
			}
			if (image.isPresent()) {
				for (Tag tag : image.get().tags()) {
					if (!tags.contains(tag.name()) && this.registryImages.removeTag(repository, tag.name())) {
						removed++;
					}
				}
			}
		}
		// Console images the registry does not hold at all: their tags are gone.
		for (Organization organization : this.organizations.findAll()) {
			for (Image image : this.images.findByOrganizationId(organization.id())) {
				String repository = organization.name() + "/" + image.name();
				if (inRegistry.contains(repository)) {
					continue;
				}
				for (Tag tag : image.tags()) {
					if (this.registryImages.removeTag(repository, tag.name())) {
						removed++;
					}
				}
			}
		}
		return new Result(added, fixed, removed);
	}

	record Result(int added, int fixed, int removed) {
	}

}

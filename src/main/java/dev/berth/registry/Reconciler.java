package dev.berth.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.berth.images.Image;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.support.JobLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Repairs whatever a notification missed (the registry keeps undelivered events in memory only):
 * lists the registry's catalog and tags as the console's own identity and makes the console's
 * tags match: missing tags and images (in existing organizations) added, digests fixed, tags gone
 * from the registry removed. Runs on start, after the demo push, and then on a schedule — on one
 * node per round ({@link JobLocks}). Both sides are read a page at a time: the catalog by
 * {@code n} and {@code Link}, the console's images by id ({@code berth.registry.reconcile-page}).
 */
@Component
@Order(20)
class Reconciler implements ApplicationRunner {

	static final String JOB = "registry-reconciliation";

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final RegistryClient registry;

	private final ManagedRegistry managed;

	private final RegistryProperties properties;

	private final RegistryImages registryImages;

	private final OrganizationRepository organizations;

	private final ImageRepository images;

	private final Clock clock;

	private final JobLocks jobs;

	private final RegistryMetrics metrics;

	private final int consolePage;

	Reconciler(RegistryClient registry, ManagedRegistry managed, RegistryProperties properties,
			RegistryImages registryImages, OrganizationRepository organizations, ImageRepository images, Clock clock,
			JobLocks jobs, RegistryMetrics metrics, @Value("${berth.registry.reconcile-page:500}") int consolePage) {
		this.registry = registry;
		this.managed = managed;
		this.properties = properties;
		this.registryImages = registryImages;
		this.organizations = organizations;
		this.images = images;
		this.clock = clock;
		this.jobs = jobs;
		this.metrics = metrics;
		this.consolePage = consolePage;
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
		// Held at least a minute, so that nodes that start together (or slowly) do not each run a round.
		boolean ran = this.jobs.runOnce(JOB, Duration.ofMinutes(1), Duration.ofMinutes(2), () -> {
			try {
				Result result = reconcile();
				this.metrics.reconciliation("done");
				this.metrics.reconciled(result);
				log.info("Reconciled with the registry: {}", result);
			}
			catch (RestClientException ex) {
				this.metrics.reconciliation("failed");
				log.warn("Reconciliation with the registry at {} failed: {}", this.registry.baseUrl(), ex.getMessage());
			}
		});
		if (!ran) {
			this.metrics.reconciliation("skipped");
			log.info("Reconciliation skipped: another node runs this round");
		}
	}

	Result reconcile() {
		Counts counts = new Counts();
		// Only names (of repositories in the console's organizations) are kept across pages.
		Set<String> inRegistry = new HashSet<>();
		this.registry.catalog(page -> {
			for (String repository : page) {
				Optional<RegistryImages.Path> path = RegistryImages.Path.of(repository);
				if (path.isPresent() && this.organizations.existsByName(path.get().organization())) {
					inRegistry.add(repository);
					reconcile(repository, counts);
				}
			}
		});
		// Console images the registry does not hold at all: their tags are gone.
		long after = 0;
		List<Image> page;
		do {
			page = this.images.findByIdGreaterThanOrderById(after, Limit.of(this.consolePage));
			Map<Long, String> organizationNames = new HashMap<>();
			this.organizations.findAllById(page.stream().map(Image::organizationId).distinct().toList())
				.forEach(organization -> organizationNames.put(organization.id(), organization.name()));
			for (Image image : page) {
				after = image.id();
				String repository = organizationNames.get(image.organizationId()) + "/" + image.name();
				if (image.tags().isEmpty() || inRegistry.contains(repository)) {
					continue;
				}
				// Asked again: a repository first pushed after its catalog page was read is not in it.
				Set<String> stillThere = new HashSet<>(this.registry.tags(repository));
				for (Tag tag : image.tags()) {
					if (!stillThere.contains(tag.name()) && this.registryImages.removeTag(repository, tag.name())) {
						counts.removed++;
					}
				}
			}
		}
		while (page.size() == this.consolePage);
		return new Result(counts.added, counts.fixed, counts.removed);
	}

	private void reconcile(String repository, Counts counts) {
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
					counts.fixed++;
				}
				else {
					counts.added++;
				}
			}
		}
		if (image.isPresent()) {
			for (Tag tag : image.get().tags()) {
				if (!tags.contains(tag.name()) && this.registryImages.removeTag(repository, tag.name())) {
					counts.removed++;
				}
			}
		}
	}

	record Result(int added, int fixed, int removed) {
	}

	private static final class Counts {

		int added;

		int fixed;

		int removed;

	}

}

package dev.berth.registry;

import java.time.Clock;
import java.time.Instant;

import dev.berth.images.Tag;

import org.springframework.stereotype.Component;

/**
 * Pushes small generated images into the managed registry (the demo's real images): each is one
 * layer holding one text file, so the console's tags carry real digests and sizes.
 */
@Component
public class ImagePublisher {

	private final ManagedRegistry managed;

	private final RegistryClient registry;

	private final RegistryImages registryImages;

	private final Clock clock;

	ImagePublisher(ManagedRegistry managed, RegistryClient registry, RegistryImages registryImages, Clock clock) {
		this.managed = managed;
		this.registry = registry;
		this.registryImages = registryImages;
		this.clock = clock;
	}

	/** Whether there is a registry to push to: the managed one, running. */
	public boolean available() {
		return this.managed.isRunning();
	}

	public String registryUrl() {
		return this.registry.baseUrl();
	}

	/**
	 * Pushes an image holding {@code text} as {@code repository:tag} unless the registry already has
	 * that tag, and records the tag in the console with the real digest (keeping the pushed-at the
	 * console knew). Returns whether it pushed; a registry that does not answer throws
	 * {@link org.springframework.web.client.RestClientException}.
	 */
	public boolean publishIfMissing(String repository, String tag, String text) {
		if (this.registry.digest(repository, tag).isPresent()) {
			return false;
		}
		ImageBuilder.BuiltImage image = ImageBuilder.build("hello.txt", text);
		String digest = this.registry.push(repository, tag, image);
		Instant pushedAt = this.registryImages.find(repository)
			.flatMap(i -> i.tag(tag))
			.map(Tag::pushedAt)
			.orElseGet(this.clock::instant);
		this.registryImages.upsertTag(repository, tag, digest, image.size(), pushedAt);
		return true;
	}

}

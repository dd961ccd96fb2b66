package dev.berth.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.berth.images.Image;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.images.Visibility;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings the console's images and tags in line with what the registry holds. An image pushed
 * into an existing organization under a new name is created Private, category Other, with an
 * empty description; names in unknown organizations are left alone.
 */
@Component
class RegistryImages {

	private static final Logger log = LoggerFactory.getLogger(RegistryImages.class);

	private final OrganizationRepository organizations;

	private final ImageRepository images;

	private final Clock clock;

	RegistryImages(OrganizationRepository organizations, ImageRepository images, Clock clock) {
		this.organizations = organizations;
		this.images = images;
		this.clock = clock;
	}

	/**
	 * Records that {@code repository:tag} points at {@code digest}; a tag that already carries
	 * that digest and size keeps its pushed-at. Returns whether anything changed.
	 */
	@Transactional
	public boolean upsertTag(String repository, String tag, String digest, long size, Instant pushedAt) {
		Optional<Path> path = Path.of(repository);
		if (path.isEmpty()) {
			return false;
		}
		Optional<Organization> organization = this.organizations.findByName(path.get().organization());
		if (organization.isEmpty() || !Image.isValidName(path.get().name())) {
			log.debug("Registry repository {} has no organization in the console; ignored", repository);
			return false;
		}
		Instant now = this.clock.instant();
		Image image = this.images.lockByOrganizationIdAndName(organization.get().id(), path.get().name())
			.orElseGet(() -> Image.create(organization.get(), path.get().name(), Visibility.PRIVATE,
					Image.DEFAULT_CATEGORY, "", now));
		Optional<Tag> existing = image.tag(tag);
		if (existing.isPresent() && existing.get().digest().equals(digest) && existing.get().size() == size) {
			return false;
		}
		this.images.save(image.withTag(new Tag(tag, digest, size, pushedAt), now));
		return true;
	}

	/** Removes the tags of {@code repository} that point at {@code digest}; their names. */
	@Transactional
	public List<String> removeTagsWithDigest(String repository, String digest) {
		return locked(repository).map(image -> {
			Image next = image;
			List<String> removed = new ArrayList<>();
			for (Tag tag : image.tags()) {
				if (tag.digest().equals(digest)) {
					next = next.withoutTag(tag.name(), this.clock.instant());
					removed.add(tag.name());
				}
			}
			if (!removed.isEmpty()) {
				this.images.save(next);
			}
			return List.copyOf(removed);
		}).orElse(List.of());
	}

	@Transactional
	public boolean removeTag(String repository, String tagName) {
		return locked(repository).filter(image -> image.tag(tagName).isPresent()).map(image -> {
			this.images.save(image.withoutTag(tagName, this.clock.instant()));
			return true;
		}).orElse(false);
	}

	/** The image of the repository, its row locked for the change (the image as another request left it). */
	private Optional<Image> locked(String repository) {
		return read(repository, this.images::lockByOrganizationIdAndName);
	}

	Optional<Image> find(String repository) {
		return read(repository, this.images::findByOrganizationIdAndName);
	}

	private Optional<Image> read(String repository, BiFunction<Long, String, Optional<Image>> query) {
		return Path.of(repository)
			.flatMap(path -> this.organizations.findByName(path.organization())
				.flatMap(org -> query.apply(org.id(), path.name())));
	}

	/** {@code organization/name} split at the first slash. */
	record Path(String organization, String name) {

		static Optional<Path> of(String repository) {
			int slash = (repository != null) ? repository.indexOf('/') : -1;
			if (slash <= 0 || slash == repository.length() - 1) {
				return Optional.empty();
			}
			return Optional.of(new Path(repository.substring(0, slash), repository.substring(slash + 1)));
		}

		String repository() {
			return this.organization + "/" + this.name;
		}

	}

}

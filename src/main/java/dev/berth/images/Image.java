package dev.berth.images;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.berth.organizations.Organization;
import dev.berth.support.Fingerprint;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A repository {@code organization/name} with its tags. It keeps beside it what the lists sort
 * and filter by: its account, the account's region and the organization's name (all three fixed
 * at creation: an account never changes region, an organization never changes name; the region is
 * written once), and its tag count and total size (each digest counted once), which follow its
 * tags on every save. {@code shareCount} (how many accounts it is shared with) is kept by the
 * sharing module in the share's own transaction ({@link ImageCatalog#reserveShare}) and never
 * written from here.
 */
@Table("image")
public record Image(@Id Long id, Long organizationId, Long accountId, @InsertOnlyProperty String region,
		String organizationName, String name, Visibility visibility, String category, String description,
		Instant createdAt, Instant updatedAt,
		@MappedCollection(idColumn = "image_id") Set<Tag> tags, int tagCount, long totalSize,
		@ReadOnlyProperty int shareCount) {

	/** Path components of lowercase alphanumerics with single separators, joined by '/'. */
	public static final Pattern NAME = Pattern
		.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");

	public static final int MAX_NAME_LENGTH = 128;

	public static final String DEFAULT_CATEGORY = "Other";

	public Image {
		tags = (tags != null) ? Set.copyOf(tags) : Set.of();
		tagCount = tags.size();
		// Each manifest once: tags of one digest (latest and 1.25) are one image under two names.
		totalSize = tags.stream()
			.collect(Collectors.toMap(Tag::digest, Tag::size, (size, same) -> size))
			.values()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
	}

	public static Image create(Organization organization, String name, Visibility visibility, String category,
			String description, Instant now) {
		return new Image(null, organization.id(), organization.accountId(), organization.region(), organization.name(),
				name, visibility, category, description, now, now, Set.of(), 0, 0, 0);
	}

	public static boolean isValidName(String name) {
		return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
	}

	/**
	 * The attributes a user sees in the edit form (Type, Category, Description), as a short text the
	 * form sends back: a save from it finds out whether they changed meanwhile, and which.
	 */
	public String attributesTag() {
		return Fingerprint.ofEach(this.visibility, this.category, this.description);
	}

	public boolean isPrivate() {
		return this.visibility == Visibility.PRIVATE;
	}

	public Image withAttributes(Visibility visibility, String category, String description, Instant now) {
		return new Image(this.id, this.organizationId, this.accountId, this.region, this.organizationName, this.name,
				visibility, category, description, this.createdAt, now, this.tags, 0, 0, this.shareCount);
	}

	public Image withTag(Tag tag, Instant now) {
		Set<Tag> next = new HashSet<>();
		this.tags.stream().filter(t -> !t.name().equals(tag.name())).forEach(next::add);
		next.add(tag);
		return withTags(next, now);
	}

	public Image withoutTag(String tagName, Instant now) {
		Set<Tag> next = new HashSet<>();
		this.tags.stream().filter(t -> !t.name().equals(tagName)).forEach(next::add);
		return withTags(next, now);
	}

	private Image withTags(Set<Tag> tags, Instant now) {
		return new Image(this.id, this.organizationId, this.accountId, this.region, this.organizationName, this.name,
				this.visibility, this.category, this.description, this.createdAt, now, tags, 0, 0, this.shareCount);
	}

	public Optional<Tag> tag(String tagName) {
		return this.tags.stream().filter(t -> t.name().equals(tagName)).findFirst();
	}

	/** Tags, most recently pushed first. */
	public List<Tag> tagsNewestFirst() {
		return this.tags.stream()
			.sorted(Comparator.comparing(Tag::pushedAt).reversed().thenComparing(Tag::name))
			.toList();
	}

	/** {@code organization/name}, as clients pull it. */
	public String path() {
		return this.organizationName + "/" + this.name;
	}

	public long size() {
		return this.totalSize;
	}

}

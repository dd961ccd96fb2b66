package dev.berth.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.berth.accounts.BerthUser;
import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditEntry;
import dev.berth.audit.AuditLog;
import dev.berth.images.Image;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.sharing.Share;
import dev.berth.sharing.ShareRepository;
import dev.berth.support.Fingerprint;
import dev.berth.support.Formats;
import dev.berth.support.ForbiddenException;
import dev.berth.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * Deleting a tag or a whole image from the console, for a user with Manage on it. The registry
 * deletes manifests, not tag names: a tag goes with every other tag of its digest, and an image
 * with all its manifests. The registry deletes first, the console's rows after it: a manifest left
 * in the registry would bring its image back on the next reconciliation, a new Private image with
 * none of the old one's shares. An image's shares end with it; each grantee account finds that in
 * its Activity.
 */
@Service
class ImageDeletion {

	private static final Logger log = LoggerFactory.getLogger(ImageDeletion.class);

	private static final Formats FORMATS = new Formats();

	private final RegistryClient registry;

	private final RegistryImages registryImages;

	private final ImageRepository images;

	private final ShareRepository shares;

	private final AuditLog audit;

	private final MessageSourceAccessor messages;

	private final TransactionTemplate transaction;

	ImageDeletion(RegistryClient registry, RegistryImages registryImages, ImageRepository images,
			ShareRepository shares, AuditLog audit, MessageSourceAccessor messages,
			PlatformTransactionManager transactions) {
		this.registry = registry;
		this.registryImages = registryImages;
		this.images = images;
		this.shares = shares;
		this.audit = audit;
		this.messages = messages;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** The tags that go with {@code tag}: every tag of the image with its digest, that one first. */
	static List<Tag> deletedWith(VisibleImage image, Tag tag) {
		Set<Tag> together = new LinkedHashSet<>();
		together.add(tag);
		image.image().tagsNewestFirst().stream().filter(t -> t.digest().equals(tag.digest())).forEach(together::add);
		return List.copyOf(together);
	}

	static void requireManage(VisibleImage image) {
		if (!image.viewer().canManage()) {
			throw new ForbiddenException("forbidden", "delete.forbidden", image.path());
		}
	}

	static Tag tag(VisibleImage image, String name) {
		return image.image().tag(name).orElseThrow(() -> new NotFoundException("problem.404.tag"));
	}

	/**
	 * What the confirmation page of an image's deletion showed: its tags and their digests. The
	 * deletion goes ahead only while they are the same ({@code seen}).
	 */
	static String seen(Image image) {
		return Fingerprint.of(image.tags().stream().map(tag -> tag.name() + "@" + tag.digest()).sorted().toList());
	}

	/**
	 * Deletes the tag's manifest, and so the tag and every other tag of its digest; their names.
	 * {@code seenDigest}: the digest the confirmation page showed (null: not checked).
	 */
	List<String> deleteTag(BerthUser me, VisibleImage image, String tagName, String seenDigest) {
		requireManage(image);
		Tag tag = tag(image, tagName);
		if (seenDigest != null && !seenDigest.equals(tag.digest())) {
			throw new PushedMeanwhileException(image.path(), false);
		}
		requireUnchanged(image, tag);
		List<String> names = deletedWith(image, tag).stream().map(Tag::name).toList();
		Map<String, List<String>> named = namedByOtherTags(image, tag.digest());
		if (named.containsKey(tag.digest())) {
			throw new StillNamedException(named.get(tag.digest()));
		}
		boolean deletedHere = !deleteManifests(me, image, List.of(tag.digest()), named.keySet()).isEmpty();
		this.transaction.executeWithoutResult(status -> {
			List<String> removed = this.registryImages.removeTagsWithDigest(image.path(), tag.digest());
			// Once, by the request that deleted the manifest (the registry answers the others 404), or
			// without a registry, by the one that removed the tags.
			if (this.registry.configured() ? deletedHere : !removed.isEmpty()) {
				this.audit.record(tagsDeleted(me, image, names, tag.digest()));
			}
		});
		return names;
	}

	/**
	 * The tag still names the manifest the page showed: one pushed again since then is not deleted
	 * by its old digest (the registry would answer "unknown" and the tag would stay, or vanish from
	 * the console only).
	 */
	private void requireUnchanged(VisibleImage image, Tag tag) {
		if (!this.registry.configured()) {
			return;
		}
		Optional<String> current;
		try {
			current = this.registry.digest(image.path(), tag.name());
		}
		catch (RestClientException ex) {
			log.warn("The registry did not say what {}:{} names: {}", image.path(), tag.name(), ex.getMessage());
			throw new RegistryRefusedException(image.path());
		}
		if (current.isPresent() && !current.get().equals(tag.digest())) {
			throw new PushedMeanwhileException(image.path(), false);
		}
	}

	/** Deletes every manifest of the image, then the image with its shares and permissions; how many shares ended. */
	int deleteImage(BerthUser me, VisibleImage image, String seen) {
		requireManage(image);
		if (seen != null && !seen.equals(seen(image.image()))) {
			throw new PushedMeanwhileException(image.path(), false);
		}
		List<String> digests = image.image().tagsNewestFirst().stream().map(Tag::digest).distinct().toList();
		List<String> deletedDigests = deleteManifests(me, image, digests, Set.of());
		Integer sharesEnded = this.transaction.execute(status -> {
			Optional<Image> locked = this.images.lockById(image.image().id());
			if (locked.isEmpty()) {
				return 0; // deleted by a request just before this one
			}
			// A push during the registry's deletes: its manifest is still in the registry, and deleting
			// the row would bring the image back, new and private, on the next reconciliation. What
			// the registry did delete is on record as this user's.
			if (locked.get().tags().stream().anyMatch(tag -> !digests.contains(tag.digest()))) {
				recordDeleted(me, image, deletedDigests);
				return null;
			}
			List<Share> ended = this.shares.findByImageId(image.image().id());
			this.images.deleteById(image.image().id());
			AuditEntry deleted = entry(me, image, AuditAction.IMAGE_DELETED, this.messages.getMessage(
					"audit.imageDeleted.detail", new Object[] { image.image().tags().size(), ended.size() }));
			this.audit.record(deleted);
			// Each grantee's side of the share's end, as a revoke records it (ShareService).
			AuditEntry shareEnded = entry(me, image, AuditAction.SHARE_REVOKED,
					this.messages.getMessage("audit.imageDeleted.share"));
			for (Share share : ended) {
				this.audit.record(shareEnded.forAccount(share.granteeAccountId(), AuditAction.SHARE_RECEIVED_REVOKED,
						image.owner().name()));
			}
			return ended.size();
		});
		if (sharesEnded == null) {
			throw new PushedMeanwhileException(image.path(), true);
		}
		return sharesEnded;
	}

	/**
	 * Deletes the manifests in the registry (none there already is fine), and after an index or
	 * manifest list the per-platform manifests it names but {@code kept} (those would stay pullable
	 * by digest); the digests this request deleted. A registry that cannot be reached, or refuses,
	 * stops the deletion before the console changes anything but the record of the manifests it
	 * deleted before that: their tags go as the registry reports them, and they were deleted by this
	 * user.
	 */
	private List<String> deleteManifests(BerthUser me, VisibleImage image, List<String> digests, Set<String> kept) {
		List<String> deleted = new ArrayList<>();
		if (!this.registry.configured()) {
			return deleted; // no registry to call: the console's rows are all there is
		}
		for (String digest : digests) {
			try {
				List<String> platforms = this.registry.platformManifests(image.path(), digest);
				if (this.registry.deleteManifest(image.path(), digest)) {
					deleted.add(digest);
				}
				for (String platform : platforms) {
					if (!kept.contains(platform)) {
						this.registry.deleteManifest(image.path(), platform);
					}
				}
			}
			catch (RestClientException ex) {
				log.warn("The registry did not delete {}@{}: {}", image.path(), digest, ex.getMessage());
				this.transaction.executeWithoutResult(status -> recordDeleted(me, image, deleted));
				throw new RegistryRefusedException(image.path());
			}
		}
		return deleted;
	}

	private void recordDeleted(BerthUser me, VisibleImage image, List<String> digests) {
		digests.forEach(digest -> this.audit.record(tagsDeleted(me, image, namesOf(image, digest), digest)));
	}

	private static List<String> namesOf(VisibleImage image, String digest) {
		return image.image().tagsNewestFirst().stream().filter(t -> t.digest().equals(digest)).map(Tag::name).toList();
	}

	private AuditEntry tagsDeleted(BerthUser me, VisibleImage image, List<String> names, String digest) {
		return entry(me, image, AuditAction.TAGS_DELETED,
				String.join(", ", names) + " (" + FORMATS.shortDigest(digest) + ")");
	}

	/**
	 * The manifests the image's tags but those of {@code deleted} still name, each with the tags
	 * that name it: their own digests and, for an index, its per-platform manifests (two pushes of a
	 * multi-platform image often share some, and a tag may name one platform's manifest). Empty
	 * without a registry.
	 */
	private Map<String, List<String>> namedByOtherTags(VisibleImage image, String deleted) {
		Map<String, List<String>> named = new HashMap<>();
		if (!this.registry.configured()) {
			return named;
		}
		Map<String, List<String>> others = image.image().tagsNewestFirst().stream()
			.filter(tag -> !tag.digest().equals(deleted))
			.collect(Collectors.groupingBy(Tag::digest, LinkedHashMap::new, Collectors.mapping(Tag::name, Collectors.toList())));
		try {
			others.forEach((digest, names) -> {
				named.computeIfAbsent(digest, d -> new ArrayList<>()).addAll(names);
				this.registry.platformManifests(image.path(), digest)
					.forEach(platform -> named.computeIfAbsent(platform, d -> new ArrayList<>()).addAll(names));
			});
		}
		catch (RestClientException ex) {
			log.warn("The registry did not say what the tags of {} name: {}", image.path(), ex.getMessage());
			throw new RegistryRefusedException(image.path());
		}
		return named;
	}

	private AuditEntry entry(BerthUser me, VisibleImage image, AuditAction action, String detail) {
		return new AuditEntry(image.owner().id(), me.getUsername(), action, image.organization().id(), image.image().id(),
				image.path(), null, null, null, detail);
	}

	/**
	 * The tag's manifest is a platform of another tag's multi-platform image ({@code tags}): its
	 * deletion would break that one. Nothing is deleted.
	 */
	static final class StillNamedException extends RuntimeException {

		private final List<String> tags;

		StillNamedException(List<String> tags) {
			super("The manifest is a platform of the tags " + tags);
			this.tags = List.copyOf(tags);
		}

		List<String> tags() {
			return this.tags;
		}

	}

	/**
	 * A tag was pushed after the page was read: the image stays, and so does the tag. {@code midway}:
	 * found only after the registry had deleted the manifests the page showed.
	 */
	static final class PushedMeanwhileException extends RuntimeException {

		private final boolean midway;

		PushedMeanwhileException(String path, boolean midway) {
			super("A tag was pushed to " + path + " while it was being deleted");
			this.midway = midway;
		}

		boolean midway() {
			return this.midway;
		}

	}

	/** The registry could not be reached or refused: nothing was deleted in the console. */
	static final class RegistryRefusedException extends RuntimeException {

		RegistryRefusedException(String path) {
			super("The registry did not delete a manifest of " + path);
		}

	}

}

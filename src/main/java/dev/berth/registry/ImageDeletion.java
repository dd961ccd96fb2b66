package dev.berth.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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

	/** Deletes the tag's manifest, and so the tag and every other tag of its digest; their names. */
	List<String> deleteTag(BerthUser me, VisibleImage image, String tagName) {
		requireManage(image);
		Tag tag = tag(image, tagName);
		List<String> names = deletedWith(image, tag).stream().map(Tag::name).toList();
		boolean deletedHere = deleteManifests(me, image, List.of(tag.digest()), () -> stillNamed(image, tag.digest()));
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

	/** Deletes every manifest of the image, then the image with its shares and permissions; how many shares ended. */
	int deleteImage(BerthUser me, VisibleImage image) {
		requireManage(image);
		List<String> digests = image.image().tagsNewestFirst().stream().map(Tag::digest).distinct().toList();
		deleteManifests(me, image, digests, Set::of);
		Integer sharesEnded = this.transaction.execute(status -> {
			Optional<Image> locked = this.images.lockById(image.image().id());
			if (locked.isEmpty()) {
				return 0; // deleted by a request just before this one
			}
			// A push between the page's read and the registry's deletes: its manifest is still in the
			// registry, and deleting the row would bring the image back, new and private, on the next
			// reconciliation.
			if (locked.get().tags().stream().anyMatch(tag -> !digests.contains(tag.digest()))) {
				throw new PushedMeanwhileException(image.path());
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
		return (sharesEnded != null) ? sharesEnded : 0;
	}

	/**
	 * Deletes the manifests in the registry (none there already is fine), and after an index or
	 * manifest list the per-platform manifests it names that {@code kept} does not hold (those would
	 * stay pullable by digest); whether this request deleted any. A registry that cannot be
	 * reached, or refuses, stops the deletion before the console changes anything but the record of
	 * the manifests it deleted before that: their tags go as the registry reports them, and they
	 * were deleted by this user.
	 */
	private boolean deleteManifests(BerthUser me, VisibleImage image, List<String> digests,
			Supplier<Set<String>> kept) {
		if (!this.registry.configured()) {
			return false; // no registry to call: the console's rows are all there is
		}
		List<String> deleted = new ArrayList<>();
		Set<String> keep = null;
		for (String digest : digests) {
			try {
				List<String> platforms = this.registry.platformManifests(image.path(), digest);
				if (this.registry.deleteManifest(image.path(), digest)) {
					deleted.add(digest);
				}
				for (String platform : platforms) {
					keep = (keep != null) ? keep : kept.get();
					if (!keep.contains(platform)) {
						this.registry.deleteManifest(image.path(), platform);
					}
				}
			}
			catch (RestClientException ex) {
				log.warn("The registry did not delete {}@{}: {}", image.path(), digest, ex.getMessage());
				this.transaction.executeWithoutResult(status -> deleted.forEach(done -> this.audit.record(
						tagsDeleted(me, image, namesOf(image, done), done))));
				throw new RegistryRefusedException(image.path());
			}
		}
		return !deleted.isEmpty();
	}

	private static List<String> namesOf(VisibleImage image, String digest) {
		return image.image().tagsNewestFirst().stream().filter(t -> t.digest().equals(digest)).map(Tag::name).toList();
	}

	private AuditEntry tagsDeleted(BerthUser me, VisibleImage image, List<String> names, String digest) {
		return entry(me, image, AuditAction.TAGS_DELETED,
				String.join(", ", names) + " (" + FORMATS.shortDigest(digest) + ")");
	}

	/**
	 * The manifests the image's other tags still name: their digests and, for an index, its
	 * per-platform manifests (two pushes of a multi-platform image often share some).
	 */
	private Set<String> stillNamed(VisibleImage image, String deleted) {
		Set<String> named = new HashSet<>();
		image.image().tags().stream().map(Tag::digest).filter(digest -> !digest.equals(deleted)).distinct()
			.forEach(digest -> {
				named.add(digest);
				named.addAll(this.registry.platformManifests(image.path(), digest));
			});
		return named;
	}

	private AuditEntry entry(BerthUser me, VisibleImage image, AuditAction action, String detail) {
		return new AuditEntry(image.owner().id(), me.getUsername(), action, image.organization().id(), image.image().id(),
				image.path(), null, null, null, detail);
	}

	/** A tag was pushed while the image was being deleted: the image stays, with it. */
	static final class PushedMeanwhileException extends RuntimeException {

		PushedMeanwhileException(String path) {
			super("A tag was pushed to " + path + " while it was being deleted");
		}

	}

	/** The registry could not be reached or refused: nothing was deleted in the console. */
	static final class RegistryRefusedException extends RuntimeException {

		RegistryRefusedException(String path) {
			super("The registry did not delete a manifest of " + path);
		}

	}

}

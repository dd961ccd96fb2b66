package dev.berth.sharing;

import java.time.Instant;
import java.time.LocalDate;

import dev.berth.images.Image;
import dev.berth.images.ImageCatalog;
import dev.berth.support.Fingerprint;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A private image shared pull-only with another account of the same region. A share is valid
 * through the whole Valid Until day in UTC; no Valid Until means Permanently valid.
 *
 * <p>
 * The share row also keeps what Images From Others lists and sorts by of its image (organization
 * and name, owner
 * account, last update, size, tag count): written when the share is created, and from then on only
 * by {@link ShareCopies} when the image is saved, never by a change of the share's terms.
 */
@Table("image_share")
public record Share(@Id Long id, Long imageId, Long granteeAccountId, LocalDate validUntil, String permission,
		String description, String createdBy, Instant createdAt, Instant updatedAt,
		@InsertOnlyProperty String imageOrganization, @InsertOnlyProperty String imageName,
		@InsertOnlyProperty String ownerAccount,
		@InsertOnlyProperty Instant imageUpdatedAt, @InsertOnlyProperty long imageSize,
		@InsertOnlyProperty int imageTagCount) {

	public static final String PULL = "PULL";

	public static final int MAX_DESCRIPTION_LENGTH = 1000;

	public static final int MAX_ACCOUNTS_PER_IMAGE = 500;

	/** A new share of the image, with a copy of its figures as the image holds them. */
	public static Share create(Image image, String ownerAccount, Long granteeAccountId, LocalDate validUntil,
			String description, String createdBy, Instant now) {
		return create(image, ImageCatalog.Figures.of(image), ownerAccount, granteeAccountId, validUntil, description,
				createdBy, now);
	}

	/** A new share of the image, with a copy of its figures as they are now ({@code figures}). */
	public static Share create(Image image, ImageCatalog.Figures figures, String ownerAccount, Long granteeAccountId,
			LocalDate validUntil, String description, String createdBy, Instant now) {
		return new Share(null, image.id(), granteeAccountId, validUntil, PULL, description, createdBy, now, now,
				image.organizationName(), image.name(), ownerAccount, figures.updatedAt(), figures.totalSize(),
				figures.tagCount());
	}

	public Share withTerms(LocalDate validUntil, String description, Instant now) {
		return new Share(this.id, this.imageId, this.granteeAccountId, validUntil, this.permission, description,
				this.createdBy, this.createdAt, now, this.imageOrganization, this.imageName, this.ownerAccount,
				this.imageUpdatedAt,
				this.imageSize, this.imageTagCount);
	}

	/**
	 * The terms a user sees in the edit form (Valid Until and Description), as a short text the form
	 * sends back: a change saved from it finds out whether they changed meanwhile, and which.
	 */
	public String termsTag() {
		return Fingerprint.ofEach(this.validUntil, this.description);
	}

	public boolean isPermanent() {
		return this.validUntil == null;
	}

	/** Valid through the whole Valid Until day (UTC); expired from 00:00:00 UTC the next day. */
	public boolean isValidOn(LocalDate today) {
		return validOn(this.validUntil, today);
	}

	/**
	 * The expiry rule for a Valid Until (null: Permanently valid) and today's UTC date. A token
	 * request checks the same rule in SQL ({@link SharePulls#pullableBy}); a change here goes there too.
	 */
	public static boolean validOn(LocalDate validUntil, LocalDate today) {
		return validUntil == null || !today.isAfter(validUntil);
	}

}

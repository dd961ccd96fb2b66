package dev.berth.sharing;

import java.time.LocalDate;
import java.util.Locale;

import dev.berth.support.Fingerprint;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The Share Image dialog: Share With, Valid Until or Permanently valid, Description. Permission
 * is always Pull. The description's limit counts characters (code points), which ShareService
 * checks; the {@code @Size} here only stops absurd input early.
 */
public record ShareForm(@Size(max = 64, message = "{sharing.shareWith.size}") String shareWith,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validUntil, Boolean permanent, String description) {

	public ShareForm {
		shareWith = (shareWith != null) ? accountName(shareWith) : "";
		permanent = Boolean.TRUE.equals(permanent);
		description = (description != null) ? description.strip() : "";
	}

	/** Account names are lowercase: "GLOBEX" or " Globex " typed, as said, is globex. */
	static String accountName(String typed) {
		return typed.strip().toLowerCase(Locale.ROOT);
	}

	/** How many days ahead a new share's Valid Until is set: least privilege unless the user asks for more. */
	public static final int DEFAULT_DAYS = 30;

	/** A new share: valid for {@value #DEFAULT_DAYS} days from today (UTC), not permanently. */
	public static ShareForm defaults(LocalDate today) {
		return new ShareForm("", today.plusDays(DEFAULT_DAYS), false, "");
	}

	static ShareForm of(String grantee, Share share) {
		return new ShareForm(grantee, share.validUntil(), share.isPermanent(), share.description());
	}

	/**
	 * The form after another user changed the share since it was opened ({@code seenTerms}, the
	 * share's {@link Share#termsTag()} then): each term the user left as it was opened takes its saved
	 * value, and what the user changed stays. Kept as sent, the untouched terms would write the other
	 * user's change back at the next OK, without either user seeing it.
	 */
	ShareForm rebasedOn(Share now, String seenTerms) {
		boolean[] take = Fingerprint.savedToTake(seenTerms, Fingerprint.ofEach(effectiveValidUntil(), this.description),
				now.termsTag());
		return new ShareForm(this.shareWith, take[0] ? now.validUntil() : this.validUntil,
				take[0] ? now.isPermanent() : this.permanent, take[1] ? now.description() : this.description);
	}

	/** The Valid Until that is saved: none when Permanently valid. */
	public LocalDate effectiveValidUntil() {
		return this.permanent ? null : this.validUntil;
	}

	public int descriptionLength() {
		return this.description.codePointCount(0, this.description.length());
	}

}

package dev.berth.images;

import java.time.LocalDate;

import dev.berth.accounts.Permission;
import dev.berth.sharing.Share;

/**
 * How the logged-in user stands towards one image: a user of the owner account with a permission,
 * anyone looking at a public image, or a user of an account the image is shared with.
 */
public record Viewer(Permission permission, Share share, boolean validShare) {

	public static Viewer owner(Permission permission) {
		return new Viewer(permission, null, false);
	}

	public static Viewer publicReader() {
		return new Viewer(null, null, false);
	}

	public static Viewer grantee(Share share, LocalDate today) {
		return new Viewer(null, share, share.isValidOn(today));
	}

	/** A user of the owner account (with Read or more). */
	public boolean ownerSide() {
		return this.permission != null;
	}

	public boolean grantee() {
		return this.share != null;
	}

	public boolean canEdit() {
		return this.permission != null && this.permission.includes(Permission.EDIT);
	}

	public boolean canPush() {
		return canEdit();
	}

	public boolean canManage() {
		return this.permission != null && this.permission.includes(Permission.MANAGE);
	}

	/** Pull commands work for owners, public readers and valid shares; an expired share cannot pull. */
	public boolean canPull() {
		return this.share == null || this.validShare;
	}

}

package dev.berth.images;

import dev.berth.images.ReceivedShares.ReceivedShare;
import dev.berth.organizations.Permission;

/**
 * How the logged-in user stands towards one image: a user of the owner account with a permission,
 * anyone looking at a public image, or a user of an account the image is shared with.
 */
public record Viewer(Permission permission, ReceivedShare share) {

	public static Viewer owner(Permission permission) {
		return new Viewer(permission, null);
	}

	public static Viewer publicReader() {
		return new Viewer(null, null);
	}

	public static Viewer grantee(ReceivedShare share) {
		return new Viewer(null, share);
	}

	/** A user of the owner account (with Read or more). */
	public boolean ownerSide() {
		return this.permission != null;
	}

	public boolean grantee() {
		return this.share != null;
	}

	public boolean validShare() {
		return this.share != null && this.share.valid();
	}

	public boolean canEdit() {
		return this.permission != null && this.permission.mayEdit();
	}

	public boolean canPush() {
		return this.permission != null && this.permission.mayPush();
	}

	public boolean canManage() {
		return this.permission != null && this.permission.mayManage();
	}

	/** Pull commands work for owners, public readers and valid shares; an expired share cannot pull. */
	public boolean canPull() {
		return this.share == null || this.share.valid();
	}

}

package dev.berth.organizations;

import java.util.Arrays;
import java.util.List;

/**
 * What a user may do with an organization or an image of their own account. Each level includes
 * the ones below it: Read (view, pull) &lt; Edit (also push, edit attributes) &lt; Manage (also
 * delete, grant permissions, share).
 */
public enum Permission {

	READ, EDIT, MANAGE;

	public boolean includes(Permission other) {
		return compareTo(other) >= 0;
	}

	/** This level and every higher one, e.g. EDIT → [EDIT, MANAGE]. */
	public List<Permission> andAbove() {
		return Arrays.stream(values()).filter(p -> p.includes(this)).toList();
	}

	public boolean mayPull() {
		return includes(READ);
	}

	public boolean mayPush() {
		return includes(EDIT);
	}

	public boolean mayEdit() {
		return includes(EDIT);
	}

	public boolean mayDelete() {
		return includes(MANAGE);
	}

	/** Share the image, and grant or remove permissions. */
	public boolean mayManage() {
		return includes(MANAGE);
	}

	/** The message key of the level's name, e.g. {@code permission.READ} → "Read". */
	public String messageKey() {
		return "permission." + name();
	}

	public static Permission highest(Permission a, Permission b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.includes(b) ? a : b;
	}

	static Permission parse(String stored) {
		return (stored != null) ? valueOf(stored) : null;
	}

}

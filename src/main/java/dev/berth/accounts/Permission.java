package dev.berth.accounts;

/**
 * What a user may do with an organization or an image of their own account. Each level includes
 * the ones below it: Read (view, pull) &lt; Edit (also push, edit attributes) &lt; Manage (also
 * delete, grant permissions, share).
 */
public enum Permission {

	READ("Read"), EDIT("Edit"), MANAGE("Manage");

	private final String label;

	Permission(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public boolean includes(Permission other) {
		return compareTo(other) >= 0;
	}

	public static Permission highest(Permission a, Permission b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.compareTo(b) >= 0 ? a : b;
	}

}

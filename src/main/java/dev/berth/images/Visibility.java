package dev.berth.images;

/** An image's Type: private (the default) or public. */
public enum Visibility {

	PRIVATE, PUBLIC;

	/** The message key of the type's name, e.g. {@code type.PRIVATE} → "Private". */
	public String messageKey() {
		return "type." + name();
	}

}

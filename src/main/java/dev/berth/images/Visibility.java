package dev.berth.images;

/** An image's Type: private (the default) or public. */
public enum Visibility {

	PRIVATE("Private"), PUBLIC("Public");

	private final String label;

	Visibility(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}

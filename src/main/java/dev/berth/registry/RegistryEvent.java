package dev.berth.registry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One registry notification event ({@code application/vnd.docker.distribution.events.v1+json}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RegistryEvent(String id, String timestamp, String action, Target target, Actor actor) {

	static final Set<String> MANIFEST_TYPES = Set.of("application/vnd.oci.image.manifest.v1+json",
			"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
			"application/vnd.docker.distribution.manifest.list.v2+json",
			"application/vnd.docker.distribution.manifest.v1+prettyjws",
			"application/vnd.docker.distribution.manifest.v1+json");

	/** The limits of what the console stores of an event (the registry's own are the same or tighter). */
	static final int MAX_ID = 128;

	static final int MAX_NAME = 128;

	static final int MAX_REPOSITORY = 255;

	static final int MAX_DIGEST = 80;

	/** An id, a target with a repository, and every value within what the console stores. */
	boolean isWellFormed() {
		return this.id != null && !this.id.isBlank() && this.id.length() <= MAX_ID && this.target != null
				&& this.target.repository() != null && this.target.repository().length() <= MAX_REPOSITORY
				&& fits(this.target.tag(), MAX_NAME) && fits(this.target.digest(), MAX_DIGEST)
				&& fits(actorName(), 96);
	}

	private static boolean fits(String value, int max) {
		return value == null || value.length() <= max;
	}

	boolean isManifest() {
		return this.target != null && this.target.mediaType() != null
				&& MANIFEST_TYPES.contains(this.target.mediaType());
	}

	String actorName() {
		return (this.actor != null && this.actor.name() != null) ? this.actor.name() : "";
	}

	Instant occurredAt(Instant fallback) {
		try {
			return (this.timestamp != null) ? OffsetDateTime.parse(this.timestamp).toInstant() : fallback;
		}
		catch (RuntimeException ex) {
			return fallback;
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Target(String mediaType, Long size, String digest, String repository, String tag) {

		long sizeOrZero() {
			return (this.size != null) ? this.size : 0;
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Actor(String name) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Envelope(List<RegistryEvent> events) {
	}

}

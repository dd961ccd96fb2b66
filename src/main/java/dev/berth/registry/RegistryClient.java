package dev.berth.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The registry's HTTP API as the console's own identity uses it: catalog, tags, manifests, and
 * pushes. Each call carries a fresh short token for exactly what it needs. One class on purpose:
 * the registry's HTTP protocol (paging by {@code Link}, manifest media types, blob uploads) stays
 * in one place.
 */
@Component
class RegistryClient {

	static final String MANIFEST_TYPES = String.join(",", "application/vnd.oci.image.manifest.v1+json",
			"application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
			"application/vnd.docker.distribution.manifest.list.v2+json",
			"application/vnd.docker.distribution.manifest.v1+prettyjws",
			"application/vnd.docker.distribution.manifest.v1+json");

	private static final int PAGE = 100;

	/** A digest as OCI writes it (algorithm:encoded): an index names nothing else, and nothing else goes into a path. */
	private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

	private final String baseUrl;

	private final TokenIssuer tokens;

	private final JsonMapper json;

	private final RestClient http;

	RegistryClient(RegistryProperties properties, TokenIssuer tokens, JsonMapper json) {
		this.baseUrl = properties.apiUrl();
		this.tokens = tokens;
		this.json = json;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
		requests.setReadTimeout(Duration.ofSeconds(30));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/** Whether there is a registry to call at all (an external one needs {@code berth.registry.url}). */
	boolean configured() {
		return !this.baseUrl.isEmpty();
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/** Whether {@code /v2/} answers like a registry (200, or 401 asking for a token). */
	boolean answers() {
		if (!configured()) {
			return false;
		}
		try {
			return this.http.get()
				.uri(URI.create(this.baseUrl + "/v2/"))
				.exchange((request, response) -> response.getStatusCode().value() == 200
						|| response.getStatusCode().value() == 401);
		}
		catch (RestClientException ex) {
			return false;
		}
	}

	/**
	 * Every repository name of the registry, one page ({@code n} names) at a time, following the
	 * {@code Link} header: a catalog of 100,000 names is never one request or one list.
	 */
	void catalog(Consumer<List<String>> eachPage) {
		String bearer = bearer(List.of(Access.catalog()));
		URI next = URI.create(this.baseUrl + "/v2/_catalog?n=" + PAGE);
		while (next != null) {
			ResponseEntity<Catalog> page = this.http.get()
				.uri(next)
				.header(HttpHeaders.AUTHORIZATION, bearer)
				.retrieve()
				.toEntity(Catalog.class);
			if (page.getBody() != null && page.getBody().repositories() != null) {
				eachPage.accept(page.getBody().repositories());
			}
			next = nextPage(page.getHeaders());
		}
	}

	/** The tags of one repository (none when it has none or is unknown). */
	List<String> tags(String repository) {
		String bearer = bearer(List.of(Access.repository(repository, List.of("pull"))));
		List<String> tags = new ArrayList<>();
		URI next = URI.create(this.baseUrl + "/v2/" + repository + "/tags/list?n=" + PAGE);
		while (next != null) {
			ResponseEntity<TagList> page;
			try {
				page = this.http.get()
					.uri(next)
					.header(HttpHeaders.AUTHORIZATION, bearer)
					.retrieve()
					.toEntity(TagList.class);
			}
			catch (HttpClientErrorException.NotFound ex) {
				return tags;
			}
			if (page.getBody() != null && page.getBody().tags() != null) {
				tags.addAll(page.getBody().tags());
			}
			next = nextPage(page.getHeaders());
		}
		return tags;
	}

	/** The digest a tag (or digest) points at, from a HEAD request; empty when unknown. */
	Optional<String> digest(String repository, String reference) {
		try {
			ResponseEntity<Void> response = this.http.head()
				.uri(URI.create(this.baseUrl + "/v2/" + repository + "/manifests/" + reference))
				.header(HttpHeaders.AUTHORIZATION, bearer(List.of(Access.repository(repository, List.of("pull")))))
				.header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
				.retrieve()
				.toBodilessEntity();
			return Optional.ofNullable(response.getHeaders().getFirst("Docker-Content-Digest"));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	/**
	 * A manifest's digest and the image size the console shows: config plus layers for an image
	 * manifest, the manifest's own length for an index or list.
	 */
	Optional<Manifest> manifest(String repository, String reference) {
		return fetch(repository, reference).map(response -> {
			byte[] body = body(response);
			String digest = response.getHeaders().getFirst("Docker-Content-Digest");
			return new Manifest((digest != null) ? digest : ImageBuilder.digest(body), sizeOf(body));
		});
	}

	/**
	 * The digests of the per-platform manifests an index or manifest list names (none for an image
	 * manifest, or when there is no such manifest): they are manifests of the repository too, each
	 * pullable by its digest.
	 */
	List<String> platformManifests(String repository, String digest) {
		return fetch(repository, digest).map(response -> {
			JsonNode manifest;
			try {
				manifest = this.json.readTree(body(response));
			}
			catch (JacksonException ex) {
				return List.<String>of(); // not JSON: no index
			}
			List<String> digests = new ArrayList<>();
			for (JsonNode entry : manifest.path("manifests")) {
				String child = entry.path("digest").asString(null);
				if (child != null && DIGEST.matcher(child).matches()) {
					digests.add(child);
				}
			}
			return List.copyOf(digests);
		}).orElse(List.of());
	}

	private Optional<ResponseEntity<byte[]>> fetch(String repository, String reference) {
		try {
			return Optional.of(this.http.get()
				.uri(URI.create(this.baseUrl + "/v2/" + repository + "/manifests/" + reference))
				.header(HttpHeaders.AUTHORIZATION, bearer(List.of(Access.repository(repository, List.of("pull")))))
				.header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
				.retrieve()
				.toEntity(byte[].class));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	private static byte[] body(ResponseEntity<byte[]> response) {
		return (response.getBody() != null) ? response.getBody() : new byte[0];
	}

	long sizeOf(byte[] manifest) {
		JsonNode root = this.json.readTree(manifest);
		JsonNode layers = root.path("layers");
		if (!layers.isArray()) {
			return manifest.length;
		}
		long size = root.path("config").path("size").asLong(0);
		for (JsonNode layer : layers) {
			size += layer.path("size").asLong(0);
		}
		return size;
	}

	/**
	 * Deletes a manifest, and with it every tag that points at it; false when the registry had no
	 * such manifest (already deleted). A registry that does not allow deletes answers with an error.
	 */
	boolean deleteManifest(String repository, String digest) {
		try {
			this.http.delete()
				.uri(URI.create(this.baseUrl + "/v2/" + repository + "/manifests/" + digest))
				.header(HttpHeaders.AUTHORIZATION, bearer(List.of(Access.repository(repository, List.of("delete")))))
				.retrieve()
				.toBodilessEntity();
			return true;
		}
		catch (HttpClientErrorException.NotFound ex) {
			return false;
		}
	}

	/** Pushes an image's blobs (skipping those already there) and its manifest under a tag. */
	String push(String repository, String tag, ImageBuilder.BuiltImage image) {
		String bearer = bearer(List.of(Access.repository(repository, List.of("pull", "push"))));
		pushBlob(repository, image.config(), image.configDigest(), bearer);
		pushBlob(repository, image.layer(), image.layerDigest(), bearer);
		ResponseEntity<Void> response = this.http.put()
			.uri(URI.create(this.baseUrl + "/v2/" + repository + "/manifests/" + tag))
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.parseMediaType(ImageBuilder.MANIFEST_TYPE))
			.body(image.manifest())
			.retrieve()
			.toBodilessEntity();
		String digest = response.getHeaders().getFirst("Docker-Content-Digest");
		return (digest != null) ? digest : image.manifestDigest();
	}

	private void pushBlob(String repository, byte[] data, String digest, String bearer) {
		HttpStatus present = this.http.head()
			.uri(URI.create(this.baseUrl + "/v2/" + repository + "/blobs/" + digest))
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.exchange((request, response) -> HttpStatus.resolve(response.getStatusCode().value()));
		if (present == HttpStatus.OK) {
			return;
		}
		ResponseEntity<Void> started = this.http.post()
			.uri(URI.create(this.baseUrl + "/v2/" + repository + "/blobs/uploads/"))
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.retrieve()
			.toBodilessEntity();
		URI location = URI.create(this.baseUrl + "/").resolve(started.getHeaders().getFirst(HttpHeaders.LOCATION));
		String separator = (location.getRawQuery() != null) ? "&" : "?";
		this.http.put()
			.uri(URI.create(location + separator + "digest=" + digest))
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(data)
			.retrieve()
			.toBodilessEntity();
	}

	private String bearer(List<Access> access) {
		return "Bearer " + this.tokens.issue(Requester.CONSOLE_SUBJECT, access).token();
	}

	/** {@code Link: </v2/_catalog?last=x&n=100>; rel="next"}, resolved against the registry. */
	private URI nextPage(HttpHeaders headers) {
		String link = headers.getFirst(HttpHeaders.LINK);
		if (link == null || !link.contains("rel=\"next\"")) {
			return null;
		}
		int start = link.indexOf('<');
		int end = link.indexOf('>', start + 1);
		if (start < 0 || end < 0) {
			return null;
		}
		return URI.create(this.baseUrl + "/").resolve(link.substring(start + 1, end));
	}

	record Manifest(String digest, long size) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Catalog(List<String> repositories) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record TagList(String name, List<String> tags) {
	}

}

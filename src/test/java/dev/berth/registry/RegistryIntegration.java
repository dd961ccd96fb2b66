package dev.berth.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import dev.berth.accounts.AccountRepository;
import dev.berth.images.ImageCatalog;
import dev.berth.sharing.ShareRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry tests' one fixture: the console on a random port with the real registry it runs
 * itself on a free loopback port, storage and keys in a temp dir (one registry process and one
 * context per test class), and the real skopeo in a work folder of each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "berth.registry.managed=true",
				"berth.registry.reconcile-interval=1h" })
@DirtiesContext
abstract class RegistryIntegration {

	static final String ALICE = "alice:demo12345";

	static final String BOB = "bob:demo12345";

	static final String CAROL = "carol:demo12345";

	@TempDir
	static Path data;

	static final int REGISTRY_PORT = RegistryTesting.freePort();

	@DynamicPropertySource
	static void registry(DynamicPropertyRegistry registry) {
		registry.add("berth.data-dir", () -> data.toString());
		registry.add("berth.registry.listen", () -> "127.0.0.1:" + REGISTRY_PORT);
	}

	@BeforeAll
	static void binaries() {
		RegistryTesting.requireBinaries();
	}

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	ManagedRegistry managedRegistry;

	@Autowired
	ImageCatalog catalog;

	@Autowired
	ShareRepository shares;

	@Autowired
	AccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path work;

	RegistryTesting.Skopeo skopeo;

	@BeforeEach
	void skopeo() {
		assertThat(this.managedRegistry.isRunning()).as("managed registry on port %d", REGISTRY_PORT).isTrue();
		this.skopeo = new RegistryTesting.Skopeo(this.work, "127.0.0.1:" + REGISTRY_PORT);
	}

	/** An OCI layout of the image in a new folder of the work folder, tagged {@code tag}. */
	Path layout(ImageBuilder.BuiltImage image, String tag) {
		try {
			return RegistryTesting.ociLayout(Files.createTempDirectory(this.work, "oci"), image, tag);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


	/** An OCI layout of a multi-platform image ({@link RegistryTesting#index}), tagged {@code tag}. */
	Path indexLayout(List<ImageBuilder.BuiltImage> platforms, String tag) {
		try {
			return RegistryTesting.ociIndexLayout(Files.createTempDirectory(this.work, "oci"), platforms, tag);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A token from the console's /v2/token, with Basic credentials {@code user:password} or none. */
	HttpResponse<String> token(String query, String credentials) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v2/token?service=berth-registry&" + query));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The token's {@code access} claim. */
	@SuppressWarnings("unchecked")
	static List<Object> accessClaim(String tokenResponse) throws Exception {
		String token = tokenResponse.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		return (List<Object>) SignedJWT.parse(token).getJWTClaimsSet().getClaim("access");
	}

}

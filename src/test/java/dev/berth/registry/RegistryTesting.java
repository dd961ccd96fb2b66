package dev.berth.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the registry integration tests need outside Spring: the real binaries (a missing one
 * fails the test with the command that installs it), a free loopback port, skopeo, and an OCI
 * image layout on disk for skopeo to push. Public for the process tests of other packages
 * ({@code reliability.ScaleOutIT}).
 */
public final class RegistryTesting {

	static final Path REGISTRY = Path.of("/usr/bin/docker-registry");

	static final Path SKOPEO = Path.of("/usr/bin/skopeo");

	static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

	private RegistryTesting() {
	}

	public static void requireBinaries() {
		assertThat(Files.isExecutable(REGISTRY))
			.withFailMessage("The registry tests need %s: apt-get install -y docker-registry", REGISTRY)
			.isTrue();
		assertThat(Files.isExecutable(SKOPEO)).withFailMessage("The registry tests need %s: apt-get install -y skopeo",
				SKOPEO)
			.isTrue();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A one-file image ({@link ImageBuilder}) as an OCI image layout in {@code dir}, tagged {@code tag}. */
	public static Path ociLayout(Path dir, String fileName, String content, String tag) {
		return ociLayout(dir, ImageBuilder.build(fileName, content), tag);
	}

	/** Writes {@code image} as an OCI image layout (oci-layout, index.json, blobs) tagged {@code tag}. */
	static Path ociLayout(Path dir, ImageBuilder.BuiltImage image, String tag) {
		try {
			Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
			Files.write(blobs.resolve(hex(image.layerDigest())), image.layer());
			Files.write(blobs.resolve(hex(image.configDigest())), image.config());
			Files.write(blobs.resolve(hex(image.manifestDigest())), image.manifest());
			Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
			Files.writeString(dir.resolve("index.json"), """
					{"schemaVersion":2,"manifests":[{"mediaType":"%s","digest":"%s","size":%d,\
					"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}"""
				.formatted(ImageBuilder.MANIFEST_TYPE, image.manifestDigest(), image.manifest().length, tag));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An OCI image index of {@code platforms} (linux/amd64, linux/arm64, …, in that order). */
	static byte[] index(List<ImageBuilder.BuiltImage> platforms) {
		String[] architectures = { "amd64", "arm64", "ppc64le", "s390x" };
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < platforms.size(); i++) {
			ImageBuilder.BuiltImage image = platforms.get(i);
			entries.add("""
					{"mediaType":"%s","digest":"%s","size":%d,"platform":{"architecture":"%s","os":"linux"}}"""
				.formatted(ImageBuilder.MANIFEST_TYPE, image.manifestDigest(), image.manifest().length, architectures[i]));
		}
		return """
				{"schemaVersion":2,"mediaType":"%s","manifests":[%s]}"""
			.formatted(INDEX_TYPE, String.join(",", entries))
			.getBytes(StandardCharsets.UTF_8);
	}

	/** Writes a multi-platform image ({@link #index}) as an OCI image layout tagged {@code tag}. */
	static Path ociIndexLayout(Path dir, List<ImageBuilder.BuiltImage> platforms, String tag) {
		try {
			Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
			for (ImageBuilder.BuiltImage image : platforms) {
				Files.write(blobs.resolve(hex(image.layerDigest())), image.layer());
				Files.write(blobs.resolve(hex(image.configDigest())), image.config());
				Files.write(blobs.resolve(hex(image.manifestDigest())), image.manifest());
			}
			byte[] index = index(platforms);
			Files.write(blobs.resolve(hex(ImageBuilder.digest(index))), index);
			Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
			Files.writeString(dir.resolve("index.json"), """
					{"schemaVersion":2,"manifests":[{"mediaType":"%s","digest":"%s","size":%d,\
					"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}"""
				.formatted(INDEX_TYPE, ImageBuilder.digest(index), index.length, tag));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String hex(String digest) {
		return digest.substring("sha256:".length());
	}

	/** The real skopeo, with its own (empty) auth file so nothing from the machine leaks in. */
	public static final class Skopeo {

		private final Path work;

		private final String registry;

		public Skopeo(Path work, String registry) {
			this.work = work;
			this.registry = registry;
		}

		/** {@code skopeo copy oci:<layout>:<tag> docker://<registry>/<repository>:<tag>}. */
		public Result push(Path layout, String repository, String tag, String credentials) {
			return run(credentialsArgs("--dest", credentials), "copy", "--dest-tls-verify=false",
					"oci:" + layout + ":" + tag, "docker://" + this.registry + "/" + repository + ":" + tag);
		}

		/** {@code skopeo copy --all}: a multi-platform image, its index and every platform's manifest. */
		public Result pushAll(Path layout, String repository, String tag, String credentials) {
			return run(credentialsArgs("--dest", credentials), "copy", "--all", "--dest-tls-verify=false",
					"oci:" + layout + ":" + tag, "docker://" + this.registry + "/" + repository + ":" + tag);
		}

		/** {@code skopeo copy docker://… dir:<out>}: the manifest and every blob as files. */
		public Result pull(String repository, String tag, String credentials, Path out) {
			return run(credentialsArgs("--src", credentials), "copy", "--src-tls-verify=false",
					"docker://" + this.registry + "/" + repository + ":" + tag, "dir:" + out);
		}

		public Result inspect(String repository, String tag, String credentials) {
			return run(credentialsArgs("", credentials), "inspect", "--tls-verify=false", "--raw",
					"docker://" + this.registry + "/" + repository + ":" + tag);
		}

		private static List<String> credentialsArgs(String prefix, String credentials) {
			return (credentials != null) ? List.of(prefix + (prefix.isEmpty() ? "--creds" : "-creds"), credentials)
					: List.of(prefix + (prefix.isEmpty() ? "--no-creds" : "-no-creds"));
		}

		private Result run(List<String> credentials, String command, String... args) {
			List<String> line = new ArrayList<>(List.of(SKOPEO.toString(), command));
			line.addAll(credentials);
			line.addAll(List.of(args));
			try {
				Path output = Files.createTempFile(this.work, "skopeo", ".log");
				ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().put("REGISTRY_AUTH_FILE", this.work.resolve("auth.json").toString());
				builder.environment().put("HOME", this.work.toString());
				Process process = builder.start();
				if (!process.waitFor(90, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("skopeo did not finish: " + line);
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	public record Result(int exitCode, String output) {

		public boolean succeeded() {
			return this.exitCode == 0;
		}

		public boolean denied() {
			return this.exitCode != 0 && this.output.contains("requested access to the resource is denied");
		}

	}

}

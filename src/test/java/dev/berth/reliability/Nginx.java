package dev.berth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx in the foreground with the project's own configuration, {@code deploy/nginx.conf},
 * in front of console processes: the upstream servers become their loopback ports, the listen
 * address a free loopback port; pid and error log go to a folder of its own.
 */
final class Nginx implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/sbin/nginx");

	static final Path CONFIG = Path.of("deploy", "nginx.conf");

	private final Process process;

	private final int port;

	private Nginx(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static boolean installed() {
		return Files.isExecutable(BINARY);
	}

	/** Starts nginx in front of the consoles (in {@code deploy/nginx.conf}'s order: berth-1, berth-2). */
	static Nginx inFrontOf(Path folder, int port, List<ConsoleProcess> consoles) {
		try {
			String config = Files.readString(CONFIG).replace("listen 80;", "listen 127.0.0.1:" + port + ";");
			for (int i = 0; i < consoles.size(); i++) {
				String upstream = "berth-" + (i + 1) + ":8080";
				if (!config.contains(upstream)) {
					throw new IllegalStateException(CONFIG + " has no upstream " + upstream);
				}
				config = config.replace(upstream, "127.0.0.1:" + consoles.get(i).port());
			}
			Files.createDirectories(folder);
			Path file = folder.resolve("nginx.conf");
			Files.writeString(file, config);
			Process process = new ProcessBuilder(BINARY.toString(), "-p", folder.toAbsolutePath().toString(), "-c",
					file.toAbsolutePath().toString(), "-e", folder.resolve("error.log").toAbsolutePath().toString(),
					"-g", "daemon off; pid " + folder.resolve("nginx.pid").toAbsolutePath() + ";")
				.redirectErrorStream(true)
				.redirectOutput(folder.resolve("nginx.out").toFile())
				.start();
			Nginx nginx = new Nginx(process, port);
			await("nginx on port " + port).atMost(Duration.ofSeconds(20)).until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("nginx exited: " + Files.readString(folder.resolve("nginx.out")));
				}
				return nginx.listening();
			});
			return nginx;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	private boolean listening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package dev.berth.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The registry the console runs itself (the embedded default, {@code berth.registry.managed=true}):
 * once the web server listens (the token realm needs its real port), writes
 * {@code <data-dir>/registry/config.yml}, starts {@code docker-registry serve} as a child process
 * with its output in {@code <data-dir>/registry/registry.log}, waits until {@code /v2/} answers,
 * and stops it on shutdown. Without the binary the console runs without a registry.
 *
 * <p>
 * For an external registry ({@code managed=false}) it writes the configuration that registry
 * needs to {@code <data-dir>/registry/registry-config.yml} for the operator.
 */
@Component
class ManagedRegistry implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ManagedRegistry.class);

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private final RegistryProperties properties;

	private final SigningKey key;

	private final NotificationSecret secret;

	private final RegistryClient client;

	private final Path folder;

	private volatile Process process;

	ManagedRegistry(RegistryProperties properties, SigningKey key, NotificationSecret secret, RegistryClient client,
			@Value("${berth.data-dir}") Path dataDir) {
		this.properties = properties;
		this.key = key;
		this.secret = secret;
		this.client = client;
		this.folder = dataDir.resolve("registry").toAbsolutePath();
	}

	boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	@EventListener
	void onWebServerStarted(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return; // a management server, not the console
		}
		String consoleUrl = this.properties.consoleUrl().isEmpty()
				? "http://127.0.0.1:" + event.getWebServer().getPort() : trimSlash(this.properties.consoleUrl());
		if (!this.properties.managed()) {
			writeExternalConfig(consoleUrl);
			return;
		}
		if (!Files.isExecutable(this.properties.binary())) {
			log.warn("No registry at {}: the console runs without one; install it with `apt-get install docker-registry`",
					this.properties.binary());
			return;
		}
		start(consoleUrl);
	}

	private void start(String consoleUrl) {
		if (!portFree(this.properties.listen())) {
			log.error("Cannot start the managed registry: {} is already in use (set berth.registry.listen)",
					this.properties.listen());
			return;
		}
		Path config = this.folder.resolve("config.yml");
		Path logFile = this.folder.resolve("registry.log");
		try {
			Files.createDirectories(this.folder.resolve("storage"));
			Files.writeString(config, new RegistryConfig(this.properties.listen(),
					this.folder.resolve("storage").toString(), consoleUrl, this.properties.service(),
					this.properties.issuer(), this.key.bundle(), this.secret.authorizationHeader(),
					this.properties.notifications())
				.yaml());
			this.process = new ProcessBuilder(this.properties.binary().toString(), "serve", config.toString())
				.directory(this.folder.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			log.error("Cannot start the managed registry {}: {}", this.properties.binary(), ex.getMessage());
			return;
		}
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			if (this.client.answers()) {
				log.info("Managed registry listening on {} (config {}, log {})", this.properties.listen(), config,
						logFile);
				return;
			}
			try {
				this.process.waitFor(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		log.error("The managed registry did not come up within {}s; see {}", STARTUP.toSeconds(), logFile);
		stop();
	}

	private void writeExternalConfig(String consoleUrl) {
		Path file = this.folder.resolve("registry-config.yml");
		String storage = "/var/lib/docker-registry";
		try {
			Files.createDirectories(this.folder);
			Files.writeString(file, new RegistryConfig("0.0.0.0:5000", storage, consoleUrl, this.properties.service(),
					this.properties.issuer(), this.key.bundle(), this.secret.authorizationHeader(), true)
				.yaml());
			log.info("External registry: its configuration (token and notifications) is in {}; the registry must be"
					+ " able to read {} and reach {}", file, this.key.bundle(), consoleUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	@Override
	public void destroy() {
		stop();
	}

	private void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(5, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	private static boolean portFree(String listen) {
		int colon = listen.lastIndexOf(':');
		String host = (colon > 0) ? listen.substring(0, colon) : "0.0.0.0";
		int port = Integer.parseInt(listen.substring(colon + 1));
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}

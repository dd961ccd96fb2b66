package dev.berth.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The registry the console runs itself (the embedded default, {@code berth.registry.managed=true}),
 * and supervises: once the web server listens (the token realm needs its real port), it writes
 * {@code <data-dir>/registry/config.yml}, stops a registry an earlier console left running on the
 * same configuration (its pid is kept in {@code registry.pid}), starts {@code docker-registry
 * serve} with its output in {@code registry.log}, and waits until {@code /v2/} answers. A registry
 * that exits is logged and started again, waiting 1 s, then 2 s, … up to a minute between tries.
 * Without the binary the console runs without a registry.
 *
 * <p>
 * For an external registry ({@code managed=false}) it writes the configuration that registry
 * needs to {@code <data-dir>/registry/registry-config.yml} for the operator.
 * <p>
 * One class on purpose: the child process's life (pid file, start, supervision, restart with
 * back-off, stop) is one state machine.
 */
@Component
class ManagedRegistry implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ManagedRegistry.class);

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	private final RegistryProperties properties;

	private final SigningKey key;

	private final NotificationSecret secret;

	private final RegistryClient client;

	private final Path folder;

	private final Duration firstBackoff;

	private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "registry-supervisor");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Process process;

	private volatile boolean stopping;

	private Duration backoff;

	private String consoleUrl;

	ManagedRegistry(RegistryProperties properties, SigningKey key, NotificationSecret secret, RegistryClient client,
			@Value("${berth.data-dir}") Path dataDir,
			@Value("${berth.registry.restart-backoff:1s}") Duration firstBackoff) {
		this.properties = properties;
		this.key = key;
		this.secret = secret;
		this.client = client;
		this.folder = dataDir.resolve("registry").toAbsolutePath();
		this.firstBackoff = firstBackoff;
		this.backoff = firstBackoff;
	}

	/** Whether the managed registry is running (false for an external one). */
	boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/** Whether this console runs its own registry (managed, and the binary is installed). */
	boolean expected() {
		return this.properties.managed() && Files.isExecutable(this.properties.binary());
	}

	@EventListener
	void onWebServerStarted(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return; // a management server, not the console
		}
		this.consoleUrl = this.properties.consoleUrl().isEmpty()
				? "http://127.0.0.1:" + event.getWebServer().getPort() : trimSlash(this.properties.consoleUrl());
		if (!this.properties.managed()) {
			writeExternalConfig(this.consoleUrl);
			return;
		}
		if (!Files.isExecutable(this.properties.binary())) {
			log.warn("No registry at {}: the console runs without one; install it with `apt-get install docker-registry`",
					this.properties.binary());
			return;
		}
		stopStale();
		if (!start()) {
			scheduleRestart();
		}
	}

	/** Starts the registry and waits until it answers; false when it could not. */
	private synchronized boolean start() {
		if (this.stopping) {
			return false;
		}
		if (!portFree(this.properties.listen())) {
			log.error("Cannot start the managed registry: {} is already in use (set berth.registry.listen)",
					this.properties.listen());
			return false;
		}
		Path config = this.folder.resolve("config.yml");
		Path logFile = this.folder.resolve("registry.log");
		Process started;
		try {
			Files.createDirectories(this.folder.resolve("storage"));
			Files.writeString(config, new RegistryConfig(this.properties.listen(),
					this.folder.resolve("storage").toString(), this.consoleUrl, this.properties.service(),
					this.properties.issuer(), this.key.bundle(), this.secret.authorizationHeader(),
					this.properties.notifications())
				.yaml());
			started = new ProcessBuilder(this.properties.binary().toString(), "serve", config.toString())
				.directory(this.folder.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			log.error("Cannot start the managed registry {}: {}", this.properties.binary(), ex.getMessage());
			return false;
		}
		try {
			writePidFile(started.pid() + "\n" + config + "\n");
		}
		catch (IOException ex) {
			// Without its pid on disk, a console killed later would leave this registry holding the port.
			log.error("Cannot write {}: {}; stopping the registry just started", pidFile(), ex.getMessage());
			stop(started);
			return false;
		}
		this.process = started;
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline && started.isAlive()) {
			if (this.client.answers()) {
				log.info("Managed registry listening on {} (pid {}, config {}, log {})", this.properties.listen(),
						started.pid(), config, logFile);
				this.backoff = this.firstBackoff;
				started.onExit().thenAccept(this::exited);
				return true;
			}
			try {
				started.waitFor(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		log.error("The managed registry did not come up within {}s; see {}", STARTUP.toSeconds(), logFile);
		stop(started);
		return false;
	}

	private void exited(Process exited) {
		if (this.stopping || exited != this.process) {
			return;
		}
		log.error("The managed registry (pid {}) exited with status {}; pulls and pushes fail until it is back",
				exited.pid(), exited.exitValue());
		scheduleRestart();
	}

	private synchronized void scheduleRestart() {
		if (this.stopping) {
			return;
		}
		Duration wait = this.backoff;
		this.backoff = this.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : this.backoff.multipliedBy(2);
		log.info("Starting the managed registry again in {} s", wait.toMillis() / 1000.0);
		this.supervisor.schedule(() -> {
			if (!start()) {
				scheduleRestart();
			}
		}, wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * A registry this console's data folder started earlier and that outlived it (the console was
	 * killed): stopped, so that the port is free for this console's own.
	 */
	private void stopStale() {
		Path pidFile = pidFile();
		try {
			if (!Files.exists(pidFile)) {
				return;
			}
			List<String> lines = Files.readAllLines(pidFile);
			Files.delete(pidFile);
			if (lines.size() < 2) {
				return;
			}
			String config = lines.get(1).strip();
			Optional<ProcessHandle> stale = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
				.filter(ProcessHandle::isAlive)
				.filter(handle -> handle.info().commandLine().map(line -> line.contains(config)).orElse(false));
			if (stale.isPresent()) {
				log.warn("Stopping the registry an earlier console left running (pid {})", stale.get().pid());
				stale.get().destroy();
				if (stillAliveAfter(stale.get(), 5)) {
					stale.get().destroyForcibly();
					stillAliveAfter(stale.get(), 5);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			log.warn("Cannot read {}: {}", pidFile, ex.getMessage());
		}
	}

	private static boolean stillAliveAfter(ProcessHandle handle, int seconds) {
		return handle.onExit().completeOnTimeout(handle, seconds, TimeUnit.SECONDS).join().isAlive();
	}

	private Path pidFile() {
		return this.folder.resolve("registry.pid");
	}

	/** Written whole or not at all: a reader (or a console killed meanwhile) never sees half of it. */
	private void writePidFile(String content) throws IOException {
		Path written = Files.writeString(this.folder.resolve("registry.pid.tmp"), content);
		Files.move(written, pidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
		this.stopping = true;
		this.supervisor.shutdownNow();
		Process running = this.process;
		if (running != null) {
			stop(running);
			try {
				Files.deleteIfExists(pidFile());
			}
			catch (IOException ex) {
				log.warn("Cannot delete {}: {}", pidFile(), ex.getMessage());
			}
		}
		this.process = null;
	}

	private static void stop(Process running) {
		running.destroy();
		try {
			if (!running.waitFor(5, TimeUnit.SECONDS)) {
				running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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

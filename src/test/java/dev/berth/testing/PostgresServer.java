package dev.berth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster for tests: Debian's server ({@code /usr/lib/postgresql/15/bin},
 * or {@code PG_BIN}), initialised in a temporary folder and listening on a free loopback port,
 * without fsync (nothing here must survive a power loss). PostgreSQL refuses to run as root, so as
 * root the folder belongs to the {@code postgres} user and its commands run through
 * {@code runuser}. Each test context or console gets a database of its own
 * ({@link #createDatabase}); the user {@value #USER} has no password.
 *
 * <p>
 * {@link #shared()} is one cluster per test JVM, stopped when the JVM ends; a cluster left behind
 * by a JVM that was killed is stopped by the next one.
 */
public final class PostgresServer {

	public static final String USER = "berth";

	private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));

	private static final String PREFIX = "berth-pg-";

	private static PostgresServer shared;

	private final Path folder;

	private final Path cluster;

	private final int port;

	private final boolean root = "root".equals(System.getProperty("user.name"));

	private PostgresServer(Path folder) {
		this.folder = folder;
		this.cluster = folder.resolve("cluster");
		this.port = freePort();
	}

	/** Whether PostgreSQL 15 is installed (CI installs it; `.ci/run`). */
	public static boolean installed() {
		return Files.isExecutable(BIN.resolve("initdb"));
	}

	/** The test JVM's one cluster, started on first use. */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			stopLeftovers();
			PostgresServer server = create();
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "postgres-stop"));
			shared = server;
		}
		return shared;
	}

	/** A new cluster of its own (initialised, not started). */
	public static PostgresServer create() {
		if (!installed()) {
			throw new IllegalStateException("PostgreSQL 15 is not installed at " + BIN
					+ " (apt-get install -y postgresql, as .ci/run does)");
		}
		try {
			Path folder = Files.createTempDirectory(PREFIX);
			Files.writeString(folder.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
			PostgresServer server = new PostgresServer(folder);
			if (server.root) {
				run(List.of("chown", "-R", "postgres:postgres", folder.toString()));
				run(List.of("chmod", "755", folder.toString()));
			}
			server.runAsPostgres(BIN.resolve("initdb").toString(), "-D", server.cluster.toString(), "-U", USER, "-A",
					"trust", "-E", "UTF8", "--no-sync", "--locale=C");
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts (or starts again, on the same port and data) and waits until it accepts connections. */
	public void start() {
		runAsPostgres(BIN.resolve("pg_ctl").toString(), "-D", this.cluster.toString(), "-l",
				this.folder.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k " + this.folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
						+ " -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
				"start");
	}

	/** Stops at once (as a crash would; what was committed stays). */
	public void stop() {
		if (Files.exists(this.cluster.resolve("postmaster.pid"))) {
			runAsPostgres(BIN.resolve("pg_ctl").toString(), "-D", this.cluster.toString(), "-m", "immediate", "-w",
					"stop");
		}
	}

	/** Stops and deletes the cluster. */
	public void destroy() {
		try {
			stop();
		}
		finally {
			delete(this.folder);
		}
	}

	/** A new, empty database; its name. */
	public String createDatabase(String prefix) {
		String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name + " (log " + log() + ")", ex);
		}
		return name;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public int port() {
		return this.port;
	}

	public Path log() {
		return this.folder.resolve("postgres.log");
	}

	/** Clusters of test JVMs that no longer run (killed before their shutdown hook): stopped and deleted. */
	private static void stopLeftovers() {
		Path temp = Path.of(System.getProperty("java.io.tmpdir"));
		try (Stream<Path> folders = Files.list(temp)) {
			for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
				Path owner = folder.resolve("owner.pid");
				boolean ownerAlive = Files.exists(owner) && ProcessHandle.of(Long.parseLong(Files.readString(owner).strip()))
					.map(ProcessHandle::isAlive)
					.orElse(false);
				if (!ownerAlive) {
					new PostgresServer(folder).destroy();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("[postgres] could not clean up earlier clusters: " + ex.getMessage());
		}
	}

	private void runAsPostgres(String... command) {
		List<String> line = new ArrayList<>();
		if (this.root) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(List.of(command));
		run(line);
	}

	private static void run(List<String> command) {
		try {
			Path output = Files.createTempFile("berth-pg-command", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(90, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("Timed out: " + command + "\n" + Files.readString(output));
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(
							"Failed (" + process.exitValue() + "): " + command + "\n" + Files.readString(output));
				}
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void delete(Path folder) {
		try {
			run(List.of("rm", "-rf", folder.toString()));
		}
		catch (RuntimeException ex) {
			System.err.println("[postgres] could not delete " + folder + ": " + ex.getMessage());
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

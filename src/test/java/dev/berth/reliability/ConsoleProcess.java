package dev.berth.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.awaitility.Awaitility.await;

/**
 * The real console, {@code target/berth-*.jar}, run as a child process ({@link ConsoleLauncher} says
 * how) on its own data folder and a free loopback port, with the external-registry setting unless a test asks otherwise. Its output
 * goes to one log file per start under {@code target/reliability/}, so a test can read what the
 * console logged. A start waits until the login page answers and a demo user can authenticate
 * (Tomcat listens before the demo data is loaded); {@link #kill()} is {@code kill -9}.
 *
 * <p>
 * Accounts can be added while the console is stopped: the H2 file database is opened with JDBC,
 * migrated with the application's own Flyway scripts if it is new, and each account gets one
 * administrator user {@code <account>-admin} whose password is {@link #PASSWORD}. On PostgreSQL
 * ({@link #onDatabase}) accounts can be added at any time.
 *
 * <p>
 * Actuator (health, metrics) answers on a management port of its own ({@link #managementUri}).
 */
final class ConsoleProcess implements AutoCloseable {

	static final String PASSWORD = "demo12345";

	static final String REGION = "eu-west-1";

	private static final Duration STARTUP = Duration.ofSeconds(240);

	private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

	static {
		// A test JVM that ends early (a failure, Ctrl-C) leaves no console behind.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
	}

	private static final Pattern NOTIFICATION_HEADER = Pattern.compile("Authorization: \\[\"Bearer ([^\"]+)\"]");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{berth\\.data-dir}");

	private final Path folder;

	private final Path dataDir;

	private final List<String> arguments = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private Process process;

	private int port;

	private int managementPort;

	private int starts;

	private String databaseUrl;

	private String databaseUser = "sa";

	private Path log;

	private Instant launchedAt;

	private ConsoleProcess(Path folder) {
		this.folder = folder;
		this.dataDir = folder.resolve("data");
	}

	/** A console with a fresh data folder under {@code target/reliability/<name>-…}. */
	static ConsoleProcess create(String name) {
		try {
			Path root = Path.of("target", "reliability").toAbsolutePath();
			Files.createDirectories(root);
			Path folder = Files.createTempDirectory(root, name + "-");
			Files.createDirectories(folder.resolve("data"));
			return new ConsoleProcess(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Extra command-line arguments for every later start, e.g. {@code --berth.registry.managed=true}. */
	ConsoleProcess withArguments(String... more) {
		this.arguments.addAll(List.of(more));
		return this;
	}

	/**
	 * Runs on another database than the H2 file of its data folder (e.g. a PostgreSQL database
	 * several consoles share); the user has no password.
	 */
	ConsoleProcess onDatabase(String jdbcUrl, String user) {
		this.databaseUrl = jdbcUrl;
		this.databaseUser = user;
		return withArguments("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
				"--spring.datasource.password=");
	}

	/**
	 * The console runs its own registry on {@code 127.0.0.1:registryPort}, without the demo images
	 * and with no catalog reconciliation but the one at start.
	 */
	ConsoleProcess withManagedRegistry(int registryPort) {
		return withArguments("--berth.registry.managed=true", "--berth.registry.listen=127.0.0.1:" + registryPort,
				"--berth.registry.demo-images=false", "--berth.registry.reconcile-interval=1h");
	}

	/**
	 * Arguments for every console of the suite from {@code -Dberth.console.args="--a=1 --b=2"}, to
	 * try a setting without a rebuild, e.g.
	 * {@code --spring.datasource.url=jdbc:h2:file:${berth.data-dir}/db/berth;WRITE_DELAY=0} (Spring
	 * resolves the placeholder).
	 */
	private static List<String> extraArguments() {
		String extra = System.getProperty("berth.console.args", "").strip();
		return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
	}

	static Path jar() {
		String configured = System.getProperty("berth.jar");
		Path jar = (configured != null && !configured.isBlank()) ? Path.of(configured)
				: Path.of("target", "berth-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No console jar at " + jar.toAbsolutePath()
					+ ": run `mvn package` first (failsafe runs after it in `mvn verify`)");
		}
		return jar.toAbsolutePath();
	}

	/** Starts the jar on the data folder and waits until it serves a logged-in user. */
	ConsoleProcess start() {
		launch();
		return awaitReady();
	}

	/** Starts the jar and returns at once (several consoles can start at the same moment). */
	ConsoleProcess launch() {
		if (isRunning()) {
			throw new IllegalStateException("The console is already running (pid " + this.process.pid() + ")");
		}
		int[] ports = freePorts(2);
		this.port = ports[0];
		this.managementPort = ports[1];
		this.starts++;
		this.log = this.folder.resolve("console-" + this.starts + ".log");
		List<String> command = new ArrayList<>(ConsoleLauncher.command());
		command.add("--berth.data-dir=" + this.dataDir);
		command.add("--server.port=" + this.port);
		command.add("--server.address=127.0.0.1");
		command.add("--management.server.port=" + this.managementPort);
		if (this.arguments.stream().noneMatch(a -> a.startsWith("--berth.registry.managed="))) {
			command.add("--berth.registry.managed=false");
		}
		command.addAll(this.arguments);
		command.addAll(extraArguments());
		this.launchedAt = Instant.now();
		try {
			this.process = new ProcessBuilder(command).directory(this.folder.toFile())
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		RUNNING.add(this.process);
		return this;
	}

	/** Waits until the launched console serves a logged-in user. */
	ConsoleProcess awaitReady() {
		Instant begin = this.launchedAt;
		await("console on port " + this.port + " serves alice (log " + this.log + ")").atMost(STARTUP)
			.pollDelay(Duration.ofMillis(500))
			.pollInterval(Duration.ofMillis(250))
			.until(this::ready);
		System.out.printf("[reliability] console pid %d on port %d ready in %d ms (start %d, log %s)%n",
				this.process.pid(), this.port, Duration.between(begin, Instant.now()).toMillis(), this.starts, this.log);
		return this;
	}

	private boolean ready() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("The console exited with " + this.process.exitValue() + " while starting:\n"
					+ tail(40));
		}
		try {
			HttpResponse<Void> login = this.http.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
					HttpResponse.BodyHandlers.discarding());
			if (login.statusCode() != 200) {
				return false;
			}
			// The demo is loaded after Tomcat listens: ready means a demo user can authenticate.
			HttpResponse<Void> api = this.http.send(HttpRequest.newBuilder(uri("/api/v1/shared-with-me?limit=1"))
				.header("Authorization", basic("alice", PASSWORD))
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
			return api.statusCode() == 200;
		}
		catch (IOException ex) {
			return false; // not listening yet
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until a launched console that must not start has exited; its exit code. */
	int awaitExit() {
		Process running = this.process;
		if (!waitFor(running, STARTUP)) {
			throw new IllegalStateException("The console still runs after " + STARTUP + " (log " + this.log + ")");
		}
		RUNNING.remove(running);
		System.out.printf("[reliability] console pid %d exited with %d in %d ms%n", running.pid(), running.exitValue(),
				Duration.between(this.launchedAt, Instant.now()).toMillis());
		return running.exitValue();
	}

	/** {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux. */
	void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroyForcibly();
		waitFor(running, Duration.ofSeconds(30));
		RUNNING.remove(running);
		System.out.printf("[reliability] console pid %d killed (SIGKILL), exit %d%n", running.pid(),
				running.exitValue());
	}

	/** SIGTERM and a graceful shutdown; SIGKILL if that takes longer than a minute. */
	void stop() {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return;
		}
		running.destroy();
		if (!waitFor(running, Duration.ofSeconds(60))) {
			running.destroyForcibly();
			waitFor(running, Duration.ofSeconds(30));
		}
		RUNNING.remove(running);
	}

	@Override
	public void close() {
		if (isRunning()) {
			stop();
		}
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	/** Health and metrics: Actuator's own port. */
	URI managementUri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.managementPort + pathAndQuery);
	}

	int port() {
		return this.port;
	}

	Path dataDir() {
		return this.dataDir;
	}

	/** The log file of the latest start. */
	Path log() {
		return this.log;
	}

	String logText() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long logSize() {
		try {
			return Files.size(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the console logged from the byte offset {@code from} on. */
	String logSince(long from) {
		try (InputStream in = Files.newInputStream(this.log)) {
			in.skipNBytes(Math.min(from, Files.size(this.log)));
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String tail(int lines) {
		if (this.log == null || !Files.exists(this.log)) {
			return "(no log)";
		}
		List<String> all = logText().lines().toList();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/**
	 * The secret the registry sends with its notifications (created on the first start), from the
	 * registry configuration the console writes.
	 */
	String notificationSecret() {
		Path folder = this.dataDir.resolve("registry");
		Path config = Files.exists(folder.resolve("registry-config.yml")) ? folder.resolve("registry-config.yml")
				: folder.resolve("config.yml");
		try {
			Matcher header = NOTIFICATION_HEADER.matcher(Files.readString(config));
			if (!header.find()) {
				throw new IllegalStateException("No notification Authorization header in " + config);
			}
			return header.group(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Adds {@code count} accounts {@code <prefix>-0001…} in {@link #REGION}, each with one
	 * administrator {@code <account>-admin}; only while the console is stopped (H2 locks its file).
	 * A new data folder is migrated first, so the console's first start then only adds the demo.
	 * @return the account names, in order
	 */
	List<String> seedAccounts(String prefix, int count) {
		if (isRunning() && this.databaseUrl == null) {
			throw new IllegalStateException("The H2 file can only be opened while the console is stopped");
		}
		String url = jdbcUrl();
		Flyway.configure().dataSource(url, this.databaseUser, "").locations("classpath:db/migration").load().migrate();
		// One hash for all: BCrypt is slow on purpose, and every seeded user has the same password.
		String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
		List<String> names = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		try (Connection connection = DriverManager.getConnection(url, this.databaseUser, "")) {
			connection.setAutoCommit(false);
			try (PreparedStatement account = connection
				.prepareStatement("insert into account (name, region, created_at) values (?, ?, ?)")) {
				for (int i = 1; i <= count; i++) {
					String name = String.format("%s-%04d", prefix, i);
					names.add(name);
					account.setString(1, name);
					account.setString(2, REGION);
					account.setTimestamp(3, now);
					account.addBatch();
				}
				account.executeBatch();
			}
			try (PreparedStatement users = connection.prepareStatement("""
					insert into app_user (username, password, account_id, administrator, created_at)
					select name || '-admin', ?, id, true, ? from account where name like ? escape '\\'
					""")) {
				users.setString(1, hash);
				users.setTimestamp(2, now);
				users.setString(3, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%");
				users.executeUpdate();
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot seed accounts into " + url, ex);
		}
		return names;
	}

	/** The console's database: its own H2 URL (from its application.properties) for this data folder, or {@link #onDatabase}'s. */
	String jdbcUrl() {
		if (this.databaseUrl != null) {
			return this.databaseUrl;
		}
		String configured = null;
		try (InputStream in = ConsoleProcess.class.getClassLoader().getResourceAsStream("application.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				configured = properties.getProperty("spring.datasource.url");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String dir = this.dataDir.toAbsolutePath().toString();
		if (configured != null && configured.startsWith("jdbc:h2:file:")
				&& configured.replaceAll(PLACEHOLDER.pattern(), "").indexOf("${") < 0) {
			return PLACEHOLDER.matcher(configured).replaceAll(java.util.regex.Matcher.quoteReplacement(dir));
		}
		return "jdbc:h2:file:" + dir + "/db/berth";
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static int freePort() {
		return freePorts(1)[0];
	}

	/**
	 * {@code count} ports free at this moment and different from each other: the sockets are held open together,
	 * because the kernel may hand out a port it has just released again (two ports taken one after the other once
	 * came out equal, and the console refused to start).
	 */
	static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				socket.setReuseAddress(true);
				sockets.add(socket);
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// nothing was bound to it that needs releasing
				}
			}
		}
	}
}

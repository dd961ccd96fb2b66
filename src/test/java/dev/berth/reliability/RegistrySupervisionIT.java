package dev.berth.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The managed registry is supervised: a registry an earlier console left running when it was
 * killed is stopped before the new console starts its own, and a registry that dies is started
 * again while readiness and every page say that it does not answer; a registry whose pid the
 * console cannot write down is stopped at once, not left holding the port.
 */
class RegistrySupervisionIT {

	static final Path REGISTRY = Path.of("/usr/bin/docker-registry");

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Long> registries = new ArrayList<>();

	private ConsoleProcess console;

	private int registryPort;

	@BeforeAll
	static void binary() {
		assertThat(Files.isExecutable(REGISTRY)).withFailMessage("needs %s: apt-get install -y docker-registry", REGISTRY)
			.isTrue();
	}

	@AfterEach
	void stopEverything() {
		if (this.console != null) {
			this.console.close();
			registriesOf(this.console).forEach(ProcessHandle::destroyForcibly);
		}
		this.registries.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	@Test
	void consoleKilledThenTheRegistryItLeftIsStoppedAndItsOwnStarted() throws Exception {
		start("stale");
		long first = registryPid();
		this.console.kill();
		assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).as("the registry outlived the console")
			.contains(true);

		this.console.start();
		awaitRegistry();
		long second = registryPid();

		assertThat(second).isNotEqualTo(first);
		await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));
		assertThat(registryAnswers()).isTrue();
		assertThat(this.console.logText()).contains("Stopping the registry an earlier console left running (pid " + first);
	}

	@Test
	void registryKilledThenTheConsoleSaysSoAndStartsItAgain() throws Exception {
		start("restart", "--berth.registry.restart-backoff=3s");
		long first = registryPid();
		// Ready once the start has finished too, which may be after the registry first answers.
		await().atMost(Duration.ofSeconds(30)).until(this::readiness, s -> s == 200);

		ProcessHandle.of(first).orElseThrow().destroyForcibly();

		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(this::readiness, s -> s == 503);
		assertThat(page("/images")).contains("The registry is not answering");
		await().atMost(Duration.ofSeconds(30)).until(() -> registryPid() != first && registryAnswers());
		await().atMost(Duration.ofSeconds(5)).until(this::readiness, s -> s == 200);
		assertThat(page("/images")).doesNotContain("The registry is not answering");
		assertThat(this.console.logText()).contains("The managed registry (pid " + first + ") exited");
	}

	@Test
	void pidFileCannotBeWrittenThenTheRegistryJustStartedIsStoppedAgain() throws Exception {
		this.registryPort = ConsoleProcess.freePort();
		this.console = ConsoleProcess.create("registry-nopid")
			.withManagedRegistry(this.registryPort)
			.withArguments("--berth.registry.restart-backoff=1h");
		// A folder where the pid file's temporary copy goes: writing it fails after the registry started.
		Files.createDirectories(this.console.dataDir().resolve("registry/registry.pid.tmp"));
		this.console.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.console.logText().contains("Cannot write "));

		assertThat(this.console.logText()).contains("stopping the registry just started");
		// No registry that no pid file names is left holding the port.
		await().atMost(Duration.ofSeconds(15)).until(() -> registriesOf(this.console).isEmpty());
		assertThat(registryAnswers()).isFalse();
	}

	private static List<ProcessHandle> registriesOf(ConsoleProcess console) {
		String dataDir = console.dataDir().toString();
		return ProcessHandle.allProcesses()
			.filter(p -> p.info().command().map(command -> command.endsWith("docker-registry")).orElse(false))
			.filter(p -> p.info().commandLine().map(line -> line.contains(dataDir)).orElse(false))
			.filter(ProcessHandle::isAlive)
			.toList();
	}

	private void start(String name, String... more) throws IOException {
		this.registryPort = ConsoleProcess.freePort();
		this.console = ConsoleProcess.create("registry-" + name)
			.withManagedRegistry(this.registryPort)
			.withArguments(more)
			.start();
		awaitRegistry();
		this.registries.add(registryPid());
	}

	/** The console starts its registry once its web server listens, beside the first requests. */
	private void awaitRegistry() {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Files.exists(this.console.dataDir().resolve("registry/registry.pid")) && registryAnswers());
	}

	private long registryPid() throws IOException {
		long pid = Long.parseLong(Files.readAllLines(this.console.dataDir().resolve("registry/registry.pid")).get(0).strip());
		this.registries.add(pid);
		return pid;
	}

	private boolean registryAnswers() {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.registryPort + "/v2/")).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 401;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private int readiness() throws Exception {
		return this.http.send(HttpRequest.newBuilder(this.console.managementUri("/actuator/health/readiness")).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** A page as alice sees it, logged in (the pages take no Basic credentials). */
	private String page(String path) {
		String body = WebSession.login(this.console, WebSession.newHttpClient(), "alice", ConsoleProcess.PASSWORD)
			.get(path)
			.body();
		assertThat(body).as("a page of the console").contains("My Images");
		return body;
	}

}

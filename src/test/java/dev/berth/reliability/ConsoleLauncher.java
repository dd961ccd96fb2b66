package dev.berth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a test starts the console jar: extracted once per build of it, with a class data sharing
 * archive from one training run, as Spring Boot's "Class Data Sharing" section does it. A console
 * then starts in about half the time of {@code java -jar} on the nested jar (6.7 s against 13.8 s
 * on this project's two-core machines), which the suite's dozen restarts spend otherwise.
 *
 * <p>
 * The extraction and the archive live in {@code target/console-launcher/<jar's size and time>/}, so a
 * rebuilt jar gets new ones. Should a step fail, the console starts from the extracted jar without
 * the archive, or from the jar itself, and the step's output says why.
 */
final class ConsoleLauncher {

	/** The JVM options of every test console: a small heap, and C1 only (it lives seconds to a minute). */
	static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

	private static final long STEP_SECONDS = 240;

	private static List<String> command;

	private ConsoleLauncher() {
	}

	/** {@code java}, its options and {@code -jar …}: what to put the console's arguments after. */
	static synchronized List<String> command() {
		if (command == null) {
			command = prepare(ConsoleProcess.jar());
		}
		return command;
	}

	private static List<String> prepare(Path jar) {
		List<String> java = new ArrayList<>();
		java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		java.addAll(JVM_OPTIONS);
		try {
			Path folder = Path.of("target", "console-launcher").toAbsolutePath();
			Path here = folder.resolve(Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
			Path extracted = here.resolve("application").resolve(jar.getFileName());
			Path archive = here.resolve("console.jsa");
			if (!Files.isRegularFile(archive)) {
				clear(folder);
				Files.createDirectories(here);
				if (!run(here, "extract", List.of(java.get(0), "-Djarmode=tools", "-jar", jar.toString(), "extract",
						"--destination", here.resolve("application").toString()))) {
					return withJar(java, jar);
				}
				List<String> training = new ArrayList<>(java);
				training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
						"-jar", extracted.toString(), "--berth.data-dir=" + here.resolve("training-data"),
						"--server.port=0", "--management.server.port=0", "--berth.registry.managed=false"));
				if (!run(here, "training", training) || !Files.isRegularFile(archive)) {
					return withJar(java, extracted);
				}
			}
			java.add("-XX:SharedArchiveFile=" + archive);
			return withJar(java, extracted);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> withJar(List<String> java, Path jar) {
		List<String> command = new ArrayList<>(java);
		command.addAll(List.of("-jar", jar.toString()));
		System.out.printf("[reliability] consoles start with %s%n", String.join(" ", command));
		return List.copyOf(command);
	}

	/** Runs one step in {@code folder}, its output to {@code <name>.log}; whether it exited with 0. */
	private static boolean run(Path folder, String name, List<String> step) throws IOException {
		Path log = folder.resolve(name + ".log");
		Process process = new ProcessBuilder(step).directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				System.out.printf("[reliability] console launcher: %s took over %d s (log %s)%n", name, STEP_SECONDS,
						log);
				return false;
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return false;
		}
		if (process.exitValue() != 0) {
			System.out.printf("[reliability] console launcher: %s exited with %d (log %s)%n", name,
					process.exitValue(), log);
			return false;
		}
		return true;
	}

	/** An earlier build's extraction and archive. */
	private static void clear(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}

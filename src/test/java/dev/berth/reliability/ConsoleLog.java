package dev.berth.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a console's log says about errors: stack traces, exceptions logged at ERROR, pool timeouts. */
final class ConsoleLog {

	private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at ");

	private static final Pattern EXCEPTION = Pattern.compile("\\b((?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error))\\b");

	/** A log line at WARN: its logger's simple name, then its message. */
	private static final Pattern WARNING = Pattern.compile(" WARN .*?([A-Za-z$]\\w*)\\s+: (.*)$");

	private final List<String> lines;

	ConsoleLog(String text) {
		this.lines = text.lines().toList();
	}

	/** Lines of stack traces ({@code "\tat …"}). */
	long stackFrames() {
		return this.lines.stream().filter(line -> STACK_FRAME.matcher(line).find()).count();
	}

	/** Log lines at ERROR level that name an exception. */
	List<String> errorsWithException() {
		return this.lines.stream().filter(line -> line.contains(" ERROR ") && line.contains("Exception")).toList();
	}

	/**
	 * How often each exception class is named on a line of its own (a log message or the head of a
	 * stack trace, "Caused by" included), and how many connection-pool timeouts were logged.
	 */
	Map<String, Long> exceptions() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String line : this.lines) {
			if (line.contains("Connection is not available")) {
				counts.merge("pool timeout (Connection is not available)", 1L, Long::sum);
			}
			if (line.startsWith("\t") || line.startsWith(" ")) {
				continue;
			}
			Matcher matcher = EXCEPTION.matcher(line);
			if (matcher.find()) {
				counts.merge(matcher.group(1), 1L, Long::sum);
			}
		}
		return counts;
	}

	/**
	 * The console's warnings, counted by logger and the start of their message (a 503 says why it
	 * was answered: no connection, a lock wait, no database), so a failed load test shows its cause.
	 */
	Map<String, Long> warnings() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String line : this.lines) {
			Matcher matcher = WARNING.matcher(line);
			if (matcher.find()) {
				counts.merge(matcher.group(1) + ": " + shorten(matcher.group(2), 90), 1L, Long::sum);
			}
		}
		return counts;
	}

	static String shorten(String line, int max) {
		return (line.length() <= max) ? line : line.substring(0, max) + "…";
	}

}

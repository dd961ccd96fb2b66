package dev.berth.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How sizes and times read on every page; templates reach it as {@code #formats} (see
 * {@link FormatsDialect}).
 */
public final class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB" };

	public String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		// What "%.0f" / "%.1f" print, without a Formatter (a tenth of a page's rendering time in the lists).
		if (value >= 100) {
			return Math.round(value) + " " + UNITS[unit];
		}
		long tenths = Math.round(value * 10);
		return (tenths / 10) + "." + (tenths % 10) + " " + UNITS[unit];
	}

	public String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "";
	}

	/** The UTC day of an instant, as YYYY-MM-DD. */
	public String day(Instant instant) {
		return (instant != null) ? LocalDate.ofInstant(instant, ZoneOffset.UTC).toString() : "";
	}

	/** A digest as the tables show it: its first 12 hex digits after the algorithm, then an ellipsis. */
	public String shortDigest(String digest) {
		if (digest == null || digest.length() <= 19) {
			return digest;
		}
		return digest.substring(0, 19) + "…";
	}

}

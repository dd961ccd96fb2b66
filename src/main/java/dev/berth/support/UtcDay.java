package dev.berth.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Every date rule of the console (a share's Valid Until, a token's expiry) is decided on the UTC
 * calendar day: a date is valid through that whole day and ends at 00:00:00 UTC the next day.
 */
public final class UtcDay {

	/**
	 * The first and the last day a date field takes: years of four digits, which ISO dates write
	 * without a sign and both databases' {@code DATE} hold. Java's dates run to the year 999,999,999,
	 * which H2 stored wrapped into the past (a share "until +999999999-12-31" read back as expired
	 * while it still allowed pulls) and PostgreSQL refuses.
	 */
	public static final LocalDate FIRST = LocalDate.of(1, 1, 1);

	public static final LocalDate LAST = LocalDate.of(9999, 12, 31);

	private UtcDay() {
	}

	/** Whether {@code day} is from {@link #FIRST} to {@link #LAST}. */
	public static boolean isWithinRange(LocalDate day) {
		return !day.isBefore(FIRST) && !day.isAfter(LAST);
	}

	/** Today in UTC, whatever zone the clock or the machine is in. */
	public static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

}

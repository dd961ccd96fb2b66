package dev.berth.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Every date rule of the console (a share's Valid Until, a token's expiry) is decided on the UTC
 * calendar day: a date is valid through that whole day and ends at 00:00:00 UTC the next day.
 */
public final class UtcDay {

	private UtcDay() {
	}

	/** Today in UTC, whatever zone the clock or the machine is in. */
	public static LocalDate today(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

}

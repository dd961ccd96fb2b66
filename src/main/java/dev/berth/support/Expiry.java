package dev.berth.support;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A Valid Until (null: Permanently valid) seen from today (UTC), in words: "expires today", "in 12
 * days", "expired 3 days ago". The message key and its one argument (a number of days) are for the
 * templates: {@code #{${e.messageKey()}(${e.days()})}}.
 */
public record Expiry(LocalDate validUntil, LocalDate today) {

	public static Expiry of(LocalDate validUntil, LocalDate today) {
		return new Expiry(validUntil, today);
	}

	public boolean isPermanent() {
		return this.validUntil == null;
	}

	/** Valid through the whole Valid Until day; expired from 00:00 UTC the day after. */
	public boolean isValid() {
		return isPermanent() || !this.today.isAfter(this.validUntil);
	}

	/** Days from today to the Valid Until day (valid) or from the day it expired to today (expired). */
	public long days() {
		if (isPermanent()) {
			return 0;
		}
		return isValid() ? ChronoUnit.DAYS.between(this.today, this.validUntil)
				: ChronoUnit.DAYS.between(this.validUntil.plusDays(1), this.today);
	}

	public String messageKey() {
		if (isPermanent()) {
			return "expiry.permanent";
		}
		long days = days();
		if (isValid()) {
			return (days == 0) ? "expiry.today" : (days == 1) ? "expiry.tomorrow" : "expiry.inDays";
		}
		return (days == 0) ? "expiry.expiredToday" : (days == 1) ? "expiry.expiredYesterday" : "expiry.expiredDaysAgo";
	}

}

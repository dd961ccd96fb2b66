package dev.berth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Growing delays after failed logins, per user name and per client address (form login, HTTP
 * Basic on the API and the token endpoint alike). A failure streak of a name or an address counts
 * the failed password checks that came less than {@code window} after the one before; from the
 * {@code failures}-th on, each failure makes the next try wait {@code first-delay}, doubling, at most
 * {@code max-delay}. A try that must wait is refused without checking the password and does not
 * count, so the delay never grows while it runs; and since the longest delay is no longer than the
 * window, a streak ends at most {@code window} after the last failure: a throttled attacker never
 * locks the real user out for longer than that. A successful login ends the streak of its name (not
 * of its address, so that logging into one's own account does not reset a guessing run). Kept in
 * memory: each console node throttles the tries it sees.
 */
class LoginThrottle {

	/** How many names and addresses are tracked at most; past it, ended streaks are dropped. */
	static final int MAX_TRACKED = 100_000;

	private final Settings settings;

	private final Clock clock;

	private final Map<String, Streak> streaks = new ConcurrentHashMap<>();

	LoginThrottle(Settings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * How long a try with this name from this address must still wait (zero: it may try now), and
	 * whether this is the first try refused during the current delay (the one worth recording).
	 */
	Verdict check(String username, String address) {
		Instant now = this.clock.instant();
		Verdict byName = refuse(userKey(username), now);
		Verdict byAddress = refuse(addressKey(address), now);
		Duration delay = (byName.delay().compareTo(byAddress.delay()) >= 0) ? byName.delay() : byAddress.delay();
		return new Verdict(delay, byName.firstRefusal() || byAddress.firstRefusal());
	}

	/** Counts a failed password check; returns how long the next try must wait. */
	Duration failed(String username, String address) {
		Instant now = this.clock.instant();
		if (this.streaks.size() >= MAX_TRACKED) {
			this.streaks.values().removeIf(streak -> streak.endedAt(now, this.settings.window()));
		}
		Streak byName = this.streaks.compute(userKey(username), (key, streak) -> next(streak, now));
		Streak byAddress = this.streaks.compute(addressKey(address), (key, streak) -> next(streak, now));
		Duration name = Duration.between(now, byName.blockedUntil());
		Duration addr = Duration.between(now, byAddress.blockedUntil());
		return (name.compareTo(addr) >= 0) ? name : addr;
	}

	/** A correct password ends the streak of the name. */
	void succeeded(String username) {
		this.streaks.remove(userKey(username));
	}

	/** Forgets every streak (tests, and an operator who knows better). */
	void clear() {
		this.streaks.clear();
	}

	private Verdict refuse(String key, Instant now) {
		Streak streak = this.streaks.computeIfPresent(key,
				(k, known) -> now.isBefore(known.blockedUntil()) ? known.refusedOnce() : known);
		if (streak == null || !now.isBefore(streak.blockedUntil())) {
			return new Verdict(Duration.ZERO, false);
		}
		return new Verdict(Duration.between(now, streak.blockedUntil()), streak.refusals() == 1);
	}

	private Streak next(Streak streak, Instant now) {
		int failures = (streak == null || streak.endedAt(now, this.settings.window())) ? 1 : streak.failures() + 1;
		return new Streak(failures, now, now.plus(delayAfter(failures)), 0);
	}

	/** The wait after the n-th failure of a streak: none before {@code failures}, then doubling. */
	Duration delayAfter(int failures) {
		int beyond = failures - this.settings.failures();
		if (beyond < 0) {
			return Duration.ZERO;
		}
		Duration delay = this.settings.firstDelay();
		for (int i = 0; i < beyond && delay.compareTo(this.settings.maxDelay()) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.settings.maxDelay()) > 0) ? this.settings.maxDelay() : delay;
	}

	private static String userKey(String username) {
		String name = (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
		// A name no user can have is kept short: a 10 MB "name" costs 64 characters here.
		return "user:" + ((name.length() <= Names.MAX_LENGTH) ? name : sha256(name));
	}

	private static String addressKey(String address) {
		return "address:" + ((address != null) ? address : "");
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether a try must wait, how long, and whether it is the first one refused during this delay. */
	record Verdict(Duration delay, boolean firstRefusal) {

		boolean mustWait() {
			return !this.delay.isZero() && !this.delay.isNegative();
		}

	}

	/** Failures in a row, the last of them, until when the next try waits, and how many tries it refused. */
	private record Streak(int failures, Instant lastFailure, Instant blockedUntil, int refusals) {

		boolean endedAt(Instant now, Duration window) {
			return !now.isBefore(this.lastFailure.plus(window)) && !now.isBefore(this.blockedUntil);
		}

		Streak refusedOnce() {
			return new Streak(this.failures, this.lastFailure, this.blockedUntil, this.refusals + 1);
		}

	}

	/**
	 * The throttle's settings ({@code berth.login.throttle.*}).
	 * @param failures failed logins of a streak before the first delay
	 * @param window how long after a failure the next one still counts towards the streak
	 * @param firstDelay the first delay, doubled after each further failure
	 * @param maxDelay the longest delay (at most the window)
	 */
	@ConfigurationProperties("berth.login.throttle")
	record Settings(@DefaultValue("5") int failures, @DefaultValue("15m") Duration window,
			@DefaultValue("1s") Duration firstDelay, @DefaultValue("15m") Duration maxDelay) {

		Settings {
			if (failures < 1) {
				throw new IllegalArgumentException("berth.login.throttle.failures must be 1 or more");
			}
			if (maxDelay.compareTo(window) > 0) {
				throw new IllegalArgumentException("berth.login.throttle.max-delay must not be longer than the window");
			}
		}

	}

}

package dev.berth.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The tests' one clock: fixed at {@link #START}, moved by hand, e.g. across midnight UTC. */
public class MutableClock extends Clock {

	public static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	public void set(Instant instant) {
		this.now.set(instant);
	}

	public void set(String instant) {
		set(Instant.parse(instant));
	}

	public void advance(Duration duration) {
		this.now.updateAndGet(i -> i.plus(duration));
	}

	public void reset() {
		set(START);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

}

package dev.berth.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that runs with real time, shifted by an offset a test can move. */
final class MutableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	void setTo(Instant instant) {
		this.offset.set(Duration.between(Instant.now(), instant));
	}

	void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (zone.equals(ZoneOffset.UTC)) {
			return this;
		}
		throw new UnsupportedOperationException("The test clock is UTC only");
	}

}

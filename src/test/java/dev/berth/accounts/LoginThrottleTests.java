package dev.berth.accounts;

import java.time.Duration;

import dev.berth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After 5 failures less than 15 minutes apart, per name and per address, each try waits: 1 s
 * doubling to 15 min; tries refused meanwhile do not count; a streak ends 15 minutes after its last
 * failure, so nobody is locked out for longer than that.
 */
class LoginThrottleTests {

	final MutableClock clock = new MutableClock();

	final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottle.Settings(5, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(15)),
			this.clock);

	@Test
	void fourFailuresThenNoDelayAndTheFifthThenOneSecondDoublingToFifteenMinutes() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.throttle.failed("alice", "10.0.0.1")).isZero();
		}
		assertThat(this.throttle.check("alice", "10.0.0.1").mustWait()).isFalse();
		assertThat(this.throttle.failed("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.throttle.check("alice", "10.0.0.1").delay()).isEqualTo(Duration.ofSeconds(1));

		assertThat(this.throttle.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.throttle.delayAfter(7)).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.throttle.delayAfter(14)).isEqualTo(Duration.ofSeconds(512));
		assertThat(this.throttle.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.delayAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void triesRefusedDuringADelayDoNotCountAndTheStreakEndsOneWindowAfterTheLastFailure() {
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			if (!this.throttle.check("alice", "10.0.0.1").mustWait()) {
				this.throttle.failed("alice", "10.0.0.1");
			}
		}
		Duration delay = this.throttle.check("alice", "10.0.0.1").delay();
		assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(16));

		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.throttle.check("alice", "10.0.0.1").mustWait()).isFalse();
		// A new streak: four more failures are free again.
		for (int i = 0; i < 4; i++) {
			assertThat(this.throttle.failed("alice", "10.0.0.1")).isZero();
		}
	}

	@Test
	void longestDelayThenFreeAgainFifteenMinutesAfterTheLastFailure() {
		for (int i = 0; i < 30; i++) {
			this.throttle.failed("alice", "10.0.0.1");
		}
		assertThat(this.throttle.check("alice", "10.0.0.1").delay()).isEqualTo(Duration.ofMinutes(15));
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.throttle.check("alice", "10.0.0.1").mustWait()).isFalse();
	}

	@Test
	void successEndsTheStreakOfTheNameButNotOfTheAddress() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("alice", "10.0.0.1");
		}
		this.clock.advance(Duration.ofSeconds(2));
		this.throttle.succeeded("alice");

		assertThat(this.throttle.check("alice", "10.0.0.2").mustWait()).isFalse();
		assertThat(this.throttle.failed("bob", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void oneAddressTryingManyNamesThenThrottledByAddress() {
		for (String name : new String[] { "alice", "bob", "carol", "dave", "erin" }) {
			this.throttle.failed(name, "10.0.0.9");
		}
		assertThat(this.throttle.check("frank", "10.0.0.9").mustWait()).isTrue();
		assertThat(this.throttle.check("frank", "10.0.0.10").mustWait()).isFalse();
	}

	@Test
	void manyAddressesTryingOneNameThenThrottledByName() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("alice", "10.0.1." + i);
		}
		assertThat(this.throttle.check("alice", "10.0.2.1").mustWait()).isTrue();
		assertThat(this.throttle.check("ALICE", "10.0.2.1").mustWait()).isTrue();
	}

	@Test
	void firstRefusedTryOfEachDelayThenReportedOnce() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("alice", "10.0.0.1");
		}
		assertThat(this.throttle.check("alice", "10.0.0.1").firstRefusal()).isTrue();
		assertThat(this.throttle.check("alice", "10.0.0.1").firstRefusal()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		this.throttle.failed("alice", "10.0.0.1");
		assertThat(this.throttle.check("alice", "10.0.0.1").firstRefusal()).isTrue();
	}

	@Test
	void aHugeNameThenKeptShort() {
		String huge = "x".repeat(1_000_000);
		for (int i = 0; i < 5; i++) {
			this.throttle.failed(huge, "10.0.0.1");
		}
		assertThat(this.throttle.check(huge, "10.0.0.3").mustWait()).isTrue();
	}

}

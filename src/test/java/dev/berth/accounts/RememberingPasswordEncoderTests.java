package dev.berth.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.berth.testing.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A checked password is remembered for a minute as a keyed hash, and BCrypt runs once per burst;
 * new hashes have the configured cost.
 */
class RememberingPasswordEncoderTests {

	final AtomicInteger checks = new AtomicInteger();

	static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(8);

	static final String DEMO = BCRYPT.encode("demo12345");

	static final String OTHER = BCRYPT.encode("a-new-password");

	/** Real BCrypt, counted. */
	final PasswordEncoder slow = new PasswordEncoder() {

		@Override
		public String encode(CharSequence raw) {
			return BCRYPT.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			RememberingPasswordEncoderTests.this.checks.incrementAndGet();
			return BCRYPT.matches(raw, encoded);
		}

	};

	final MutableClock clock = new MutableClock();

	final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(this.slow, this.clock);

	@Test
	void rightPasswordTwiceThenCheckedOnce() {
		assertThat(this.encoder.matches("demo12345", DEMO)).isTrue();
		assertThat(this.encoder.matches("demo12345", DEMO)).isTrue();
		assertThat(this.checks).hasValue(1);
	}

	@Test
	void wrongPasswordThenNeverRemembered() {
		assertThat(this.encoder.matches("guess", DEMO)).isFalse();
		assertThat(this.encoder.matches("guess", DEMO)).isFalse();
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void changedPasswordThenTheOldOneNoLongerMatches() {
		assertThat(this.encoder.matches("demo12345", DEMO)).isTrue();
		assertThat(this.encoder.matches("demo12345", OTHER)).isFalse();
	}

	@Test
	void afterAMinuteThenCheckedAgain() {
		this.encoder.matches("demo12345", DEMO);
		this.clock.advance(Duration.ofSeconds(61));
		this.encoder.matches("demo12345", DEMO);
		assertThat(this.checks).hasValue(2);
	}

	@Test
	void burstOfTheSameCredentialsThenOneCheckForAll() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Boolean>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			answers.add(threads.submit(() -> {
				go.await();
				return this.encoder.matches("demo12345", DEMO);
			}));
		}
		go.countDown();
		for (Future<Boolean> answer : answers) {
			assertThat(answer.get()).isTrue();
		}
		threads.shutdown();
		assertThat(this.checks.get()).isLessThanOrEqualTo(2);
	}

	@Test
	void strengthSetThenNewHashesUseItAndOlderOnesStillCheckOut() {
		PasswordEncoder configured = new SecurityConfiguration().passwordEncoder(this.clock, 5);

		String hash = configured.encode("demo12345");

		assertThat(hash).startsWith("{bcrypt}$2a$05$");
		assertThat(configured.matches("demo12345", hash)).isTrue();
		assertThat(configured.matches("demo12345", "{bcrypt}" + DEMO)).as("a hash of cost 8").isTrue();
	}

	@Test
	void strengthOutsideBcryptsRangeThenTheConsoleDoesNotStartAndSaysWhy() {
		assertThatThrownBy(() -> new SecurityConfiguration().passwordEncoder(this.clock, 3))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("berth.passwords.bcrypt-strength must be from 4 to 31 (BCrypt's log2 of its rounds), not 3");
	}

}

package dev.berth.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * BCrypt for passwords, without paying it on every registry round-trip: a password that checked
 * out is remembered for {@link #REMEMBER} as a keyed hash (HMAC-SHA-256 with a key that lives in
 * this process only, over the stored hash and the password; never the password itself). A changed
 * password has a new stored hash, so what was remembered of the old one no longer matches. Checks
 * of the same credentials that arrive together share one BCrypt, and at most as many run at once
 * as there are processors, so that a burst of logins does not starve everything else.
 */
class RememberingPasswordEncoder implements PasswordEncoder {

	static final Duration REMEMBER = Duration.ofSeconds(60);

	private static final int MAX_REMEMBERED = 10_000;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final byte[] key = new byte[32];

	private final Map<String, Instant> remembered = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

	private final Semaphore hashing = new Semaphore(Runtime.getRuntime().availableProcessors());

	RememberingPasswordEncoder(PasswordEncoder encoder, Clock clock) {
		this.encoder = encoder;
		this.clock = clock;
		new SecureRandom().nextBytes(this.key);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return hashed(() -> this.encoder.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		String id = keyedHash(encodedPassword, rawPassword);
		Instant until = this.remembered.get(id);
		Instant now = this.clock.instant();
		if (until != null && now.isBefore(until)) {
			return true;
		}
		CompletableFuture<Boolean> mine = new CompletableFuture<>();
		CompletableFuture<Boolean> running = this.inFlight.putIfAbsent(id, mine);
		if (running != null) {
			return running.join();
		}
		try {
			boolean matches = hashed(() -> this.encoder.matches(rawPassword, encodedPassword));
			if (matches) {
				remember(id, now.plus(REMEMBER));
			}
			mine.complete(matches);
			return matches;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(id);
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.encoder.upgradeEncoding(encodedPassword);
	}

	private void remember(String id, Instant until) {
		if (this.remembered.size() >= MAX_REMEMBERED) {
			Instant now = this.clock.instant();
			this.remembered.values().removeIf(expiry -> !now.isBefore(expiry));
		}
		if (this.remembered.size() < MAX_REMEMBERED) {
			this.remembered.put(id, until);
		}
	}

	private <T> T hashed(java.util.function.Supplier<T> work) {
		this.hashing.acquireUninterruptibly();
		try {
			return work.get();
		}
		finally {
			this.hashing.release();
		}
	}

	private String keyedHash(String encodedPassword, CharSequence rawPassword) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

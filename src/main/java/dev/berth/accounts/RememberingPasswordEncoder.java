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
 * password has a new stored hash, so what was remembered of the old one no longer matches; and
 * {@link #forget} drops it at once (a password change or reset, a disabled user or account). Checks
 * of the same credentials that arrive together share one BCrypt, and at most as many run at once
 * as there are processors, so that a burst of logins does not starve everything else.
 *
 * <p>
 * BCrypt reads at most 72 bytes of a password; a longer one (passwords may have 128 characters of
 * any script) is hashed with Argon2id instead. The stored hash names its algorithm, so both check
 * out the same way.
 */
class RememberingPasswordEncoder implements PasswordEncoder {

	static final Duration REMEMBER = Duration.ofSeconds(60);

	private static final int MAX_REMEMBERED = 10_000;

	/** The most BCrypt reads of a password, in UTF-8 bytes. */
	static final int BCRYPT_MAX_BYTES = 72;

	private final PasswordEncoder encoder;

	private final PasswordEncoder longPasswords;

	private final Clock clock;

	private final byte[] key = new byte[32];

	private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

	private final Semaphore hashing = new Semaphore(Runtime.getRuntime().availableProcessors());

	RememberingPasswordEncoder(PasswordEncoder encoder, Clock clock) {
		this(encoder, encoder, clock);
	}

	/**
	 * @param encoder encodes passwords of up to {@value #BCRYPT_MAX_BYTES} bytes and checks every
	 * stored hash
	 * @param longPasswords encodes longer passwords
	 */
	RememberingPasswordEncoder(PasswordEncoder encoder, PasswordEncoder longPasswords, Clock clock) {
		this.encoder = encoder;
		this.longPasswords = longPasswords;
		this.clock = clock;
		new SecureRandom().nextBytes(this.key);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		boolean tooLong = rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES;
		return hashed(() -> (tooLong ? this.longPasswords : this.encoder).encode(rawPassword));
	}

	/** Forgets every password remembered for this stored hash, at once. */
	void forget(String encodedPassword) {
		if (encodedPassword == null) {
			return;
		}
		String owner = keyedHash(encodedPassword, "");
		this.remembered.values().removeIf(entry -> entry.owner().equals(owner));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		String id = keyedHash(encodedPassword, rawPassword);
		Remembered known = this.remembered.get(id);
		Instant now = this.clock.instant();
		if (known != null && now.isBefore(known.until())) {
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
				remember(id, new Remembered(now.plus(REMEMBER), keyedHash(encodedPassword, "")));
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

	private void remember(String id, Remembered entry) {
		if (this.remembered.size() >= MAX_REMEMBERED) {
			Instant now = this.clock.instant();
			this.remembered.values().removeIf(known -> !now.isBefore(known.until()));
		}
		if (this.remembered.size() < MAX_REMEMBERED) {
			this.remembered.put(id, entry);
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

	/** Until when a checked password is remembered, and the keyed hash of the stored hash it belongs to. */
	private record Remembered(Instant until, String owner) {
	}

}

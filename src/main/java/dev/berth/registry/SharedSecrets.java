package dev.berth.registry;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import dev.berth.support.InstallationLock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every console node must hold alike — the token signing key and certificate, the
 * notification secret — kept in the database (table {@code shared_secret}). Whoever finds one
 * missing creates it while holding the installation lock, so two nodes that start together on a
 * fresh database end up with the same one.
 */
@Component
class SharedSecrets {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InstallationLock lock;

	private final Clock clock;

	SharedSecrets(JdbcClient jdbc, TransactionTemplate transactions, InstallationLock lock, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.lock = lock;
		this.clock = clock;
	}

	/** Runs {@code work} in one transaction that holds the installation lock. */
	<T> T underLock(Supplier<T> work) {
		return this.transactions.execute(status -> {
			this.lock.hold();
			return work.get();
		});
	}

	Optional<String> find(String name) {
		return this.jdbc.sql("select secret from shared_secret where name = :name")
			.param("name", name)
			.query(String.class)
			.optional();
	}

	/** Stores {@code value} under {@code name}, replacing what was there (call it under the lock). */
	void put(String name, String value) {
		int updated = this.jdbc.sql("update shared_secret set secret = :secret, created_at = :at where name = :name")
			.param("name", name)
			.param("secret", value)
			.param("at", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into shared_secret (name, secret, created_at) values (:name, :secret, :at)")
				.param("name", name)
				.param("secret", value)
				.param("at", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
				.update();
		}
	}

	void remove(String name) {
		this.jdbc.sql("delete from shared_secret where name = :name").param("name", name).update();
	}

}

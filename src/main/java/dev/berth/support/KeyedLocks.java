package dev.berth.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-memory locks by key (striped: keys share a fixed set of locks). Requests that would all wait
 * for one database row (shares of one image) wait here instead, holding no database connection;
 * the row lock stays the guarantee across several nodes. A wait longer than {@code patience} is a
 * {@link BusyException}.
 */
public final class KeyedLocks {

	private final ReentrantLock[] stripes;

	private final Duration patience;

	public KeyedLocks(int stripes, Duration patience) {
		this.stripes = new ReentrantLock[stripes];
		for (int i = 0; i < stripes; i++) {
			this.stripes[i] = new ReentrantLock(true);
		}
		this.patience = patience;
	}

	public <T> T withLock(long key, Supplier<T> work) {
		ReentrantLock lock = this.stripes[Math.floorMod(Long.hashCode(key), this.stripes.length)];
		try {
			if (!lock.tryLock(this.patience.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new BusyException();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BusyException();
		}
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

}

package dev.berth.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;

import org.springframework.beans.factory.DisposableBean;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs that must run on one node per round (several console nodes share one database):
 * a job runs only where it takes its ShedLock row in {@code shedlock}; a node that finds the row
 * taken skips that round. Times are the database's, so the nodes' clocks need not agree. While a
 * job runs, its lock is extended (a long round over a big catalog keeps it); a node that dies
 * gives it up after {@code atMost}.
 */
@Component
public class JobLocks implements DisposableBean {

	private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "job-lock-keep-alive");
		thread.setDaemon(true);
		return thread;
	});

	private final LockingTaskExecutor executor;

	JobLocks(DataSource dataSource) {
		this.executor = new DefaultLockingTaskExecutor(new KeepAliveLockProvider(new JdbcTemplateLockProvider(
				JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.usingDbTime()
					.build()),
				this.keepAlive));
	}

	@Override
	public void destroy() {
		this.keepAlive.shutdownNow();
	}

	/**
	 * Runs {@code job} if no node holds the lock {@code name}, holding it at least {@code atLeast}
	 * (so that a quick round is not repeated at once by another node); {@code atMost} (30 s or more)
	 * is how long a node that died while running keeps it.
	 * @return whether the job ran here
	 */
	public boolean runOnce(String name, Duration atLeast, Duration atMost, Runnable job) {
		try {
			return this.executor
				.executeWithLock(() -> {
					job.run();
					return Boolean.TRUE;
				}, new LockConfiguration(Instant.now(), name, atMost, atLeast))
				.wasExecuted();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}

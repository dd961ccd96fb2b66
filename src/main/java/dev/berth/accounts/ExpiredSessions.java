package dev.berth.accounts;

import java.time.Duration;

import dev.berth.support.JobLocks;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions from the database once a minute, on one node per round. (Spring
 * Session's own clean-up would run on every node at the same second; it is switched off with
 * {@code spring.session.jdbc.cleanup-cron=-}.)
 */
@Component
class ExpiredSessions {

	static final String JOB = "expired-sessions";

	private final JdbcIndexedSessionRepository sessions;

	private final JobLocks jobs;

	ExpiredSessions(JdbcIndexedSessionRepository sessions, JobLocks jobs) {
		this.sessions = sessions;
		this.jobs = jobs;
	}

	@Scheduled(cron = "${berth.sessions.cleanup-cron:30 * * * * *}")
	void cleanUp() {
		this.jobs.runOnce(JOB, Duration.ofSeconds(30), Duration.ofMinutes(2), this.sessions::cleanUpExpiredSessions);
	}

}

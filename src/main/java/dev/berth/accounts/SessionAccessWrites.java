package dev.berth.accounts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.berth.accounts.SessionTransactions.SessionStatements;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions that write their last access to the database at most once a minute.
 *
 * <p>
 * Spring Session JDBC marks a session changed on every request, because the request moves its
 * last access time, and so updates its row on every page, htmx fragment and static file of a
 * signed-in user: a database write (and, on H2, a commit to the file) per request that tells
 * nothing new. Here a session passes a new access time on only when the stored one is
 * {@value #RESOLUTION_SECONDS} seconds old or more; changed attributes are written as before, in
 * the same save. An idle session therefore ends between 29 and 30 minutes after its last request
 * (with {@code server.servlet.session.timeout=30m}), and every node still reads the session from
 * the database on every request, so a logout or an ended session holds everywhere at once.
 *
 * <p>
 * And sessions read once per request. When a response is committed before the session filter
 * ends (a page larger than the response buffer, or one the view flushes: every page), Spring
 * Session saves the session then and again at the end, and the second time it looks the session up
 * by its id once more (spring-session#1731): a second read of the session row and its attributes on
 * every page. Within one request ({@link OneReadPerRequest}, the filter around Spring Session's)
 * that lookup is answered with the session found first.
 *
 * <p>
 * An auto-configuration after Spring Boot's JDBC session one (listed in
 * {@code META-INF/spring/…AutoConfiguration.imports}): a session repository bean of the
 * application's own would switch Boot's off, with the settings it takes from the properties.
 */
@AutoConfiguration(after = JdbcSessionAutoConfiguration.class)
public class SessionAccessWrites {

	static final long RESOLUTION_SECONDS = 60;

	private static final Duration RESOLUTION = Duration.ofSeconds(RESOLUTION_SECONDS);

	/** The repository the session filter and {@link UserSessions} use; the JDBC one stays for the clean-up. */
	@Bean
	@Primary
	@ConditionalOnBean(JdbcIndexedSessionRepository.class)
	CoarseSessions coarseSessionRepository(JdbcIndexedSessionRepository sessions, SessionStatements statements) {
		return new CoarseSessions(sessions, statements);
	}

	/** Just outside Spring Session's filter, so that its last save still belongs to the request. */
	@Bean
	@ConditionalOnBean(JdbcIndexedSessionRepository.class)
	FilterRegistrationBean<OneReadPerRequest> oneSessionReadPerRequest(CoarseSessions sessions) {
		FilterRegistrationBean<OneReadPerRequest> registration = new FilterRegistrationBean<>(
				new OneReadPerRequest(sessions));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

	static final class CoarseSessions implements FindByIndexNameSessionRepository<CoarseSession> {

		/** The JDBC repository, typed for {@link Session} (its own session class is package-private). */
		private final FindByIndexNameSessionRepository<Session> sessions;

		private final SessionStatements statements;

		/** The session found during the request this thread serves; no entry outside a request. */
		private final ThreadLocal<Found> found = new ThreadLocal<>();

		@SuppressWarnings("unchecked")
		CoarseSessions(JdbcIndexedSessionRepository jdbc, SessionStatements statements) {
			this.sessions = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) jdbc;
			this.statements = statements;
		}

		@Override
		public CoarseSession createSession() {
			return new CoarseSession(this.sessions.createSession());
		}

		@Override
		public void save(CoarseSession session) {
			this.sessions.save(session.delegate);
		}

		@Override
		public CoarseSession findById(String id) {
			Found request = this.found.get();
			if (request != null && request.session != null && request.session.getId().equals(id)) {
				return request.session;
			}
			Session read = this.statements.lookup(() -> this.sessions.findById(id));
			CoarseSession session = (read != null) ? new CoarseSession(read) : null;
			if (request != null) {
				request.session = session;
			}
			return session;
		}

		@Override
		public void deleteById(String id) {
			Found request = this.found.get();
			if (request != null) {
				request.session = null;
			}
			this.sessions.deleteById(id);
		}

		/** Runs a request, in which a session is read at most once. */
		void request(FilterChain chain, HttpServletRequest request, HttpServletResponse response)
				throws IOException, ServletException {
			this.found.set(new Found());
			try {
				chain.doFilter(request, response);
			}
			finally {
				this.found.remove();
			}
		}

		@Override
		public Map<String, CoarseSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return this.sessions.findByIndexNameAndIndexValue(indexName, indexValue)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, entry -> new CoarseSession(entry.getValue())));
		}

	}

	/** What a request found. */
	private static final class Found {

		private CoarseSession session;

	}

	/** Each request's session lookups, answered by the first read. */
	static final class OneReadPerRequest extends OncePerRequestFilter {

		private final CoarseSessions sessions;

		OneReadPerRequest(CoarseSessions sessions) {
			this.sessions = sessions;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			this.sessions.request(chain, request, response);
		}

	}

	/** A session whose last access time moves in steps of at least a minute. */
	static final class CoarseSession implements Session {

		private final Session delegate;

		CoarseSession(Session delegate) {
			this.delegate = delegate;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.delegate.getLastAccessedTime().plus(RESOLUTION))) {
				this.delegate.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.delegate.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return this.delegate.getId();
		}

		@Override
		public String changeSessionId() {
			return this.delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.delegate.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.delegate.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.delegate.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.delegate.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.delegate.isExpired();
		}

	}

}

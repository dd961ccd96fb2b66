package dev.berth.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A node that cannot reach its database serves no page: every request that needs it — already the
 * session lookup (sessions live in the database), before any controller — is answered 503 with
 * {@code Retry-After}, never a 500 and never something the node remembers. (Readiness reports the
 * database down at the same time, so a load balancer's check moves users to another node.) Runs
 * before Spring Session's filter, which is ordered {@code Integer.MIN_VALUE + 50}.
 */
@Component
class DatabaseUnavailableFilter extends OncePerRequestFilter implements Ordered {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	@Override
	public int getOrder() {
		return Integer.MIN_VALUE + 40;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!databaseUnreachable(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("No database, answered 503: {}", ex.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BusyException.RETRY_AFTER.toSeconds()));
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
		}
	}

	private static boolean databaseUnreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessException) {
				return true;
			}
		}
		return false;
	}

}

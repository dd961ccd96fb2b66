package dev.berth.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A database that does not give a connection or a lock in time means the console is overloaded:
 * any page or API answers 503 with {@code Retry-After} (through the error page, so a page gets
 * HTML and a client a problem detail), never a 500.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OverloadAdvice {

	private static final Logger log = LoggerFactory.getLogger(OverloadAdvice.class);

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			TransientDataAccessException.class })
	void busy(Exception ex, HttpServletResponse response) throws IOException {
		log.warn("Overloaded, answered 503: {}", ex.getMessage());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BusyException.RETRY_AFTER.toSeconds()));
		response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
	}

}

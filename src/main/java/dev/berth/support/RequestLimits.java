package dev.berth.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away, before anything reads them, requests no form or client of the console sends: a body
 * larger than {@value #MAX_BODY} bytes (413), and parameters that are not valid percent-encoded
 * UTF-8 (400). Both answers go through the error page; nothing is logged as an error.
 *
 * <p>
 * Right after Spring Boot's character encoding filter ({@link Ordered#HIGHEST_PRECEDENCE}), which
 * sets UTF-8 on the request: parameters are decoded once, when first read, and a form post names
 * no charset, so reading them before that filter decoded every form as ISO-8859-1 ("Für" became
 * "FÃ¼r" in what was saved).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestLimits extends OncePerRequestFilter {

	static final long MAX_BODY = 1024 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY) {
			response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		chain.doFilter(request, response);
	}

}

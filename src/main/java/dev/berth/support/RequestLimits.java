package dev.berth.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away, before anything reads them, requests no form or client of the console sends: a body
 * larger than {@value #MAX_BODY} bytes (413), parameters that are not valid percent-encoded UTF-8,
 * and a query with a NUL character (400). The answers go through the error page; nothing is logged
 * as an error. A body sent without a length (chunked) is cut off where it passes the limit: reading
 * on fails with {@link BodyTooLarge}, which the JSON API answers with a 413 as well; a form so sent
 * is read by Tomcat, whose form limit ({@code server.tomcat.max-http-form-post-size}) is the same: 413.
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
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		if (holdsNul(request.getQueryString())) {
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// A form sent without a length that passes the limit (server.tomcat.max-http-form-post-size): 413 as well.
			response.sendError((ex instanceof InvalidParameterException invalid
					&& invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) ? invalid.getErrorCode()
							: HttpStatus.BAD_REQUEST.value());
			return;
		}
		boolean unannounced = request.getContentLengthLong() < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		chain.doFilter(unannounced ? new LimitedBody(request) : request, response);
	}

	/**
	 * Whether the address's query holds a NUL character ({@code %00}): no link or form of the console
	 * sends one, and PostgreSQL refuses it in any statement (a search or a filter with it was a 500).
	 * A form's fields say it next to the field, as any character a text may not hold.
	 */
	private static boolean holdsNul(String query) {
		return query != null && (query.contains("%00") || query.indexOf('\0') >= 0);
	}

	/** A body that went on past {@value #MAX_BODY} bytes without announcing its length. */
	static final class BodyTooLarge extends IOException {

		BodyTooLarge() {
			super("The request body is larger than " + MAX_BODY + " bytes");
		}

	}

	/** The request, with a body that cannot be read past {@value #MAX_BODY} bytes. */
	private static final class LimitedBody extends HttpServletRequestWrapper {

		private ServletInputStream body;

		LimitedBody(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.body == null) {
				this.body = new LimitedStream(super.getInputStream());
			}
			return this.body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String charset = (getCharacterEncoding() != null) ? getCharacterEncoding() : StandardCharsets.UTF_8.name();
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream stream;

		private long read;

		LimitedStream(ServletInputStream stream) {
			this.stream = stream;
		}

		@Override
		public int read() throws IOException {
			int b = this.stream.read();
			if (b >= 0) {
				counted(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.stream.read(buffer, offset, length);
			if (n > 0) {
				counted(n);
			}
			return n;
		}

		private void counted(int bytes) throws BodyTooLarge {
			this.read += bytes;
			if (this.read > MAX_BODY) {
				throw new BodyTooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return this.stream.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.stream.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.stream.setReadListener(listener);
		}

	}

}

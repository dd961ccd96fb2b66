package dev.berth.accounts;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * After a failed login the form comes back with the user name filled in. The name travels in a
 * short-lived cookie that only the login page receives, never in the page's address: an address
 * stays in the browser's history and the server's access log, and people do type their password
 * into the name field. The password is never sent back. A login that succeeds forgets the name.
 */
final class TypedLoginName {

	static final String COOKIE = "LOGIN_NAME";

	/** The login form's field. */
	static final String PARAMETER = "username";

	private static final Duration KEPT = Duration.ofMinutes(5);

	private TypedLoginName() {
	}

	/** Keeps the name the failed login was given, if it could be a user name at all. */
	static void remember(HttpServletRequest request, HttpServletResponse response) {
		String username = request.getParameter(PARAMETER);
		if (username != null && !username.isBlank() && username.length() <= Names.MAX_LENGTH) {
			write(request, response, URLEncoder.encode(username, StandardCharsets.UTF_8), KEPT);
		}
	}

	static void forget(HttpServletRequest request, HttpServletResponse response) {
		if (request.getCookies() != null) {
			for (var cookie : request.getCookies()) {
				if (COOKIE.equals(cookie.getName())) {
					write(request, response, "", Duration.ZERO);
				}
			}
		}
	}

	/** The name from the cookie's value; nothing for a value no failed login wrote. */
	static Optional<String> read(String value) {
		if (value == null || value.isEmpty()) {
			return Optional.empty();
		}
		try {
			String username = URLDecoder.decode(value, StandardCharsets.UTF_8);
			return (username.isBlank() || username.length() > Names.MAX_LENGTH) ? Optional.empty()
					: Optional.of(username);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
			.path(request.getContextPath() + "/login")
			.maxAge(maxAge)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}

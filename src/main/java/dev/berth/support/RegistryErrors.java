package dev.berth.support;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The registry's error format, {@code {"errors":[{"code": …, "message": …}]}}, in which the token
 * endpoint answers every refusal and error: docker and skopeo read it (and show its message), not a
 * problem detail. The codes are the distribution's own.
 */
public final class RegistryErrors {

	/** The registry token endpoint, whose clients are docker, skopeo and the like. */
	public static final String TOKEN_PATH = "/v2/token";

	private static final JsonMapper json = JsonMapper.builder().build();

	private RegistryErrors() {
	}

	/** Whether the request an error page answers ({@code errorRequestUri}) was for the token endpoint. */
	public static boolean forTokenEndpoint(HttpServletRequest request, Object errorRequestUri) {
		return (request.getContextPath() + TOKEN_PATH).equals(errorRequestUri);
	}

	/** The body for this status, with its message. */
	public static Map<String, Object> body(HttpStatus status, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", codeOf(status));
		error.put("message", message);
		return Map.of("errors", List.of(error));
	}

	/** Writes the answer at once (a refusal before any controller, as the security filters make it). */
	public static void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write(json.writeValueAsString(body(status, message)));
	}

	private static String codeOf(HttpStatus status) {
		return switch (status) {
			case UNAUTHORIZED -> "UNAUTHORIZED";
			case FORBIDDEN -> "DENIED";
			case TOO_MANY_REQUESTS -> "TOOMANYREQUESTS";
			case SERVICE_UNAVAILABLE -> "UNAVAILABLE";
			case BAD_REQUEST, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED";
			default -> "UNKNOWN";
		};
	}

}

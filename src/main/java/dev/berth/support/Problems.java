package dev.berth.support;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The JSON API's one error shape: an RFC 9457 problem detail ({@code application/problem+json})
 * with the extension member {@code code}, a stable word a client can switch on
 * ({@code not_found}, {@code already_shared}, …).
 */
public final class Problems {

	public static final String CODE = "code";

	/** The member naming the request's field a problem is about. */
	public static final String FIELD = "field";

	private Problems() {
	}

	/** The code of an error that has no more specific one: the status as a word, e.g. {@code not_found}. */
	public static String codeOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return "error";
		}
		return switch (known) {
			case SERVICE_UNAVAILABLE -> "unavailable";
			default -> known.name().toLowerCase(Locale.ROOT);
		};
	}

	/** The message key of the generic text for a status, e.g. {@code problem.404}. */
	public static String messageKeyOf(HttpStatusCode status) {
		return "problem." + status.value();
	}

}

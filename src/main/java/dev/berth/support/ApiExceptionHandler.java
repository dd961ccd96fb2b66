package dev.berth.support;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the JSON API as problem details: Spring MVC's own (bad JSON, a missing or mistyped
 * parameter, an unsupported media type) and the console's {@link ProblemException}s, each with
 * its text from the message bundles and a {@code code}.
 */
@RestControllerAdvice(annotations = JsonApi.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** A body that turned out too large while it was read (it came without a length): 413. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.contains(RequestLimits.BodyTooLarge.class)) {
			return handleExceptionInternal(ex, ProblemDetail.forStatus(HttpStatus.CONTENT_TOO_LARGE), headers,
					HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail named = namedField(jacksonCause(ex));
		if (named != null) {
			return handleExceptionInternal(ex, named, headers, HttpStatus.BAD_REQUEST, request);
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

	/** The Jackson error the converter wrapped (a date's own parse error lies under it, and names no field). */
	private static Throwable jacksonCause(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException) {
				return cause;
			}
		}
		return ex.getMostSpecificCause();
	}

	private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object )?(?:property|field) \"([^\"]*)\"");

	/**
	 * A body that is JSON, with a field the request does not have, a field given twice or a value
	 * of the wrong type ({@link StrictJson}): which field, in the text and as {@code field}.
	 */
	private ProblemDetail namedField(Throwable cause) {
		String field = null;
		String detail = null;
		if (cause instanceof UnrecognizedPropertyException unknown) {
			field = shortened(unknown.getPropertyName());
			String fields = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
				.collect(Collectors.joining(", "));
			detail = message("problem.json.unknownField", field, fields);
		}
		else if (cause instanceof MismatchedInputException mismatch) {
			field = topField(mismatch);
			String kind = (cause instanceof StrictJson.TextWithNul) ? "problem.json.nul" : "problem.json.wrongType";
			detail = (field != null) ? message(kind, field) : null;
		}
		else if (cause instanceof StreamReadException read) {
			field = shortened(duplicateField(read));
			detail = (field != null) ? message("problem.json.duplicateField", field) : null;
		}
		if (detail == null) {
			return null;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setProperty(Problems.FIELD, field);
		return problem;
	}

	/**
	 * A field's name as the client sent it, cut short at 64 characters (Jackson takes names of up to
	 * 50,000), never between the two halves of one.
	 */
	static String shortened(String name) {
		if (name == null || name.codePointCount(0, name.length()) <= 64) {
			return name;
		}
		return name.substring(0, name.offsetByCodePoints(0, 64)) + "…";
	}

	/** The field of the request's object that the value belongs to (the first step of its path). */
	private static String topField(MismatchedInputException mismatch) {
		return mismatch.getPath().stream().map(JacksonException.Reference::getPropertyName).filter(Objects::nonNull)
			.findFirst().orElse(null);
	}

	/** The field a parser found twice ({@code StreamReadFeature.STRICT_DUPLICATE_DETECTION} says so only in its message). */
	private static String duplicateField(StreamReadException ex) {
		Matcher duplicate = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
		return duplicate.find() ? duplicate.group(1) : null;
	}

	private String message(String key, Object... args) {
		return Objects.requireNonNull(getMessageSource()).getMessage(key, args, LocaleContextHolder.getLocale());
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
				problem.setProperty(Problems.CODE, Problems.codeOf(statusCode));
			}
			if (problem.getDetail() == null && getMessageSource() != null) {
				problem.setDetail(getMessageSource().getMessage(Problems.messageKeyOf(statusCode), null, null,
						LocaleContextHolder.getLocale()));
			}
		}
		// Whatever the client accepts: a problem detail is JSON (else an Accept of text/html is a 500).
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return super.createResponseEntity(body, problemHeaders, statusCode, request);
	}

}

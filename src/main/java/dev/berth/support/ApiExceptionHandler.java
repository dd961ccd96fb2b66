package dev.berth.support;

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
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
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
						org.springframework.context.i18n.LocaleContextHolder.getLocale()));
			}
		}
		// Whatever the client accepts: a problem detail is JSON (else an Accept of text/html is a 500).
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return super.createResponseEntity(body, problemHeaders, statusCode, request);
	}

}

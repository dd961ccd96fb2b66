package dev.berth.support;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the console refuses, with the HTTP status, the API's error {@code code} and the text
 * the user reads (a message key and its arguments). A page answers with the error page of the
 * status; the JSON API with an RFC 9457 problem detail that carries {@code code}.
 */
public class ProblemException extends ErrorResponseException {

	public ProblemException(HttpStatus status, String code, String messageKey, Object... arguments) {
		super(status, problem(status, code), null, messageKey, arguments);
	}

	/** For a text that is already resolved (several broken rules in one message). */
	protected ProblemException(HttpStatus status, String code, String detail) {
		super(status, problem(status, code), null);
		getBody().setDetail(detail);
	}

	/** Names the request's field the problem is about ({@code field}, as a refused JSON field is named). */
	public ProblemException withField(String field) {
		getBody().setProperty(Problems.FIELD, field);
		return this;
	}

	public String code() {
		return (String) getBody().getProperties().get(Problems.CODE);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail() != null ? getBody().getDetail() : String.valueOf(getDetailMessageCode());
	}

	private static ProblemDetail problem(HttpStatus status, String code) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setProperty(Problems.CODE, code);
		return problem;
	}

}

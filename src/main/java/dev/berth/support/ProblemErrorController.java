package dev.berth.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error answer of anything that reached the servlet container's error page rather than a
 * controller (an unknown path, a 401 from Basic authentication, a body too large): pages get the
 * error templates as before; every other client gets the same problem detail as the JSON API.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

	private final ErrorAttributes errorAttributes;

	private final MessageSource messages;

	ProblemErrorController(ErrorAttributes errorAttributes, WebProperties web,
			List<ErrorViewResolver> errorViewResolvers, MessageSource messages) {
		super(errorAttributes, web.getError(), errorViewResolvers);
		this.errorAttributes = errorAttributes;
		this.messages = messages;
	}

	/**
	 * The error page, with the refusal's own text when there is one (else the page's generic text),
	 * and its way back when it names one.
	 */
	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		ModelAndView page = super.errorHtml(request, response);
		if (page != null && this.errorAttributes.getError(new ServletWebRequest(request)) instanceof ErrorResponse refusal) {
			String detail = refusal.updateAndGetBody(this.messages, LocaleContextHolder.getLocale()).getDetail();
			if (detail != null) {
				page.addObject("detail", detail);
			}
			if (refusal instanceof NotFoundException notFound && notFound.wayBack() != null) {
				page.addObject("wayBack", notFound.wayBack());
				page.addObject("wayBackLabel", this.messages.getMessage(notFound.wayBackLabelKey(), null,
						LocaleContextHolder.getLocale()));
			}
		}
		return page;
	}

	/** A request for the error page itself, not a forwarded error, is a page that does not exist. */
	@Override
	protected HttpStatus getStatus(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			return HttpStatus.NOT_FOUND;
		}
		return super.getStatus(request);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.NO_CONTENT) {
			return new ResponseEntity<>(status);
		}
		Locale locale = LocaleContextHolder.getLocale();
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (RegistryErrors.forTokenEndpoint(request, path)) {
			// An overloaded console's 503 or an error: in the format docker and skopeo read.
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON)
				.body(RegistryErrors.body(status, status.getReasonPhrase().toLowerCase(Locale.ROOT)));
		}
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", this.messages.getMessage(Problems.messageKeyOf(status), null, status.getReasonPhrase(),
				locale));
		if (path != null) {
			problem.put("instance", path);
		}
		problem.put(Problems.CODE, Problems.codeOf(status));
		// A page controller's refusal (an htmx request, say) keeps its own text and code.
		if (this.errorAttributes.getError(new ServletWebRequest(request)) instanceof ErrorResponse refusal
				&& refusal.getStatusCode().value() == status.value()) {
			ProblemDetail body = refusal.updateAndGetBody(this.messages, locale);
			if (body.getDetail() != null) {
				problem.put("detail", body.getDetail());
			}
			if (body.getProperties() != null) {
				problem.putAll(body.getProperties());
			}
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

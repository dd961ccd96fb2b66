package dev.berth.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * A form value of the wrong type (a date that is no date, a permission that does not exist) is a
 * 400 that shows the form again with the message next to the field. To htmx, which swaps only a
 * successful answer into the page, it is a 200, as the forms' other messages are. What was typed
 * stays in the form ({@link ConstructedForms}); form records take boxed types, so that Spring can
 * build them with null in place of the value that failed.
 */
class BindingFailures implements HandlerInterceptor {

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView view) {
		if (!PageAttributes.rendersPage(view) || "true".equals(request.getHeader("HX-Request"))) {
			return;
		}
		for (Object value : view.getModel().values()) {
			if (value instanceof BindingResult result && result.getFieldErrors().stream().anyMatch(FieldError::isBindingFailure)) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				return;
			}
		}
	}

}

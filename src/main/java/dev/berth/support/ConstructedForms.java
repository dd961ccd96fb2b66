package dev.berth.support;

import java.lang.reflect.RecordComponent;
import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.ModelAttributeMethodProcessor;
import org.springframework.web.method.annotation.ModelFactory;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A form record and its binding result stay together when a submitted value has the wrong type.
 *
 * <p>
 * Spring MVC builds the record anyway, with null for a value it could not convert (a date typed as
 * 30/12/2026, a Boolean "maybe"), but the binding result that holds the message was made before
 * the record, without it. So a handler that added a message of its own to that result failed (an
 * {@code IllegalStateException}: a 500 for bad input), and a handler that put the form in the model
 * again dropped the result with its messages (the Share Image dialog came back without a word, and
 * what was typed was gone). Here the result is made again for the record, with the same errors, as
 * the handler's {@code BindingResult} parameter and the page see it; a field that failed still shows
 * what was typed (its error keeps the rejected value).
 *
 * <p>
 * A posted form that gives a field of one value twice ({@code visibility=PRIVATE&visibility=PUBLIC},
 * which only a forged form sends) is refused the same way, with the field's wrong-type message: Spring
 * would take one of the two without a word.
 *
 * <p>
 * A list's filter record (a GET with its query string) is built without Spring's per-request
 * reflection when it is the plain case ({@link QueryRecords}).
 */
final class ConstructedForms implements HandlerMethodArgumentResolver {

	private final ModelAttributeMethodProcessor delegate;

	ConstructedForms(ModelAttributeMethodProcessor delegate) {
		this.delegate = delegate;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return this.delegate.supportsParameter(parameter);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) throws Exception {
		if (parameter.getParameterType().isRecord() && request.getNativeRequest() instanceof HttpServletRequest http) {
			refuseNestedNames(http);
		}
		String name = ModelFactory.getNameForParameter(parameter);
		Object query = QueryRecords.resolve(parameter, name, container, request, binders);
		if (query != null) {
			return query;
		}
		Object form = this.delegate.resolveArgument(parameter, container, request, binders);
		String key = BindingResult.MODEL_KEY_PREFIX + name;
		if (form != null && container.getModel().get(key) instanceof BindingResult result && result.getTarget() == null) {
			WebDataBinder binder = binders.createBinder(request, form, name);
			result.getAllErrors().forEach(binder.getBindingResult()::addError);
			// The form first: putting it drops the old result; the new one is then the model's last
			// entry, where the handler's BindingResult parameter is looked up.
			container.getModel().put(name, form);
			container.getModel().put(key, binder.getBindingResult());
		}
		if (form != null && form.getClass().isRecord() && container.getModel().get(key) instanceof BindingResult result
				&& request.getNativeRequest() instanceof HttpServletRequest http
				&& !HttpMethod.GET.matches(http.getMethod())) {
			rejectRepeated(form.getClass().getRecordComponents(), http, name, result);
		}
		return form;
	}

	/**
	 * A field name with an index or a path ({@code name[0]}, {@code user.id}): no form of the console
	 * has one (a list is its name repeated), and Spring's binding of a record fails on them with an
	 * exception of its own, a 500 for bad input. Refused as what it is, before any binding.
	 */
	private static void refuseNestedNames(HttpServletRequest request) {
		for (String field : request.getParameterMap().keySet()) {
			if (field.indexOf('[') >= 0 || field.indexOf(']') >= 0 || field.indexOf('.') >= 0) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid_field", "problem.400.field",
						ApiExceptionHandler.shortened(field));
			}
		}
	}

	/** Each field of one value that the request gives more than once: a binding failure, as a wrong type is. */
	private static void rejectRepeated(RecordComponent[] fields, HttpServletRequest request, String name,
			BindingResult result) {
		for (RecordComponent field : fields) {
			String[] values = request.getParameterValues(field.getName());
			boolean several = field.getType().isArray() || Collection.class.isAssignableFrom(field.getType());
			if (values != null && values.length > 1 && !several && !result.hasFieldErrors(field.getName())) {
				result.addError(new FieldError(name, field.getName(), String.join(",", values), true,
						result.resolveMessageCodes("typeMismatch", field.getName()), null, null));
			}
		}
	}

}

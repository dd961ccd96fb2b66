package dev.berth.support;

import org.springframework.core.MethodParameter;
import org.springframework.validation.BindingResult;
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
		Object form = this.delegate.resolveArgument(parameter, container, request, binders);
		String name = ModelFactory.getNameForParameter(parameter);
		String key = BindingResult.MODEL_KEY_PREFIX + name;
		if (form != null && container.getModel().get(key) instanceof BindingResult result && result.getTarget() == null) {
			WebDataBinder binder = binders.createBinder(request, form, name);
			result.getAllErrors().forEach(binder.getBindingResult()::addError);
			// The form first: putting it drops the old result; the new one is then the model's last
			// entry, where the handler's BindingResult parameter is looked up.
			container.getModel().put(name, form);
			container.getModel().put(key, binder.getBindingResult());
		}
		return form;
	}

}

package dev.berth.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.ModelFactory;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * A form value of the wrong type (a date that is no date, a permission that does not exist) is a
 * 400 that shows the form again with the message next to the field. A form record that could not
 * be constructed is null in the model; it is rebuilt here from what was submitted, the failed
 * fields left empty, so that the page can render it.
 */
class BindingFailures implements HandlerInterceptor {

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView view) {
		if (view == null || view.wasCleared() || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
			return;
		}
		Map<String, Object> model = view.getModel();
		for (Object value : model.values().toArray()) {
			if (value instanceof BindingResult result && result.getFieldErrors().stream().anyMatch(FieldError::isBindingFailure)) {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				if (model.get(result.getObjectName()) == null && handler instanceof HandlerMethod method) {
					Class<?> type = formType(method, result.getObjectName());
					if (type != null && type.isRecord()) {
						model.put(result.getObjectName(), rebuilt(type, result));
					}
				}
			}
		}
	}

	/** The type of the handler's {@code @ModelAttribute} parameter of that name. */
	private static Class<?> formType(HandlerMethod method, String name) {
		for (MethodParameter parameter : method.getMethodParameters()) {
			ModelAttribute attribute = parameter.getParameterAnnotation(ModelAttribute.class);
			if (attribute != null && name.equals(ModelFactory.getNameForParameter(parameter))) {
				return parameter.getParameterType();
			}
		}
		return null;
	}

	private static Object rebuilt(Class<?> type, BindingResult result) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			Class<?> componentType = components[i].getType();
			Object value = result.hasFieldErrors(components[i].getName()) ? null
					: result.getFieldValue(components[i].getName());
			if (value != null && ClassUtils.isAssignableValue(componentType, value)) {
				values[i] = value;
			}
			else if (componentType.isPrimitive()) {
				values[i] = (componentType == boolean.class) ? Boolean.FALSE : 0;
			}
		}
		try {
			Constructor<?> canonical = type.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
			canonical.setAccessible(true);
			return canonical.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot rebuild the form " + type.getName(), ex);
		}
	}

}

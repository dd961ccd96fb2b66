package dev.berth.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A list's filter record built from its query string with what Spring learns about the record
 * once, not on every request.
 *
 * <p>
 * Spring MVC builds a record argument through its constructor, and for each request looks the
 * record's constructor up again ({@code Class.getRecordComponents}), reads each parameter's name
 * and annotations and works out whether it may be null (Kotlin, JSpecify): reflection the JDK does
 * not cache. For a list page that was 9–13 % of the CPU of a request. Here the constructor and each
 * component's name, type and annotations (for {@code @DateTimeFormat}) are taken once per record
 * class, and each value is converted by the request's binder as Spring converts it.
 *
 * <p>
 * Only the plain case takes this way: a GET, a record of single values (text, numbers, Booleans,
 * enums, dates) without {@code @BindParam}, each value given at most once as a query parameter and
 * converted without error. Anything else — a value of the wrong type, a value given twice, a
 * field marker ({@code _name}, {@code !name}), a path variable or a header of a component's name
 * (Spring binds those too), a value named as the record itself, a constructor that refuses its
 * values — is left to Spring, so the record, the messages of a binding failure and the model are
 * always Spring's own.
 */
final class QueryRecords {

	private static final ClassValue<Optional<Plan>> PLANS = new ClassValue<>() {

		@Override
		protected Optional<Plan> computeValue(Class<?> type) {
			return Optional.ofNullable(Plan.of(type));
		}

	};

	private QueryRecords() {
	}

	/**
	 * The record for {@code parameter} built from the request and put in the model with its binding
	 * result, as Spring puts it; or null when the request is not the plain case (nothing changed).
	 */
	static Object resolve(MethodParameter parameter, String name, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binders) throws Exception {
		Plan plan = PLANS.get(parameter.getParameterType()).orElse(null);
		if (plan == null || container.containsAttribute(name) || !plainParameter(parameter)
				|| !(request.getNativeRequest() instanceof HttpServletRequest http) || !"GET".equals(http.getMethod())
				|| hasFieldMarkers(http)) {
			return null;
		}
		Map<?, ?> pathVariables = (Map<?, ?>) http.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (http.getParameter(name) != null || (pathVariables != null && pathVariables.containsKey(name))) {
			// Spring converts a value named as the whole record first.
			return null;
		}
		WebDataBinder converter = binders.createBinder(request, null, name);
		Object[] values = new Object[plan.names().length];
		for (int i = 0; i < values.length; i++) {
			String component = plan.names()[i];
			String[] given = http.getParameterValues(component);
			if (given == null) {
				if ((pathVariables != null && pathVariables.containsKey(component)) || http.getHeader(component) != null) {
					return null;
				}
				continue;
			}
			if (given.length != 1) {
				return null;
			}
			try {
				values[i] = converter.convertIfNecessary(given[0], plan.types()[i].getType(), plan.types()[i]);
			}
			catch (TypeMismatchException ex) {
				return null;
			}
		}
		Object form;
		try {
			form = BeanUtils.instantiateClass(plan.constructor(), values);
		}
		catch (RuntimeException ex) {
			return null;
		}
		Map<String, Object> model = binders.createBinder(request, form, name).getBindingResult().getModel();
		container.removeAttributes(model);
		container.addAllAttributes(model);
		return form;
	}

	/** {@code @ModelAttribute} at most, with binding on: nothing asks for validation or other handling. */
	private static boolean plainParameter(MethodParameter parameter) {
		ModelAttribute attribute = parameter.getParameterAnnotation(ModelAttribute.class);
		return parameter.getParameterAnnotations().length == ((attribute != null) ? 1 : 0)
				&& (attribute == null || attribute.binding());
	}

	private static boolean hasFieldMarkers(HttpServletRequest request) {
		for (String parameter : request.getParameterMap().keySet()) {
			if (parameter.startsWith(WebDataBinder.DEFAULT_FIELD_MARKER_PREFIX)
					|| parameter.startsWith(WebDataBinder.DEFAULT_FIELD_DEFAULT_PREFIX)) {
				return true;
			}
		}
		return false;
	}

	/** A record's canonical constructor, and each component's name and type with its annotations. */
	private record Plan(Constructor<?> constructor, String[] names, TypeDescriptor[] types) {

		/** Null for a class that is not such a record of single values. */
		static Plan of(Class<?> type) {
			if (!type.isRecord()) {
				return null;
			}
			RecordComponent[] components = type.getRecordComponents();
			Class<?>[] parameterTypes = new Class<?>[components.length];
			for (int i = 0; i < components.length; i++) {
				parameterTypes[i] = components[i].getType();
			}
			Constructor<?> constructor;
			try {
				constructor = type.getDeclaredConstructor(parameterTypes);
			}
			catch (NoSuchMethodException ex) {
				return null;
			}
			String[] names = new String[components.length];
			TypeDescriptor[] types = new TypeDescriptor[components.length];
			for (int i = 0; i < components.length; i++) {
				names[i] = components[i].getName();
				MethodParameter parameter = MethodParameter.forFieldAwareConstructor(constructor, i, names[i]);
				Class<?> valueType = parameterTypes[i];
				if (valueType.isPrimitive() || valueType.isArray() || !BeanUtils.isSimpleValueType(valueType)
						|| parameter.hasParameterAnnotation(BindParam.class)) {
					return null;
				}
				types[i] = new TypeDescriptor(parameter);
			}
			return new Plan(constructor, names, types);
		}

	}

}

package dev.berth.support;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ServletModelAttributeMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A list's filter record built from its query string is exactly the one Spring builds: the same
 * record, model and messages for every query, and Spring's own way whenever the query is not
 * the plain case.
 */
class QueryRecordsTests {

	enum Kind {

		PULL, PUSH

	}

	record Filter(String q, Integer page, Long after, Boolean shared, Kind kind,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from) {

		Filter {
			page = (page != null) ? Math.max(page, 1) : 1;
		}

	}

	record Capped(Integer page) {

		Capped {
			if (page != null && page > 100) {
				throw new IllegalArgumentException("past the last page");
			}
		}

	}

	void list(@ModelAttribute("filter") Filter filter, @ModelAttribute("filter") Capped capped) {
	}

	/** Filters Spring built itself. */
	final AtomicInteger builtBySpring = new AtomicInteger();

	final ServletModelAttributeMethodProcessor spring = new ServletModelAttributeMethodProcessor(false) {

		@Override
		protected void constructAttribute(WebDataBinder binder, NativeWebRequest request) {
			QueryRecordsTests.this.builtBySpring.incrementAndGet();
			super.constructAttribute(binder, request);
		}

	};

	final HandlerMethodArgumentResolver console = new ConstructedForms(this.spring);

	record Resolved(Object value, Object modelled, List<String> errors) {
	}

	static MethodParameter parameter(int index) throws NoSuchMethodException {
		Method list = QueryRecordsTests.class.getDeclaredMethod("list", Filter.class, Capped.class);
		return new MethodParameter(list, index);
	}

	static Resolved resolve(HandlerMethodArgumentResolver resolver, MethodParameter parameter,
			MockHttpServletRequest request) throws Exception {
		ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
		initializer.setConversionService(new DefaultFormattingConversionService());
		ModelAndViewContainer container = new ModelAndViewContainer();
		Object value;
		BindingResult result;
		try {
			value = resolver.resolveArgument(parameter, container, new ServletWebRequest(request),
					new ServletRequestDataBinderFactory(null, initializer));
			result = (BindingResult) container.getModel().get(BindingResult.MODEL_KEY_PREFIX + "filter");
		}
		catch (MethodArgumentNotValidException ex) {
			// What a handler without a BindingResult parameter gets (a 400).
			value = ex.getClass();
			result = ex.getBindingResult();
		}
		return new Resolved(value, container.getModel().get("filter"), result.getFieldErrors()
			.stream()
			.map(error -> error.getField() + " " + error.getCode() + " " + error.getRejectedValue())
			.toList());
	}

	static MockHttpServletRequest get(String query, Consumer<MockHttpServletRequest> more) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/images");
		request.setQueryString(query);
		for (String pair : query.split("&")) {
			if (!pair.isEmpty()) {
				int equals = pair.indexOf('=');
				request.addParameter(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		more.accept(request);
		return request;
	}

	/** The console's filter for the query, Spring's for the same query, and whether Spring built the console's. */
	Resolved sameAsSpring(String query, Consumer<MockHttpServletRequest> more, boolean plain) throws Exception {
		Resolved springs = resolve(this.spring, parameter(0), get(query, more));
		this.builtBySpring.set(0);

		Resolved consoles = resolve(this.console, parameter(0), get(query, more));

		assertThat(consoles).as(query).isEqualTo(springs);
		if (plain) {
			assertThat(consoles.modelled()).as(query).isSameAs(consoles.value());
		}
		assertThat(this.builtBySpring).as("built by Spring: " + query).hasValue(plain ? 0 : 1);
		return consoles;
	}

	@Test
	void plainQueriesThenTheSameFilterWithoutSpringsReflection() throws Exception {
		for (String query : List.of("", "q=nginx", "q=", "page=3", "page=", "page=-4", "shared=true", "shared=on",
				"kind=PULL", "from=2026-12-30", "unknown=1", "q=a%20b&page=2&after=100&shared=false&kind=PUSH&from=2026-01-01")) {
			sameAsSpring(query, request -> {
			}, true);
		}
		assertThat(sameAsSpring("q=nginx&page=3&from=2026-12-30", request -> {
		}, true).value()).isEqualTo(new Filter("nginx", 3, null, null, null, LocalDate.of(2026, 12, 30)));
	}

	@Test
	void valueOfTheWrongTypeThenSpringsMessages() throws Exception {
		for (String query : List.of("page=abc", "after=1.5", "kind=NOPE", "from=30/12/2026", "shared=maybe&q=x")) {
			Resolved resolved = sameAsSpring(query, request -> {
			}, false);
			assertThat(resolved.errors()).as(query).singleElement().asString().contains("typeMismatch");
		}
	}

	@Test
	void valueGivenTwiceOrMarkedThenSpringsWay() throws Exception {
		for (String query : List.of("page=1&page=2", "_shared=on", "!page=3", "q=x&_kind=", "filter=x")) {
			sameAsSpring(query, request -> {
			}, false);
		}
	}

	@Test
	void headerOrPathVariableOfAComponentsNameThenSpringsWay() throws Exception {
		Resolved header = sameAsSpring("q=x", request -> request.addHeader("Page", "7"), false);
		Resolved path = sameAsSpring("", request -> request
			.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("page", "3")), false);

		assertThat(((Filter) header.value()).page()).as("Spring binds a header too").isEqualTo(7);
		assertThat(((Filter) path.value()).page()).isEqualTo(3);
	}

	@Test
	void postThenSpringsWay() throws Exception {
		MockHttpServletRequest post = get("q=x", request -> request.setMethod("POST"));

		resolve(this.console, parameter(0), post);

		assertThat(this.builtBySpring).hasValue(1);
	}

	@Test
	void constructorRefusesThenSpringsFailure() throws Exception {
		MethodParameter capped = parameter(1);

		Throwable springs = catchThrowable(() -> resolve(this.spring, capped, get("page=101", request -> {
		})));

		assertThat(springs).isNotNull();
		assertThatThrownBy(() -> resolve(this.console, capped, get("page=101", request -> {
		}))).isInstanceOf(springs.getClass()).hasMessage(springs.getMessage());
		assertThat(resolve(this.console, capped, get("page=100", request -> {
		})).value()).isEqualTo(new Capped(100));
	}

}

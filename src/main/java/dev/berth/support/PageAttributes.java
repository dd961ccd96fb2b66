package dev.berth.support;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.ModelMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.SmartView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Attributes that every rendered page (or htmx fragment) has in its model, such as the layout's
 * header. A module declares them by extending this class as a bean.
 *
 * <p>
 * This replaces a {@code @ModelAttribute} method of a {@code @ControllerAdvice}, which Spring MVC
 * calls through reflection before every handler. That includes JSON, redirect and {@code /v2/token}
 * answers, which render no page. Resolving the methods and their arguments took about a tenth of a
 * token request's CPU (bench/RESULTS.md). Here the attributes are added once the handler has
 * chosen a page, and only then: never to a redirect, whose model would become its query string.
 */
public abstract class PageAttributes implements HandlerInterceptor, WebMvcConfigurer {

	@Override
	public final void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public final void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if (rendersPage(page)) {
			addTo(page.getModelMap());
		}
	}

	/** Adds this module's attributes to the model of a page about to be rendered. */
	protected abstract void addTo(ModelMap model);

	/** Whether a handler's answer is a page (or fragment) to render: not JSON, not a redirect. */
	static boolean rendersPage(ModelAndView answer) {
		if (answer == null || answer.wasCleared()) {
			return false;
		}
		String name = answer.getViewName();
		return (name != null) ? !name.startsWith("redirect:")
				: !(answer.getView() instanceof SmartView view && view.isRedirectView());
	}

}

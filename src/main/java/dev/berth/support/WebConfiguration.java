package dev.berth.support;

import java.time.Duration;

import org.apache.catalina.core.StandardHost;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.method.annotation.ModelAttributeMethodProcessor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * Spring MVC settings every module shares.
 *
 * <p>
 * Static assets (frontend-assets, packaged under {@code static/}, and the htmx webjar) are served
 * under content-hash URLs ({@code /css/berth-<hash>.css}, which the pages' {@code @{…}} links get
 * through {@link ResourceUrlEncodingFilter}) and cached by browsers for a year: a second page load
 * transfers only the HTML. Only these four paths are resource paths (no catch-all {@code /**},
 * {@code spring.web.resources.add-mappings=false}), so that the page links to the console's own
 * pages are not looked up as files.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	private static final CacheControl FOR_A_YEAR = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new BindingFailures());
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		for (String folder : new String[] { "css", "js", "img" }) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.setCacheControl(FOR_A_YEAR)
				.resourceChain(true)
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(FOR_A_YEAR)
			.resourceChain(true)
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"))
			.addResolver(new LiteWebJarsResourceResolver());
	}

	/** Form records keep their binding result when a value has the wrong type ({@link ConstructedForms}). */
	@Bean
	static BeanPostProcessor constructedForms() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getArgumentResolvers() != null) {
					adapter.setArgumentResolvers(adapter.getArgumentResolvers()
						.stream()
						.map(resolver -> (resolver instanceof ModelAttributeMethodProcessor forms)
								? new ConstructedForms(forms) : resolver)
						.toList());
				}
				return bean;
			}

		};
	}

	/**
	 * A path with an encoded slash ({@code /images/acme-apps%2Fnginx}) is passed on, for Spring
	 * Security's firewall to refuse, so that it gets the console's 400 (the error page, or a
	 * problem detail on the API) instead of Tomcat's bare one. No route of the console takes a
	 * slash inside a path segment.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
		return connector -> connector.setEncodedSolidusHandling("passthrough");
	}

	/** What Tomcat answers to a request it refuses itself: the console's words ({@link ContainerErrors}). */
	@Bean
	TomcatContextCustomizer containerErrors() {
		return context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ContainerErrors.class.getName());
			}
		};
	}

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		return new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
	}

}

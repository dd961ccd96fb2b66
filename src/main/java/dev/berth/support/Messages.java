package dev.berth.support;

import java.util.Arrays;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.env.Environment;

/**
 * The one way Java code reads user-facing text: the message bundles ({@code messages*.properties})
 * through a {@link MessageSourceAccessor}, in the request's locale.
 */
@Configuration(proxyBeanMethods = false)
public class Messages {

	/**
	 * The bundles of {@code spring.messages.basename}, read once and merged into one table per
	 * locale (the first bundle that has a code wins, as with Spring Boot's own message source). A
	 * page shows some sixty messages; Boot's source looked each one up bundle after bundle, a
	 * few per cent of a page's CPU time.
	 */
	@Bean
	ReloadableResourceBundleMessageSource messageSource(Environment environment) {
		String[] basenames = environment.getProperty("spring.messages.basename", String[].class,
				new String[] { "messages" });
		ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
		messages.setBasenames(Arrays.stream(basenames).map((basename) -> "classpath:" + basename.trim()).toArray(String[]::new));
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Bean
	MessageSourceAccessor messageSourceAccessor(MessageSource messageSource) {
		return new MessageSourceAccessor(messageSource);
	}

}

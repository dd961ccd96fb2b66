package dev.berth.support;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.MessageSourceAccessor;

/**
 * The one way Java code reads user-facing text: the message bundles ({@code messages*.properties})
 * through a {@link MessageSourceAccessor}, in the request's locale.
 */
@Configuration(proxyBeanMethods = false)
public class Messages {

	@Bean
	MessageSourceAccessor messageSourceAccessor(MessageSource messageSource) {
		return new MessageSourceAccessor(messageSource);
	}

}

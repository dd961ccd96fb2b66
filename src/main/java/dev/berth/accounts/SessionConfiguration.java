package dev.berth.accounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Which sessions a user has, so that a password change, a reset or a disable can end them: Spring
 * Session's repository when the sessions are in the database, else Spring Security's registry of
 * the servlet container's sessions (which needs the container's session events).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	@Bean
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	UserSessions userSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> repository, SessionRegistry registry) {
		return new UserSessions(repository.getIfAvailable(), registry);
	}

}

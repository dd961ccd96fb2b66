package dev.berth.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.berth.accounts.AccountLocks;
import dev.berth.demo.DemoData;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Grants;
import dev.berth.support.ClockConfiguration;
import dev.berth.support.InstallationLock;
import dev.berth.support.JdbcConfiguration;
import dev.berth.support.Messages;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What a {@code @DataJdbcTest} needs besides the repositories: the project's JDBC configuration
 * (unquoted identifiers), the clock, messages, the permission model and the demo data, which the
 * test context loads on start as the application does (each test's own changes are rolled back).
 * Put {@code @AutoConfigureTestDatabase(replace = NONE)} beside it (it does not work as a
 * meta-annotation here): the test configuration's in-memory H2 carries the application's H2 settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ImportAutoConfiguration(MessageSourceAutoConfiguration.class)
@Import({ JdbcConfiguration.class, ClockConfiguration.class, Messages.class, AccessPolicy.class, AccountLocks.class,
		Grants.class, DemoData.class, DemoUsers.class, DemoSlice.Passwords.class, InstallationLock.class })
public @interface DemoSlice {

	@TestConfiguration(proxyBeanMethods = false)
	class Passwords {

		@Bean
		PasswordEncoder passwordEncoder() {
			return PasswordEncoderFactories.createDelegatingPasswordEncoder();
		}

	}

}

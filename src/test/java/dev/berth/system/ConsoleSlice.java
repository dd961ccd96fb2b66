package dev.berth.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.berth.registry.RegistryProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} of a console controller needs besides the controller: the real
 * security configuration (form login, CSRF, the htmx entry point), the formats the templates use,
 * the registry addresses and the clock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ SecurityConfiguration.class, Formats.class, ClockConfiguration.class })
@EnableConfigurationProperties(RegistryProperties.class)
public @interface ConsoleSlice {

}

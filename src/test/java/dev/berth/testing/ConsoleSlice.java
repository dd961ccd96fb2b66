package dev.berth.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.berth.accounts.Regions;
import dev.berth.accounts.SecurityConfiguration;
import dev.berth.images.ImageDetails;
import dev.berth.images.ImageListParts;
import dev.berth.support.ClockConfiguration;
import dev.berth.support.FormatsDialect;
import dev.berth.support.Messages;
import dev.berth.support.RowsHtml;

import org.springframework.context.annotation.Import;

/**
 * What a {@code @WebMvcTest} of a console controller needs besides the controller: the real
 * security configuration (form login, CSRF, the htmx entry point), the formats, messages and rendered
 * rows the templates and controllers use, the regions and the clock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import({ SecurityConfiguration.class, FormatsDialect.class, Messages.class, ClockConfiguration.class, Regions.class,
		RowsHtml.class, ImageDetails.class, ImageListParts.class })
public @interface ConsoleSlice {

}

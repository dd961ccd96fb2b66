package dev.berth.support;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * The JSON API reads a request body as it is written: a field the request does not have, a field
 * given twice, or a value of another type ({@code "true"} or {@code 1} for {@code true}, {@code 5}
 * for a text) is a 400 that names the field ({@link ApiExceptionHandler}), and nothing changes.
 * Leniency had real costs: a share posted with {@code "valid_until"} instead of {@code "validUntil"}
 * was saved as permanently valid.
 *
 * <p>
 * Only the request bodies Spring MVC reads are held to this (the converter takes the place of
 * Boot's, and writes as it did). What the registry sends (notifications, manifests) is read with the
 * application's own mapper, as the registry writes it: a manifest with a key given twice, which the
 * registry stores, must not stop a reconciliation.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

	/**
	 * Spring MVC's JSON converter, in its place in the list (after the one for byte[] bodies), reading
	 * strictly; its subclasses (Spring Data's for projections, first in the list) are left alone.
	 */
	@Bean
	ServerHttpMessageConvertersCustomizer strictJsonRequestBodies(JsonMapper json) {
		JacksonJsonHttpMessageConverter strict = new JacksonJsonHttpMessageConverter(json.rebuild()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("texts-without-nul").addDeserializer(String.class, new TextsWithoutNul())
				.addDeserializer(LocalDate.class, new DatesAsWritten()))
			.build());
		return (builder) -> builder.configureMessageConvertersList((converters) -> converters
			.replaceAll((converter) -> (converter.getClass() == JacksonJsonHttpMessageConverter.class) ? strict : converter));
	}

	/** A text with a NUL character ({@code "\u0000"}): no name or text may hold one, and PostgreSQL refuses it. */
	static final class TextWithNul extends MismatchedInputException {

		TextWithNul(JsonParser parser) {
			super(parser, "A text holds a NUL character", String.class);
		}

	}

	/**
	 * A date is a text {@code "2026-12-31"} and nothing else: Jackson also takes {@code [2026,12,31]},
	 * a number of days, and a date and time whose time it drops ({@code "2026-12-31T23:30:00Z"} is a
	 * date in UTC that the client may have meant in another zone).
	 */
	private static final class DatesAsWritten extends ValueDeserializer<LocalDate> {

		@Override
		public LocalDate deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
			}
			String text = parser.getString();
			try {
				return LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw context.weirdStringException(text, LocalDate.class, "not a date as YYYY-MM-DD");
			}
		}

	}

	/** Texts as Jackson reads them, refusing a NUL character (a 400 that names the field, not a 500 from the database). */
	private static final class TextsWithoutNul extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			if (text != null && text.indexOf('\0') >= 0) {
				throw new TextWithNul(parser);
			}
			return text;
		}

	}

}

package dev.berth.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * At most {@link #value} characters as a person counts them (Unicode code points: an emoji is one),
 * as the forms' live counters count them, and as the value is saved: without the white space around
 * it (a description of one letter between a thousand spaces is one character). Bean Validation's
 * {@code @Size} counts UTF-16 units, in which an emoji is two: the counter showed 600/1000 where
 * {@code @Size(max = 1000)} refused. Null is valid (pair with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = MaxCharacters.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxCharacters {

	int value();

	String message() default "{dev.berth.support.MaxCharacters.message}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Counts the code points of the value stripped of its surrounding white space. */
	class Validator implements ConstraintValidator<MaxCharacters, CharSequence> {

		private int max;

		@Override
		public void initialize(MaxCharacters constraint) {
			this.max = constraint.value();
		}

		@Override
		public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			String saved = value.toString().strip();
			return saved.codePointCount(0, saved.length()) <= this.max;
		}

	}

}

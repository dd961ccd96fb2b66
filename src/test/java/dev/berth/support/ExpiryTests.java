package dev.berth.support;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A Valid Until in the words the lists show next to the UTC date, with the console's messages. */
class ExpiryTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

	private final ResourceBundleMessageSource messages = messages();

	@ParameterizedTest(name = "{0} seen on 2026-11-29: {1}")
	@CsvSource(nullValues = "none", value = { "none, never expires, true", "2026-11-29, expires today, true",
			"2026-11-30, expires tomorrow, true", "2026-12-11, expires in 12 days, true",
			// A share is valid through its Valid Until day and expired from 00:00 UTC the day after.
			"2026-11-28, expired today, false", "2026-11-27, expired yesterday, false",
			"2026-11-25, expired 3 days ago, false" })
	void validUntilThenWordsAndValidity(LocalDate validUntil, String words, boolean valid) {
		Expiry expiry = Expiry.of(validUntil, TODAY);

		String text = this.messages.getMessage(expiry.messageKey(), new Object[] { expiry.days() }, Locale.ENGLISH);

		assertThat(text).isEqualTo(words);
		assertThat(expiry.isValid()).isEqualTo(valid);
		assertThat(expiry.isPermanent()).isEqualTo(validUntil == null);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}

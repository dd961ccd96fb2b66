package dev.berth.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * What a new password must be (NIST SP 800-63B, 5.1.1.2): 12 to 128 characters (as a person
 * counts them, emoji included), not the user name, not one of the 10,000 most common passwords
 * (the bundled {@code accounts/common-passwords.txt}, compared without regard to case), nor one of them
 * or the user name with only digits and signs before or after it. No composition rules: any
 * character is allowed, spaces too.
 */
@Component
public class PasswordRules {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	static final String COMMON_PASSWORDS = "accounts/common-passwords.txt";

	/** What is not a letter at either end of a password. */
	private static final Pattern AROUND_A_WORD = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");

	private final Set<String> common;

	PasswordRules() {
		this.common = load();
	}

	/**
	 * A new password typed twice, in the form fields {@code password} and {@code confirm}: the first
	 * rule it breaks next to the first, or that the second differs next to the second.
	 */
	public void check(String password, String confirm, String username, Errors errors) {
		problem(password, username).ifPresent(code -> errors.rejectValue("password", code,
				new Object[] { MIN_LENGTH, MAX_LENGTH }, null));
		if (!errors.hasFieldErrors("password") && !Objects.equals(password, confirm)) {
			errors.rejectValue("confirm", "password.confirm.mismatch");
		}
	}

	/** The message code of the first rule the password breaks ({@code password.*}), if any. */
	public Optional<String> problem(String password, String username) {
		if (password == null || password.isEmpty()) {
			return Optional.of("password.blank");
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of("password.short");
		}
		if (length > MAX_LENGTH) {
			return Optional.of("password.long");
		}
		if (username != null && password.strip().equalsIgnoreCase(username)) {
			return Optional.of("password.username");
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			return Optional.of("password.common");
		}
		// The guesses come with digits and signs around a common word (password12345, !Dragon2026!).
		String word = AROUND_A_WORD.matcher(password).replaceAll("").toLowerCase(Locale.ROOT);
		if (!word.isEmpty() && (this.common.contains(word) || word.equalsIgnoreCase(username))) {
			return Optional.of("password.commonAdded");
		}
		return Optional.empty();
	}

	int commonCount() {
		return this.common.size();
	}

	private static Set<String> load() {
		Set<String> passwords = new HashSet<>(16_384);
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(COMMON_PASSWORDS).getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (!line.isEmpty() && !line.startsWith("#")) {
					passwords.add(line.toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + COMMON_PASSWORDS, ex);
		}
		return Set.copyOf(passwords);
	}

}

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
 * counts them, emoji included), no control characters, not the user name, not one of the 10,000
 * most common passwords (the bundled {@code accounts/common-passwords.txt}, compared without regard
 * to case), nor one of them, the user name or the console's name, repeated or with only digits and
 * signs before or after it; not a few characters repeated or a run (aaaa…, abab…, 1234…); never the
 * look of an access token ({@link TokenSecret#PREFIX}), which only token checks would see. No
 * composition rules: any other character is allowed, spaces too.
 */
@Component
public class PasswordRules {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	static final String COMMON_PASSWORDS = "accounts/common-passwords.txt";

	/** Fewer different characters than this, whatever the length, is a repetition (aaaa…, abab…). */
	static final int MIN_DISTINCT = 5;

	/** Words of this service that guessers try first, as they try the user name. */
	private static final Set<String> CONTEXT_WORDS = Set.of("berth", "registry", "docker");

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
		if (password.isBlank()) {
			return Optional.of("password.blank");
		}
		if (password.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.of("password.control");
		}
		if (TokenSecret.looksLikeToken(password)) {
			return Optional.of("password.token");
		}
		if (username != null && password.strip().equalsIgnoreCase(username)) {
			return Optional.of("password.username");
		}
		if (password.codePoints().distinct().count() < MIN_DISTINCT || isRun(password)) {
			return Optional.of("password.repetitive");
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			return Optional.of("password.common");
		}
		// The guesses come with digits and signs around a common word (password12345, !Dragon2026!),
		// or a word said twice (carolcarol1234).
		String word = AROUND_A_WORD.matcher(password).replaceAll("").toLowerCase(Locale.ROOT);
		if (!word.isEmpty() && (guessable(word, username) || guessable(repeatedUnit(word), username))) {
			return Optional.of("password.commonAdded");
		}
		return Optional.empty();
	}

	private boolean guessable(String word, String username) {
		return this.common.contains(word) || word.equalsIgnoreCase(username) || CONTEXT_WORDS.contains(word);
	}

	/** The shortest text the word repeats ("carol" for "carolcarol"), or the word itself. */
	static String repeatedUnit(String word) {
		int length = word.length();
		for (int unit = 1; unit <= length / 2; unit++) {
			if (length % unit == 0 && word.substring(0, unit).repeat(length / unit).equals(word)) {
				return word.substring(0, unit);
			}
		}
		return word;
	}

	/** Each character the next one up, or each the next one down (abcd…, 4321…; 9 is followed by 0). */
	static boolean isRun(String password) {
		int[] points = password.toLowerCase(Locale.ROOT).codePoints().toArray();
		return isRun(points, 1) || isRun(points, -1);
	}

	private static boolean isRun(int[] points, int step) {
		for (int i = 1; i < points.length; i++) {
			int expected = points[i - 1] + step;
			boolean digitWraps = points[i - 1] == (step > 0 ? '9' : '0') && points[i] == (step > 0 ? '0' : '9');
			if (points[i] != expected && !digitWraps) {
				return false;
			}
		}
		return true;
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

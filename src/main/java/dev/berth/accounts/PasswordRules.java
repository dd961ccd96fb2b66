package dev.berth.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

/**
 * What a new password must be (NIST SP 800-63B, 5.1.1.2): 12 to 128 characters (as a person
 * counts them, emoji included), no control characters, not the user name, not one of the 10,000
 * most common passwords (the bundled {@code accounts/common-passwords.txt}, compared without regard
 * to case), nor one of them or the user name with only digits and signs before or after it; never
 * the look of an access token ({@link TokenSecret#PREFIX}), which only token checks would see; and
 * not easy to guess by zxcvbn's estimate (repeats, runs, keyboard patterns, dates, dictionary words
 * and the user name, in any mix): at least {@link #MIN_GUESSES} guesses. No composition rules: any
 * other character is allowed, spaces too.
 */
@Component
public class PasswordRules {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	/**
	 * The fewest guesses zxcvbn may estimate for a password: "password password" and "alice alice
	 * alice" take fewer, four unrelated words far more.
	 */
	static final double MIN_GUESSES = 1e9;

	static final String COMMON_PASSWORDS = "accounts/common-passwords.txt";

	/** Words of this console that guessers try first, as they try the user name. */
	private static final List<String> CONTEXT_WORDS = List.of("berth", "registry", "docker", "container");

	/** What is not a letter at either end of a password. */
	private static final Pattern AROUND_A_WORD = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");

	private final Set<String> common;

	private final Zxcvbn strength = new Zxcvbn();

	PasswordRules() {
		this.common = load();
	}

	/**
	 * A new password typed twice, in the form fields {@code password} and {@code confirm}: the first
	 * rule it breaks next to the first, or that the second differs next to the second.
	 */
	public void check(String password, String confirm, String username, Errors errors) {
		reject(password, username, errors);
		if (!errors.hasFieldErrors("password") && !Objects.equals(password, confirm)) {
			errors.rejectValue("confirm", "password.confirm.mismatch");
		}
	}

	/** The first rule the password breaks, if any, next to the form field {@code password}. */
	public void reject(String password, String username, Errors errors) {
		problem(password, username).ifPresent(problem -> errors.rejectValue("password", problem.code(),
				new Object[] { MIN_LENGTH, MAX_LENGTH, problem.hint() }, null));
	}

	/** The first rule the password breaks, if any. */
	public Optional<Problem> problem(String password, String username) {
		if (password == null || password.isBlank()) {
			return Problem.of("password.blank");
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Problem.of("password.short");
		}
		if (length > MAX_LENGTH) {
			return Problem.of("password.long");
		}
		if (password.codePoints().anyMatch(Character::isISOControl)) {
			return Problem.of("password.control");
		}
		if (TokenSecret.looksLikeToken(password)) {
			return Problem.of("password.token");
		}
		if (username != null && password.strip().equalsIgnoreCase(username)) {
			return Problem.of("password.username");
		}
		if (this.common.contains(password.toLowerCase(Locale.ROOT))) {
			return Problem.of("password.common");
		}
		// The guesses come with digits and signs around a common word (password12345, !Dragon2026!).
		String word = AROUND_A_WORD.matcher(password).replaceAll("").toLowerCase(Locale.ROOT);
		if (!word.isEmpty() && (this.common.contains(word) || word.equalsIgnoreCase(username))) {
			return Problem.of("password.commonAdded");
		}
		List<String> context = new ArrayList<>(CONTEXT_WORDS);
		if (username != null) {
			context.add(username);
		}
		Strength estimate = this.strength.measure(password, context);
		if (estimate.getGuesses() < MIN_GUESSES) {
			String warning = estimate.getFeedback().getWarning(Locale.ENGLISH);
			return (warning == null || warning.isBlank()) ? Problem.of("password.guessable")
					: Optional.of(new Problem("password.guessable.why", warning));
		}
		return Optional.empty();
	}

	/** A broken rule: its message code, and for a guessable password what makes it so (zxcvbn's words). */
	public record Problem(String code, String hint) {

		static Optional<Problem> of(String code) {
			return Optional.of(new Problem(code, ""));
		}

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

package dev.berth.accounts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** NIST SP 800-63B: 12–128 characters, not the user name, not a common password, no composition rules. */
class PasswordRulesTests {

	static final PasswordRules RULES = new PasswordRules();

	@Test
	void lengthWhenUnder12OrOver128CharactersThenRefusedAndBetweenAccepted() {
		assertThat(code("a".repeat(5) + "b".repeat(6), "frank")).contains("password.short");
		assertThat(code("plain words 12", "frank")).isEmpty();
		String sentences = ("tangerine dusk over harbor cranes " + "while seventeen gulls argue about rope ").repeat(2);
		assertThat(code(sentences.substring(0, 128), "frank")).isEmpty();
		assertThat(code(sentences.substring(0, 129), "frank")).contains("password.long");
		assertThat(code("", "frank")).contains("password.blank");
	}

	@Test
	void lengthCountsCharactersAsAPersonDoesEmojiIncluded() {
		String twelveEmoji = "🐳🐋🐬🐟🐠🐡🦈🐙🦑🦀🦞🦐";
		assertThat(twelveEmoji.length()).isEqualTo(24);
		assertThat(code(twelveEmoji.substring(0, 22), "frank")).contains("password.short");
		assertThat(code(twelveEmoji, "frank")).isEmpty();
		assertThat(code(twelveEmoji.repeat(10) + twelveEmoji.substring(0, 16), "frank")).isEmpty();
	}

	@Test
	void passwordWhenTheUserNameInAnyCaseThenRefused() {
		assertThat(code("frank.the.tank", "frank.the.tank")).contains("password.username");
		assertThat(code("FRANK.THE.TANK", "frank.the.tank")).contains("password.username");
	}

	@Test
	void passwordWhenOneOfTheTenThousandMostCommonInAnyCaseThenRefused() {
		assertThat(RULES.commonCount()).isEqualTo(10_000);
		assertThat(code("qwerty123456", "frank")).contains("password.common");
		assertThat(code("1QAZ2WSX3EDC", "frank")).contains("password.common");
		assertThat(code("leavemealone", "frank")).contains("password.common");
	}

	/** The first guesses: a common password or the user name with digits and signs around it. */
	@Test
	void passwordWhenACommonOneOrTheUserNameWithDigitsOrSignsAddedThenRefused() {
		assertThat(code("password12345", "frank")).contains("password.commonAdded");
		assertThat(code("!Dragon2026!!", "frank")).contains("password.commonAdded");
		assertThat(code("2026-frankie-2026", "frankie")).contains("password.commonAdded");
		assertThat(code("password12345 horse", "frank")).as("another word after the digits").isEmpty();
		assertThat(code("12 plain words 34", "frank")).isEmpty();
	}

	/**
	 * NIST's "repetitive or sequential characters", and whatever else zxcvbn finds easy to guess,
	 * digits and signs added or not: the guesser's first tries, whatever their length.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "!!!!!!!!!!!!", "abababababab", "abcdefghijklmn", "9876543210987", "abcdefghijkm",
			"abcdefghijkl1", "aaaaaaaaaaaa1234", "alice alice alice", "password password", "docker!docker!",
			"1234 1234 1234", "carolcarol1234", "CarolCarolCarol", "Berth2026-12-04", "qwertyuiopasdf",
			"registry registry" })
	void passwordWhenEasyToGuessThenRefused(String password) {
		assertThat(code(password, "alice").orElse("accepted")).as(password).startsWith("password.guessable");
	}

	@Test
	void passwordWhenEasyToGuessThenTheMessageSaysWhatMakesItSo() {
		assertThat(RULES.problem("abcdefghijklmn", "frank")).get()
			.isEqualTo(new PasswordRules.Problem("password.guessable.why", "Sequences like abc or 6543 are easy to guess."));
	}

	@Test
	void passwordWhenBlankOrWithControlCharactersThenRefused() {
		assertThat(code(" ".repeat(12), "frank")).contains("password.blank");
		assertThat(code("plain words\u000012", "frank")).contains("password.control");
		assertThat(code("plain\twords 12", "frank")).contains("password.control");
		assertThat(code("plain words\n12", "frank")).contains("password.control");
	}

	/** Such a password would be checked as an access token by docker login and never work there. */
	@Test
	void passwordWhenItStartsAsAnAccessTokenThenRefused() {
		assertThat(code(TokenSecret.PREFIX + "my own words", "frank")).contains("password.token");
		assertThat(code(TokenSecret.generate(), "frank")).contains("password.token");
		assertThat(code("my berth_pat_ words", "frank")).isEmpty();
	}

	@Test
	void noCompositionRulesSpacesAndAnyScriptAllowed() {
		assertThat(code("carol and her cat", "carol")).isEmpty();
		assertThat(code("correct horse battery staple", "frank")).isEmpty();
		assertThat(code("ночь улица фонарь", "frank")).isEmpty();
		assertThat(code("alllowercaseletters", "frank")).isEmpty();
	}

	static java.util.Optional<String> code(String password, String username) {
		return RULES.problem(password, username).map(PasswordRules.Problem::code);
	}

	@Test
	void namesFollowTheOrganizationRulesAndAUserNameNeverTheConsolesOwn() {
		assertThat(Names.accountNameProblem("hooli")).isEmpty();
		assertThat(Names.accountNameProblem("Hooli")).contains("account.name.characters");
		assertThat(Names.accountNameProblem("9lives")).contains("account.name.start");
		assertThat(Names.accountNameProblem("a--b")).contains("account.name.separators");
		assertThat(Names.accountNameProblem("a".repeat(65))).contains("account.name.length");
		assertThat(Names.usernameProblem("heidi:x")).contains("user.name.characters");
		assertThat(Names.usernameProblem("berth-console")).contains("user.name.reserved");
		assertThat(Names.usernameProblem("")).contains("user.name.blank");
	}

}

package dev.berth.accounts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NIST SP 800-63B: 12–128 characters, not the user name, not a common password, no composition rules. */
class PasswordRulesTests {

	static final PasswordRules RULES = new PasswordRules();

	@Test
	void lengthWhenUnder12OrOver128CharactersThenRefusedAndBetweenAccepted() {
		assertThat(RULES.problem("a".repeat(5) + "b".repeat(6), "frank")).contains("password.short");
		assertThat(RULES.problem("plain words 12", "frank")).isEmpty();
		assertThat(RULES.problem("wxyz ".repeat(25) + "end", "frank")).isEmpty();
		assertThat(RULES.problem("wxyz ".repeat(25) + "ends", "frank")).contains("password.long");
		assertThat(RULES.problem("", "frank")).contains("password.blank");
	}

	@Test
	void lengthCountsCharactersAsAPersonDoesEmojiIncluded() {
		String twelveEmoji = "🐳🐋🐬🐟🐠🐡🦈🐙🦑🦀🦞🦐";
		assertThat(twelveEmoji.length()).isEqualTo(24);
		assertThat(RULES.problem(twelveEmoji.substring(0, 22), "frank")).contains("password.short");
		assertThat(RULES.problem(twelveEmoji, "frank")).isEmpty();
		assertThat(RULES.problem(twelveEmoji.repeat(10) + twelveEmoji.substring(0, 16), "frank")).isEmpty();
	}

	@Test
	void passwordWhenTheUserNameInAnyCaseThenRefused() {
		assertThat(RULES.problem("frank.the.tank", "frank.the.tank")).contains("password.username");
		assertThat(RULES.problem("FRANK.THE.TANK", "frank.the.tank")).contains("password.username");
	}

	@Test
	void passwordWhenOneOfTheTenThousandMostCommonInAnyCaseThenRefused() {
		assertThat(RULES.commonCount()).isEqualTo(10_000);
		assertThat(RULES.problem("qwerty123456", "frank")).contains("password.common");
		assertThat(RULES.problem("1QAZ2WSX3EDC", "frank")).contains("password.common");
		assertThat(RULES.problem("leavemealone", "frank")).contains("password.common");
	}

	/** The first guesses: a common password or the user name with digits and signs around it. */
	@Test
	void passwordWhenACommonOneOrTheUserNameWithDigitsOrSignsAddedThenRefused() {
		assertThat(RULES.problem("password12345", "frank")).contains("password.commonAdded");
		assertThat(RULES.problem("!Dragon2026!!", "frank")).contains("password.commonAdded");
		assertThat(RULES.problem("2026-frankie-2026", "frankie")).contains("password.commonAdded");
		assertThat(RULES.problem("password12345 horse", "frank")).as("another word after the digits").isEmpty();
		assertThat(RULES.problem("12 plain words 34", "frank")).isEmpty();
	}

	/** NIST's "repetitive or sequential characters": the guesser's first tries, whatever their length. */
	@Test
	void passwordWhenAFewCharactersRepeatedOrARunThenRefused() {
		assertThat(RULES.problem("!!!!!!!!!!!!", "frank")).contains("password.repetitive");
		assertThat(RULES.problem("abababababab", "frank")).contains("password.repetitive");
		assertThat(RULES.problem("aaaa bbbb cccc", "frank")).as("four different characters").contains("password.repetitive");
		assertThat(RULES.problem("abcdefghijklmn", "frank")).contains("password.repetitive");
		assertThat(RULES.problem("9876543210987", "frank")).as("down, 0 followed by 9").contains("password.repetitive");
		assertThat(RULES.problem("aaaa bbbb cccd", "frank")).as("five different characters").isEmpty();
		assertThat(RULES.problem("abcdefghijkm", "frank")).as("one step out of the run").isEmpty();
	}

	@Test
	void passwordWhenBlankOrWithControlCharactersThenRefused() {
		assertThat(RULES.problem(" ".repeat(12), "frank")).contains("password.blank");
		assertThat(RULES.problem("plain words\u000012", "frank")).contains("password.control");
		assertThat(RULES.problem("plain\twords 12", "frank")).contains("password.control");
		assertThat(RULES.problem("plain words\n12", "frank")).contains("password.control");
	}

	/** Such a password would be checked as an access token by docker login and never work there. */
	@Test
	void passwordWhenItStartsAsAnAccessTokenThenRefused() {
		assertThat(RULES.problem(TokenSecret.PREFIX + "my own words", "frank")).contains("password.token");
		assertThat(RULES.problem(TokenSecret.generate(), "frank")).contains("password.token");
		assertThat(RULES.problem("my berth_pat_ words", "frank")).isEmpty();
	}

	@Test
	void passwordWhenTheUserNameACommonWordOrTheConsolesNameRepeatedThenRefused() {
		assertThat(RULES.problem("carolcarol1234", "carol")).contains("password.commonAdded");
		assertThat(RULES.problem("CarolCarolCarol", "carol")).contains("password.commonAdded");
		assertThat(RULES.problem("dragondragon!", "frank")).contains("password.commonAdded");
		assertThat(RULES.problem("Berth2026-12-04", "frank")).contains("password.commonAdded");
		assertThat(RULES.problem("carol and her cat", "carol")).isEmpty();
	}

	@Test
	void noCompositionRulesSpacesAndAnyScriptAllowed() {
		assertThat(RULES.problem("correct horse battery staple", "frank")).isEmpty();
		assertThat(RULES.problem("ночь улица фонарь", "frank")).isEmpty();
		assertThat(RULES.problem("alllowercaseletters", "frank")).isEmpty();
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

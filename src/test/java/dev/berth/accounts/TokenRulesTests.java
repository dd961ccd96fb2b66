package dev.berth.accounts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.berth.accounts.TokenRules.Checked;
import dev.berth.accounts.TokenRules.TokenForm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a new token: one message per field, nothing created when one is broken. */
class TokenRulesTests {

	static final LocalDate TODAY = LocalDate.parse("2026-11-29");

	static final Map<Long, String> ORGANIZATIONS = Map.of(1L, "acme-apps", 2L, "acme-tools");

	@Test
	void defaultsThenPullEverythingForNinetyDays() {
		Checked checked = check(TokenForm.defaults().withName("ci"), false);

		assertThat(checked.ok()).isTrue();
		assertThat(checked.token().expiresOn()).isEqualTo(TODAY.plusDays(90));
		assertThat(checked.token().push()).isFalse();
		assertThat(checked.token().allOrganizations()).isTrue();
		assertThat(checked.token().sharedImages()).isTrue();
	}

	@Test
	void thirtyAndThreeHundredSixtyFiveDaysThenThatDay() {
		assertThat(check(form("ci", "30", "", "pull", "all"), false).token().expiresOn()).isEqualTo(TODAY.plusDays(30));
		assertThat(check(form("ci", "365", "", "pull", "all"), false).token().expiresOn()).isEqualTo(TODAY.plusDays(365));
	}

	@Test
	void overLongNameThenMessageNextToTheName() {
		Checked checked = check(form("n".repeat(65), "90", "", "pull", "all"), false);

		assertThat(checked.ok()).isFalse();
		assertThat(checked.token()).isNull();
		assertThat(checked.problems()).extracting(TokenRules.Problem::field, TokenRules.Problem::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("name", "token.name.length"));
	}

	/** Characters as a person counts them: 64 emoji fit (33 were refused as 66), 65 do not. */
	@Test
	void emojiNameThenCountedAsCharacters() {
		assertThat(check(form("🚢".repeat(64), "90", "", "pull", "all"), false).ok()).isTrue();
		assertThat(check(form("🚢".repeat(65), "90", "", "pull", "all"), false).problems())
			.extracting(TokenRules.Problem::code, problem -> problem.arguments()[1])
			.containsExactly(org.assertj.core.groups.Tuple.tuple("token.name.length", 65));
	}

	@Test
	void nameWithAControlOrADirectionCharacterThenRefused() {
		for (String name : new String[] { "ci\u0000", "ci\u202Etxt.exe", "ci\u2066", "ci\uD800x", "x\uDC00" }) {
			assertThat(codes(check(form(name, "90", "", "pull", "all"), false))).containsExactly("token.name.characters");
		}
		assertThat(check(form("ci 👩‍💻", "90", "", "pull", "all"), false).ok()).isTrue();
	}

	@Test
	void blankOrTakenNameThenRefused() {
		assertThat(codes(check(form("  ", "90", "", "pull", "all"), false))).containsExactly("token.name.blank");
		assertThat(codes(TokenRules.check(form("ci", "90", "", "pull", "all"), TODAY, false, ORGANIZATIONS, Set.of("ci"))))
			.containsExactly("token.name.taken");
	}

	@Test
	void pastDateThenMessageNextToTheDate() {
		Checked checked = check(form("ci", "date", "2026-11-28", "pull", "all"), false);

		assertThat(checked.problems()).extracting(TokenRules.Problem::field).containsExactly("expiresOn");
		assertThat(codes(checked)).containsExactly("token.expiresOn.past");
	}

	@Test
	void todayThenValidThroughTheEndOfToday() {
		assertThat(check(form("ci", "date", "2026-11-29", "pull", "all"), false).token().expiresOn()).isEqualTo(TODAY);
	}

	@Test
	void badOrFarDateThenRefused() {
		assertThat(codes(check(form("ci", "date", "29.11.2026", "pull", "all"), false))).containsExactly("token.expiresOn.invalid");
		assertThat(codes(check(form("ci", "date", "", "pull", "all"), false))).containsExactly("token.expiresOn.blank");
		assertThat(codes(check(form("ci", "date", "2030-01-01", "pull", "all"), false))).containsExactly("token.expiresOn.tooFar");
		assertThat(check(form("ci", "date", "2030-01-01", "pull", "all"), true).ok()).isTrue();
		assertThat(codes(check(form("ci", "date", "+999999999-12-31", "pull", "all"), true)))
			.as("past the last four-digit year, even where no expiry is allowed").containsExactly("token.expiresOn.tooFar");
	}

	@Test
	void noExpiryOnlyWhereTheAccountAllowsIt() {
		assertThat(codes(check(form("ci", "never", "", "pull", "all"), false))).containsExactly("token.expiry.neverNotAllowed");
		Checked allowed = check(form("ci", "never", "", "pull", "all"), true);
		assertThat(allowed.ok()).isTrue();
		assertThat(allowed.token().expiresOn()).isNull();
	}

	@Test
	void unknownExpiryOrScopeThenRefused() {
		assertThat(codes(check(form("ci", "7", "", "pull", "all"), false))).containsExactly("token.expiry.invalid");
		assertThat(codes(check(form("ci", "90", "", "delete", "all"), false))).containsExactly("token.scope.invalid");
		assertThat(codes(check(form("ci", "90", "", "pull", "everything"), false))).containsExactly("token.reach.invalid");
	}

	@Test
	void sharedImagesOnlyThenPullOnly() {
		Checked pull = check(form("ci", "90", "", "pull", "shared"), false);
		assertThat(pull.ok()).isTrue();
		assertThat(pull.token().allOrganizations()).isFalse();
		assertThat(pull.token().organizationIds()).isEmpty();
		assertThat(pull.token().sharedImages()).isTrue();

		assertThat(codes(check(form("ci", "90", "", "push", "shared"), false))).containsExactly("token.scope.sharedPullOnly");
	}

	@Test
	void someOrganizationsThenThoseOfTheAccountOnly() {
		TokenForm some = new TokenForm("ci", "90", "", "push", "organizations", List.of("acme-tools"), false);
		Checked checked = check(some, false);
		assertThat(checked.token().organizationIds()).containsExactly(2L);
		assertThat(checked.token().sharedImages()).isFalse();
		assertThat(checked.token().push()).isTrue();

		assertThat(codes(check(new TokenForm("ci", "90", "", "pull", "organizations", List.of("globex-apps"), true), false)))
			.containsExactly("token.organizations.unknown");
		assertThat(codes(check(new TokenForm("ci", "90", "", "pull", "organizations", null, true), false)))
			.containsExactly("token.organizations.none");
	}

	private static TokenForm form(String name, String expiry, String date, String scope, String reach) {
		return new TokenForm(name, expiry, date, scope, reach, List.of(), true);
	}

	private static Checked check(TokenForm form, boolean withoutExpiry) {
		return TokenRules.check(form, TODAY, withoutExpiry, ORGANIZATIONS, Set.of());
	}

	private static List<String> codes(Checked checked) {
		return checked.problems().stream().map(TokenRules.Problem::code).toList();
	}

}

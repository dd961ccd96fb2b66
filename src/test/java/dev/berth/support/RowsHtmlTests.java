package dev.berth.support;

import dev.berth.testing.PageText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML rendered once is ASCII, and reads back as the characters it was rendered with: dashes,
 * Latin-1 letters, other scripts, and characters outside the Basic Multilingual Plane (a surrogate
 * pair becomes one reference, which a browser reads as one character). It keeps no indentation
 * between tags, and every character a browser shows.
 */
class RowsHtmlTests {

	@Test
	void asciiOnlyWhenCharactersBeyondAsciiThenEachIsOneReferenceAndReadsBack() {
		String html = "<td title=\"Für das ML-Team — café\">1–10 of 24 · 🚀 ночь</td>";

		String ascii = RowsHtml.asciiOnly(html);

		assertThat(ascii).isEqualTo("<td title=\"F&#252;r das ML-Team &#8212; caf&#233;\">1&#8211;10 of 24 &#183; "
				+ "&#128640; &#1085;&#1086;&#1095;&#1100;</td>");
		assertThat(ascii.chars()).allMatch((c) -> c < 0x80);
		assertThat(PageText.of(ascii)).isEqualTo(html);
	}

	@Test
	void asciiOnlyWhenAlreadyAsciiThenTheSameString() {
		String html = "<a href=\"/images?page=2\">Next</a>";

		assertThat(RowsHtml.asciiOnly(html)).isSameAs(html);
	}

	@Test
	void withoutIndentationWhenWhitespaceBetweenTagsHoldsALineBreakThenOneLineBreak() {
		String html = "\n  <tr data-account=\"globex\">\n        <td title=\"two\n  lines\">CI\n   pulls</td>\n\n"
				+ "        <td><b>a</b> <i>b</i></td>\n  </tr>\n";

		assertThat(RowsHtml.withoutIndentation(html)).isEqualTo("<tr data-account=\"globex\">\n<td title=\"two\n  lines\">"
				+ "CI\n   pulls</td>\n<td><b>a</b> <i>b</i></td>\n</tr>");
	}

}

package dev.berth.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hamcrest.MatcherAssert;

import org.springframework.test.web.servlet.ResultMatcher;

/**
 * A page's text with its characters as a browser reads them. The parts of a page rendered once
 * (support.RowsHtml: the rows of the lists, their pagers, an image's head) write each character
 * beyond ASCII as a numeric character reference ({@code 1&#8211;10 of 24}); tests that read the
 * HTML itself read those back as characters here ({@code 1–10 of 24}).
 */
public final class PageText {

	private static final Pattern REFERENCE = Pattern.compile("&#(\\d+);");

	private PageText() {
	}

	/** The HTML with its decimal character references read as the characters they stand for. */
	public static String of(String html) {
		Matcher references = REFERENCE.matcher(html);
		return references.replaceAll(
				(reference) -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(reference.group(1)))));
	}

	/** Like {@code content().string(matcher)}, on the response's HTML with its references read. */
	public static ResultMatcher pageText(org.hamcrest.Matcher<? super String> matcher) {
		return (result) -> MatcherAssert.assertThat("Response content", of(result.getResponse().getContentAsString()),
				matcher);
	}

}

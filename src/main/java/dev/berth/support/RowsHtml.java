package dev.berth.support;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.IWebExchange;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The rows of the long lists (My Images, Images From Others, Activity, an image's Tags and Sharing
 * tabs and its sharing history) as HTML, each rendered once for what it shows: the fragment
 * {@code row} of the list's template, with the row as the variable {@code row}. The page inserts
 * them, one after the other, with one {@code th:utext}.
 *
 * <p>
 * A row has about 25 Thymeleaf attributes (links, messages, formatted figures), and rendering them
 * was most of a list page's CPU time, every time someone opened, sorted or paged a list. A row's
 * HTML depends only on the row's values (records, compared by value: a change to the image, a
 * share or a new day makes a different row), the other variables the fragment reads, the locale and
 * the context path of its links; together they are the cache's key. So a change is never shown
 * stale, on any node, and an entry nobody asks for again ages out. At most
 * {@value #MAX_CHARACTERS} characters of rows are kept: some 4,000 rows, 8 MB of the heap.
 *
 * <p>
 * The HTML kept is ASCII: each character beyond it (a dash, an ellipsis, a name in any script) is
 * written as a numeric character reference, which browsers read as the character. One such
 * character made a row's string two bytes a character, and made Tomcat encode the rest of its 8 KB
 * buffer to UTF-8 one character at a time: about 4–7 % of the CPU of Activity and the Sharing tab,
 * whose rows hold dashes and ellipses. Nor does it keep the templates' indentation between tags:
 * a fifth of a row's characters, which a browser lays out as it would one line break.
 *
 * <p>
 * The parts around a list's rows (its toolbar, column heads and pager) are rendered the same way,
 * for the values they show: they were a quarter of a list page's CPU time once the rows were
 * cached. They depend on the list's filter and figures, not on its rows, so every page of a list
 * shares its toolbar and heads, and everybody who opens the first page of a list shares its pager
 * until the list's count changes.
 */
@Component
public class RowsHtml {

	static final int MAX_CHARACTERS = 8_000_000;

	/** Whitespace between two tags that holds a line break: the templates' indentation. */
	private static final Pattern INDENTATION = Pattern.compile(">\\s*\\n\\s*<");

	private final ITemplateEngine templates;

	private final Cache<Key, String> rendered = Caffeine.newBuilder()
		.maximumWeight(MAX_CHARACTERS)
		.weigher((Key key, String html) -> html.length())
		.build();

	RowsHtml(ITemplateEngine templates) {
		this.templates = templates;
	}

	/**
	 * The rows' HTML, one after the other in their order, for the current request: the fragment
	 * {@code row} of {@code template} with each row as {@code row} and the given variables (values
	 * compared by value, such as strings, numbers and records). The page inserts it whole: inserted
	 * row by row with {@code th:each}, each row cost Thymeleaf a variable set on the request and an
	 * element processed, about 6 % of the Sharing tab's CPU with its 50 rows.
	 */
	public String render(String template, List<?> rows, Map<String, Object> variables) {
		Locale locale = LocaleContextHolder.getLocale();
		ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
		HttpServletRequest request = current.getRequest();
		String contextPath = request.getContextPath();
		StringBuilder html = new StringBuilder();
		for (Object row : rows) {
			html.append(this.rendered.get(new Key(template, "row", row, variables, locale, contextPath),
					(key) -> render(key, current)));
		}
		return html.toString();
	}

	/**
	 * The HTML of the fragment {@code fragment} of {@code template} for the current request,
	 * rendered once for the given variables (values compared by value; null values allowed): the
	 * parts around a list's rows, such as its toolbar, its column heads and its pager, which are
	 * the same for every page of the list and every user who asks for it the same way.
	 */
	public String render(String template, String fragment, Map<String, ?> variables) {
		ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
		Key key = new Key(template, fragment, null, new HashMap<>(variables), LocaleContextHolder.getLocale(),
				current.getRequest().getContextPath());
		return this.rendered.get(key, (missing) -> render(missing, current));
	}

	private String render(Key key, ServletRequestAttributes current) {
		HttpServletRequest request = current.getRequest();
		IWebExchange exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, current.getResponse());
		Map<String, Object> variables = new HashMap<>(key.variables());
		if (key.row() != null) {
			variables.put("row", key.row());
		}
		// A web context keeps its variables as the request's attributes: they are put back as they
		// were, so that none outlives the row.
		Map<String, Object> before = new HashMap<>();
		variables.keySet().forEach((name) -> before.put(name, request.getAttribute(name)));
		try {
			return asciiOnly(withoutIndentation(this.templates.process(key.template(), Set.of(key.fragment()),
					new WebContext(exchange, key.locale(), variables))));
		}
		finally {
			before.forEach(request::setAttribute);
		}
	}

	/**
	 * The HTML with the whitespace between two tags that holds a line break written as one line
	 * break. Whitespace between tags is laid out as one space or none, whatever it holds, outside
	 * {@code <pre>} and {@code <textarea>}, which no row or part of a list has; text and attribute
	 * values are left as they are.
	 */
	static String withoutIndentation(String html) {
		return INDENTATION.matcher(html).replaceAll(">\n<").strip();
	}

	/**
	 * The HTML with each character beyond ASCII written as a decimal numeric character reference
	 * ({@code –} as {@code &#8211;}), a character outside the Basic Multilingual Plane as one
	 * reference, not two. Only the character data and attribute values of the HTML can hold such
	 * characters, and a browser reads a reference there as the character itself.
	 */
	static String asciiOnly(String html) {
		int first = 0;
		while (first < html.length() && html.charAt(first) < 0x80) {
			first++;
		}
		if (first == html.length()) {
			return html;
		}
		// The characters before the first beyond ASCII are as many code points.
		StringBuilder ascii = new StringBuilder(html.length() + 64).append(html, 0, first);
		html.codePoints().skip(first).forEach((c) -> {
			if (c < 0x80) {
				ascii.append((char) c);
			}
			else {
				ascii.append("&#").append(c).append(';');
			}
		});
		return ascii.toString();
	}

	private record Key(String template, String fragment, Object row, Map<String, ?> variables, Locale locale,
			String contextPath) {
	}

}

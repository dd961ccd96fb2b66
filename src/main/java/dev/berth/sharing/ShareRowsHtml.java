package dev.berth.sharing;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The Sharing tab's rows as HTML, each rendered once for what it shows (the fragment
 * {@code sharing/tab :: row}).
 *
 * <p>
 * A page of the tab has 50 rows of nine cells, about 40 Thymeleaf attributes each: rendering them
 * was half of the page's CPU time, every time an owner opened or sorted the tab. A row's HTML
 * depends only on the row's values (the share, whether it is valid today, its grantee's state,
 * its last pull), the locale, whether the viewer may manage the image, and the image's link for
 * shares; together they are the cache's key. A changed share, a new pull or a new day therefore
 * makes a new entry rather than showing a stale one, on every node alike, and an entry nobody
 * asks for again ages out. At most {@value #MAX_ROWS} rows (100 pages of the tab, about 10 MB).
 */
@Component
class ShareRowsHtml {

	static final int MAX_ROWS = 5_000;

	private static final Set<String> ROW = Set.of("row");

	private final ITemplateEngine templates;

	private final Cache<Key, String> rendered = Caffeine.newBuilder().maximumSize(MAX_ROWS).build();

	ShareRowsHtml(ITemplateEngine templates) {
		this.templates = templates;
	}

	/** The rows' HTML, in their order, for the current request's locale. */
	List<String> render(List<ShareRow> rows, boolean manage, String sharesUrl) {
		Locale locale = LocaleContextHolder.getLocale();
		return rows.stream().map((row) -> this.rendered.get(new Key(row, locale, manage, sharesUrl), this::render)).toList();
	}

	private String render(Key key) {
		Context context = new Context(key.locale());
		context.setVariable("s", key.row());
		context.setVariable("manage", key.manage());
		context.setVariable("sharesUrl", key.sharesUrl());
		return this.templates.process("sharing/tab", ROW, context);
	}

	private record Key(ShareRow row, Locale locale, boolean manage, String sharesUrl) {
	}

}

package dev.berth.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.berth.testing.ShareFixture;
import dev.berth.testing.browser.BrowserTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Dimension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At 390 px (a phone) no page of the console scrolls sideways: tables become stacked rows, the top
 * bar wraps, the region badge stays on one line. Every page is saved as a screenshot to look at.
 */
@Import(ShareFixture.class)
class PhoneLayoutBrowserIT extends BrowserTest {

	static final int PHONE = 390;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShareFixture fixture;

	@BeforeAll
	void phoneWidth() {
		this.driver.manage().window().setSize(new Dimension(PHONE, 844));
	}

	@BeforeEach
	void aShareToLookAt() {
		this.jdbc.sql("delete from image_share").update();
		this.jdbc.sql("delete from sharing_version").update();
		this.jdbc.sql("update image set share_count = 0").update();
		this.jdbc.sql("delete from audit_event").update();
		this.fixture.share("alice", "acme-apps/nginx", "globex", LocalDate.now(ZoneOffset.UTC).plusDays(12),
				"CI of globex pulls the web tier");
	}

	@Test
	void ownerPagesNeverScrollSideways() {
		loginAs("alice");
		long nginx = this.fixture.image("alice", "acme-apps/nginx").image().id();
		long share = this.jdbc.sql("select id from image_share").query(Long.class).single();
		assertFits(List.of("/images", "/images?shared=true", "/images/public", "/images/from-others",
				"/images/acme-apps/nginx", "/images/acme-apps/nginx?tab=pull", "/images/acme-apps/nginx?tab=sharing",
				"/images/acme-apps/nginx?tab=permissions", "/images/" + nginx + "/shares/new",
				"/images/" + nginx + "/shares/" + share + "/edit", "/images/" + nginx + "/shares/" + share + "/revoke",
				"/images/" + nginx + "/edit", "/shares/batch?image=" + nginx, "/organizations",
				"/organizations/acme-apps", "/activity", "/activity?from=bad", "/no-such-page"), "alice");
	}

	@Test
	void granteePagesNeverScrollSideways() {
		loginAs("carol");
		assertFits(List.of("/images/from-others", "/images/acme-apps/nginx", "/images/acme-apps/nginx?tab=pull",
				"/activity"), "carol");
	}

	@Test
	void loginPageFitsAndTheRegionBadgeStaysOnOneLine() {
		open("/login");
		assertThat(scrollWidth()).as("/login").isLessThanOrEqualTo(PHONE);
		loginAs("bob");
		open("/images");
		var badge = this.driver.findElement(By.cssSelector(".region-badge"));
		assertThat(badge.getSize().getHeight()).as("region badge on one line").isLessThan(36);
	}

	/**
	 * The menu and an image's tabs are one row each that scrolls sideways (not rows of links above
	 * every page), with the current item in full view, and the item the keyboard reaches too.
	 */
	@Test
	void menuAndTabsOneRowWithTheCurrentItemInView() {
		loginAs("alice");
		open("/profile");
		assertThat(rowsOf(".sidenav ul")).as("the menu's rows").isEqualTo(1);
		assertThat(inView(".sidenav a[aria-current]")).as("Profile, the current item, in view").isTrue();
		open("/images/acme-apps/nginx?tab=permissions");
		assertThat(rowsOf(".tabs")).as("the tabs' rows").isEqualTo(1);
		assertThat(inView(".tabs a[aria-current]")).as("Permissions, the current tab, in view").isTrue();
		open("/images/acme-apps/nginx");
		this.driver.findElement(By.cssSelector(".tabs a[aria-current]")).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB);
		waitFor().until(d -> "Permissions".equals(focused().getText()));
		assertThat(inView(".tabs a:focus")).as("the tab reached with Tab, in view").isTrue();
	}

	/**
	 * Commands wrap between words, after a "/" or ":" of an image reference, never at a hyphen
	 * ("acme-" / "apps") nor between a flag and its value ("-u" / "alice").
	 */
	@Test
	void commandsWrapBetweenWordsOnly() {
		loginAs("alice");
		open("/images/acme-apps/nginx?tab=pull");
		this.driver.findElements(By.cssSelector("details summary")).forEach(summary -> summary.click());
		@SuppressWarnings("unchecked")
		List<List<String>> commands = (List<List<String>>) this.driver.executeScript("""
				return [...document.querySelectorAll('.copy-field code')].filter(c => c.offsetParent).map(code => {
				  const lines = []; let top = null; const range = document.createRange();
				  const texts = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
				  for (let text = texts.nextNode(); text; text = texts.nextNode()) {
				    for (let i = 0; i < text.length; i++) {
				      range.setStart(text, i); range.setEnd(text, i + 1);
				      const box = range.getClientRects()[0];
				      if (!box) continue;
				      if (top === null || Math.abs(box.top - top) > 3) lines.push('');
				      top = box.top; lines[lines.length - 1] += text.data[i];
				    }
				  }
				  return lines;
				});""");
		assertThat(commands).as("the commands' lines").isNotEmpty();
		assertThat(commands.stream().filter(lines -> lines.size() > 1)).as("commands that wrap at %d px", PHONE).isNotEmpty();
		for (List<String> lines : commands) {
			assertThat(lines.subList(0, lines.size() - 1)).as(String.join("⏎", lines))
				.noneMatch(line -> line.endsWith("-") || line.matches(".*(^| )--?[a-z-]+ ?$"));
		}
	}

	/** How many lines the row's items take. */
	private long rowsOf(String row) {
		return (Long) this.driver.executeScript("""
				return new Set([...document.querySelector(arguments[0]).querySelectorAll('a')]
				  .map(a => Math.round(a.getBoundingClientRect().top))).size;""", row);
	}

	/** Whether the element lies whole within its scrolling row's visible box. */
	private boolean inView(String selector) {
		return (Boolean) this.driver.executeScript("""
				const item = document.querySelector(arguments[0]);
				const row = item.closest('.tabs, .sidenav ul').getBoundingClientRect();
				const box = item.getBoundingClientRect();
				return box.left >= row.left && box.right <= row.right;""", selector);
	}

	private void assertFits(List<String> pages, String user) {
		for (String page : pages) {
			open(page);
			waitFor().until(d -> !d.findElements(By.tagName("h1")).isEmpty());
			assertThat(scrollWidth()).as(page + " scrolls sideways at " + PHONE + " px").isLessThanOrEqualTo(PHONE);
			assertThat(labelsOverValues()).as(page + ": stacked cells whose label covers their value").isEmpty();
			screenshot("phone-" + user + page.replaceAll("[^a-z0-9]+", "-"));
		}
	}

	/**
	 * The stacked table cells (phone layout) whose label, drawn before the value, leaves the value no
	 * room: neither padded past the label's width nor below its line.
	 */
	@SuppressWarnings("unchecked")
	private List<String> labelsOverValues() {
		return (List<String>) this.driver.executeScript("""
				return [...document.querySelectorAll('table.stack td[data-label]')].filter(td => {
				  const label = getComputedStyle(td, '::before');
				  if (td.offsetParent === null || label.content === 'none') return false;
				  const cell = getComputedStyle(td);
				  return parseFloat(cell.paddingLeft) < parseFloat(label.width) && parseFloat(cell.paddingTop) < 12;
				}).map(td => td.closest('table').id + ' ' + td.dataset.label);""");
	}

	private long scrollWidth() {
		return (Long) this.driver.executeScript("return document.documentElement.scrollWidth");
	}

}

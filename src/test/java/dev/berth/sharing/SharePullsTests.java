package dev.berth.sharing;

import java.time.LocalDate;

import dev.berth.support.SqlCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the registry asks on a token request that rests on a share: whether a share lets the
 * grantee's users pull the image now (valid through the Valid Until day in UTC, the grantee account
 * enabled, the owner's shares not suspended), answered in the statement that finds the image.
 */
class SharePullsTests extends SharingTestBase {

	@Autowired
	ShareService service;

	@Autowired
	SharePulls sharePulls;

	@AfterEach
	void accountsBack() {
		this.jdbc.sql("update account set disabled_at = null, shares_suspended = false where name in ('acme', 'globex')")
			.update();
	}

	@Test
	void pullWhenSharedUntilTodayThenAllowedThroughTheLastMillisecondOnly() {
		share(LocalDate.parse("2026-11-29"));

		this.clock.set("2026-11-29T23:59:59.999Z");
		assertThat(globexPullsNginx()).isTrue();
		this.clock.set("2026-11-30T00:00:00Z");
		assertThat(globexPullsNginx()).isFalse();
	}

	@Test
	void pullWhenSharedPermanentlyThenAllowedYearsLaterForTheGranteeOnly() {
		share(null);
		this.clock.set("2031-06-01T12:00:00Z");

		assertThat(globexPullsNginx()).isTrue();
		assertThat(pullsNginx("acme")).isFalse();
	}

	@Test
	void pullWhenNotSharedThenNotAllowed() {
		assertThat(globexPullsNginx()).isFalse();
	}

	@Test
	void pullWhenGranteeAccountDisabledThenNotAllowedUntilEnabledAgain() {
		share(null);
		this.jdbc.sql("update account set disabled_at = current_timestamp where name = 'globex'").update();
		assertThat(globexPullsNginx()).isFalse();

		accountsBack();
		assertThat(globexPullsNginx()).isTrue();
	}

	@Test
	void pullWhenOwnerSharesSuspendedThenNotAllowed() {
		share(null);
		this.jdbc.sql("update account set shares_suspended = true where name = 'acme'").update();

		assertThat(globexPullsNginx()).isFalse();
	}

	@Test
	void imageFoundWhetherOrNotShared() {
		share(null);

		assertThat(this.catalog.findKey("acme-apps", "nginx", SqlCondition.NEVER)).get()
			.satisfies(nginx -> assertThat(nginx.id()).isEqualTo(imageId("acme-apps/nginx")))
			.satisfies(nginx -> assertThat(nginx.matches()).isFalse());
		assertThat(this.catalog.findKey("acme-apps", "nginx", this.sharePulls.pullableBy(accountId("initech"))))
			.get()
			.satisfies(nginx -> assertThat(nginx.matches()).isFalse());
		assertThat(this.catalog.findKey("acme-apps", "no-such-image", this.sharePulls.pullableBy(accountId("globex"))))
			.isEmpty();
	}

	private boolean globexPullsNginx() {
		return pullsNginx("globex");
	}

	private boolean pullsNginx(String account) {
		return this.catalog.findKey("acme-apps", "nginx", this.sharePulls.pullableBy(accountId(account)))
			.orElseThrow()
			.matches();
	}

	private void share(LocalDate validUntil) {
		this.clock.set("2026-11-29T08:00:00Z");
		this.service.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new ShareForm("globex", validUntil, validUntil == null, ""));
	}

}

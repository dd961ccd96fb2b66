package dev.berth.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts the demo's accounts and users back as they were after a test that created, disabled or
 * deleted some: only the four demo accounts, their five users and the operator, all enabled.
 */
public final class DemoTenants {

	private static final String DEMO_ACCOUNTS = "('acme', 'globex', 'initech', 'umbrella')";

	private static final String DEMO_USERS = "('alice', 'bob', 'carol', 'dave', 'erin', 'admin')";

	private DemoTenants() {
	}

	public static void restore(JdbcClient jdbc) {
		jdbc.sql("delete from app_user where username not in " + DEMO_USERS).update();
		jdbc.sql("delete from audit_event").update();
		jdbc.sql("delete from pull_event where puller_account_id in (select id from account where name not in "
				+ DEMO_ACCOUNTS + ")").update();
		jdbc.sql("delete from image_share where grantee_account_id in (select id from account where name not in "
				+ DEMO_ACCOUNTS + ")").update();
		// Their shares and history changed behind the sharing module: no Sharing tab is kept by its old version.
		jdbc.sql("delete from sharing_version").update();
		jdbc.sql("delete from account where name not in " + DEMO_ACCOUNTS).update();
		jdbc.sql("update account set disabled_at = null, shares_suspended = false, deleted_at = null").update();
		jdbc.sql("update app_user set disabled_at = null, password_change_required = false").update();
	}

}

package dev.berth.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.GrantTarget;
import dev.berth.organizations.Grants;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationDeleted;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.testing.DemoSlice;
import dev.berth.testing.DemoUsers;
import dev.berth.testing.Members;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Grant changes made by a user become audit events of the owning account, in the same transaction. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
@Import({ GrantAudit.class, AuditLog.class })
class GrantAuditTests {

	@Autowired
	Grants grants;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	DemoUsers demo;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void grantChangeAndRemoveByAliceThenThreeAuditEventsOfAcme() {
		BerthUser alice = this.demo.get("alice");
		BerthUser bob = this.demo.get("bob");
		Organization acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		long nginx = this.jdbc.sql("select id from image where name = 'nginx'").query(Long.class).single();
		GrantTarget image = GrantTarget.image(acmeApps, nginx, "acme-apps/nginx");

		this.grants.grant(alice, GrantTarget.organization(acmeApps), Members.of(bob), Permission.EDIT);
		this.grants.grant(alice, image, Members.of(bob), Permission.MANAGE);
		this.grants.revoke(alice, image, Members.of(bob));

		List<Map<String, Object>> events = this.jdbc
			.sql("select account_id, actor, action, organization_id, image_name, old_value, new_value, detail"
					+ " from audit_event order by id")
			.query()
			.listOfRows();
		assertThat(events).extracting(e -> e.get("ACTION"))
			.containsExactly("PERMISSION_CHANGED", "PERMISSION_GRANTED", "PERMISSION_REMOVED");
		assertThat(events.get(0)).containsEntry("ACTOR", "alice")
			.containsEntry("ACCOUNT_ID", acmeApps.accountId())
			.containsEntry("ORGANIZATION_ID", acmeApps.id())
			.containsEntry("IMAGE_NAME", "acme-apps")
			.containsEntry("OLD_VALUE", "Read")
			.containsEntry("NEW_VALUE", "Edit")
			.containsEntry("DETAIL", "User bob on organization acme-apps");
		assertThat(events.get(2)).containsEntry("IMAGE_NAME", "acme-apps/nginx")
			.containsEntry("OLD_VALUE", "Manage")
			.containsEntry("DETAIL", "User bob on this image");
	}

	@Test
	void organizationDeletedThenOnRecordWithThePermissionsThatWentWithIt() {
		Organization acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		Map<String, Permission> grants = new LinkedHashMap<>();
		grants.put("bob", Permission.READ);
		grants.put("frank", Permission.MANAGE);

		this.events.publishEvent(new OrganizationDeleted("alice", acmeApps.accountId(), 99, "acme-gone", grants));
		this.events.publishEvent(new OrganizationDeleted("alice", acmeApps.accountId(), 98, "acme-bare", Map.of()));

		assertThat(this.jdbc.sql("select image_name || ': ' || coalesce(detail, '-') from audit_event"
				+ " where action = 'ORGANIZATION_DELETED' order by id").query(String.class).list())
			.containsExactly("acme-gone: The permissions on it went with it: bob (Read), frank (Manage)", "acme-bare: -");
	}

	/** Granting what the user holds already changes nothing: no "Read → Read" in Activity. */
	@Test
	void grantWhenTheUserHoldsThatPermissionThenNothingAudited() {
		Organization acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		this.grants.grant(this.demo.get("alice"), GrantTarget.organization(acmeApps), Members.of(this.demo.get("bob")),
				Permission.READ);
		assertThat(this.jdbc.sql("select count(*) from audit_event").query(Integer.class).single()).isZero();
	}

	@Test
	void revokeWhenNoGrantThenNothingAudited() {
		Organization acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		assertThat(this.grants.revoke(this.demo.get("alice"), GrantTarget.organization(acmeApps), Members.of(this.demo.get("erin"))))
			.isFalse();
		assertThat(this.jdbc.sql("select count(*) from audit_event").query(Integer.class).single()).isZero();
	}

	@Test
	void grantByTheConsoleItselfThenNotAudited() {
		Organization acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		this.grants.grant(null, GrantTarget.organization(acmeApps), Members.of(this.demo.get("bob")), Permission.MANAGE);
		assertThat(this.jdbc.sql("select count(*) from audit_event").query(Integer.class).single()).isZero();
	}

}

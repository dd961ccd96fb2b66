package dev.berth.accounts;

import java.util.List;
import java.util.Map;

import dev.berth.system.DemoSlice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
class GrantsTests {

	@Autowired
	Grants grants;

	@Autowired
	UserRepository users;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void logOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void grantChangeAndRemoveByAliceThenThreeAuditEventsOfAcme() {
		loginAs("alice");
		long bob = this.users.findByUsername("bob").orElseThrow().id();
		long acmeApps = this.jdbc.sql("select id from organization where name = 'acme-apps'").query(Long.class).single();
		long nginx = this.jdbc.sql("select id from image where name = 'nginx'").query(Long.class).single();

		this.grants.grantOrganization(acmeApps, bob, Permission.EDIT);
		this.grants.grantImage(nginx, bob, Permission.MANAGE);
		this.grants.revokeImage(nginx, bob);

		List<Map<String, Object>> events = this.jdbc
			.sql("select actor, action, image_name, old_value, new_value, detail from audit_event order by id")
			.query()
			.listOfRows();
		assertThat(events).extracting(e -> e.get("ACTION"))
			.containsExactly("PERMISSION_CHANGED", "PERMISSION_GRANTED", "PERMISSION_REMOVED");
		assertThat(events.get(0)).containsEntry("ACTOR", "alice")
			.containsEntry("IMAGE_NAME", "acme-apps")
			.containsEntry("OLD_VALUE", "Read")
			.containsEntry("NEW_VALUE", "Edit")
			.containsEntry("DETAIL", "User bob on organization acme-apps");
		assertThat(events.get(2)).containsEntry("IMAGE_NAME", "acme-apps/nginx").containsEntry("OLD_VALUE", "Manage");
	}

	@Test
	void revokeWhenNoGrantThenNothingAudited() {
		loginAs("alice");
		long erin = this.users.findByUsername("erin").orElseThrow().id();
		long acmeApps = this.jdbc.sql("select id from organization where name = 'acme-apps'").query(Long.class).single();
		assertThat(this.grants.revokeOrganization(acmeApps, erin)).isFalse();
		assertThat(this.jdbc.sql("select count(*) from audit_event").query(Integer.class).single()).isZero();
	}

	private void loginAs(String username) {
		User user = this.users.findByUsername(username).orElseThrow();
		String account = this.jdbc.sql("select name from account where id = :id")
			.param("id", user.accountId())
			.query(String.class)
			.single();
		BerthUser principal = new BerthUser(user.id(), user.username(), null, user.accountId(), account, "eu-west-1",
				user.administrator());
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
					principal.getAuthorities()));
	}

}

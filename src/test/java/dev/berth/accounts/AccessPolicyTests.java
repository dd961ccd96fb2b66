package dev.berth.accounts;

import dev.berth.system.DemoSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Effective permission = the highest of administrator, organization grant and image grant; own account only. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
class AccessPolicyTests {

	@Autowired
	AccessPolicy policy;

	@Autowired
	Grants grants;

	@Autowired
	UserRepository users;

	@Autowired
	AccountRepository accounts;

	@Autowired
	JdbcClient jdbc;

	BerthUser alice;

	BerthUser bob;

	BerthUser carol;

	long acmeApps;

	long nginx;

	@BeforeEach
	void demo() {
		this.alice = user("alice");
		this.bob = user("bob");
		this.carol = user("carol");
		this.acmeApps = this.jdbc.sql("select id from organization where name = 'acme-apps'").query(Long.class).single();
		this.nginx = this.jdbc.sql("select id from image where name = 'nginx'").query(Long.class).single();
	}

	private BerthUser user(String username) {
		User user = this.users.findByUsername(username).orElseThrow();
		Account account = this.accounts.findById(user.accountId()).orElseThrow();
		return new BerthUser(user.id(), username, null, account.id(), account.name(), account.region(),
				user.administrator());
	}

	@Test
	void onImageWhenAdministratorThenManageWithoutAnyGrant() {
		assertThat(this.policy.onImage(this.alice, this.nginx)).contains(Permission.MANAGE);
		assertThat(this.policy.onOrganization(this.alice, this.acmeApps)).contains(Permission.MANAGE);
	}

	@Test
	void onImageWhenOrganizationGrantOnlyThenThatPermission() {
		assertThat(this.policy.onImage(this.bob, this.nginx)).contains(Permission.READ);
	}

	@Test
	void onImageWhenImageGrantIsHigherThenTheImageGrantWins() {
		this.grants.grantImage(this.nginx, this.bob.id(), Permission.MANAGE);
		assertThat(this.policy.onImage(this.bob, this.nginx)).contains(Permission.MANAGE);
		assertThat(this.policy.onOrganization(this.bob, this.acmeApps)).contains(Permission.READ);
	}

	@Test
	void onImageWhenOrganizationGrantIsHigherThenTheOrganizationGrantWins() {
		this.grants.grantImage(this.nginx, this.bob.id(), Permission.READ);
		this.grants.grantOrganization(this.acmeApps, this.bob.id(), Permission.EDIT);
		assertThat(this.policy.onImage(this.bob, this.nginx)).contains(Permission.EDIT);
	}

	@Test
	void onImageWhenGrantsRevokedThenNoPermission() {
		this.grants.grantImage(this.nginx, this.bob.id(), Permission.EDIT);
		assertThat(this.grants.revokeImage(this.nginx, this.bob.id())).isTrue();
		assertThat(this.grants.revokeOrganization(this.acmeApps, this.bob.id())).isTrue();
		assertThat(this.policy.onImage(this.bob, this.nginx)).isEmpty();
		assertThat(this.grants.revokeOrganization(this.acmeApps, this.bob.id())).isFalse();
	}

	@Test
	void onImageWhenAdministratorOfAnotherAccountThenNoPermission() {
		assertThat(this.policy.onImage(this.carol, this.nginx)).isEmpty();
		assertThat(this.policy.onOrganization(this.carol, this.acmeApps)).isEmpty();
	}

	@Test
	void onImageWhenImageMissingThenNoPermission() {
		assertThat(this.policy.onImage(this.alice, 987_654L)).isEmpty();
	}

	@Test
	void grantOrganizationWhenGrantedTwiceThenChangedNotDuplicated() {
		this.grants.grantOrganization(this.acmeApps, this.bob.id(), Permission.MANAGE);
		assertThat(this.grants.organizationMembers(this.acmeApps)).filteredOn(m -> m.username().equals("bob"))
			.singleElement()
			.satisfies(m -> assertThat(m.permission()).isEqualTo(Permission.MANAGE));
	}

	@Test
	void membersListOnlyUsersOfTheOwningAccount() {
		assertThat(this.grants.imageMembers(this.nginx)).extracting(Grants.Member::username)
			.containsExactly("alice", "bob");
	}

}

package dev.berth.organizations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.berth.accounts.AccessTokenScope;
import dev.berth.accounts.BerthUser;
import dev.berth.support.SqlCondition;
import dev.berth.testing.DemoSlice;
import dev.berth.testing.DemoUsers;
import dev.berth.testing.Members;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Effective permission = the highest of administrator, organization grant and image grant; own
 * account only; with an access token, only in the organizations it reaches.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
class AccessPolicyTests {

	static final List<String> DEMO_USERS = List.of("alice", "bob", "carol", "dave", "erin");

	@Autowired
	AccessPolicy policy;

	@Autowired
	Grants grants;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	DemoUsers demo;

	@Autowired
	JdbcClient jdbc;

	BerthUser alice;

	BerthUser bob;

	BerthUser carol;

	Organization acmeApps;

	long nginx;

	@BeforeEach
	void demo() {
		this.alice = this.demo.get("alice");
		this.bob = this.demo.get("bob");
		this.carol = this.demo.get("carol");
		this.acmeApps = this.organizations.findByName("acme-apps").orElseThrow();
		this.nginx = this.jdbc.sql("select id from image where name = 'nginx'").query(Long.class).single();
	}

	@Test
	void onImageWhenAdministratorThenManageWithoutAnyGrant() {
		assertThat(this.policy.onImage(this.alice, this.acmeApps, this.nginx)).contains(Permission.MANAGE);
		assertThat(this.policy.onOrganization(this.alice, this.acmeApps)).contains(Permission.MANAGE);
	}

	@Test
	void onImageWhenOrganizationGrantOnlyThenThatPermission() {
		assertThat(this.policy.onImage(this.bob, this.acmeApps, this.nginx)).contains(Permission.READ);
	}

	@Test
	void onImageWhenImageGrantIsHigherThenTheImageGrantWins() {
		grantImage(this.bob, Permission.MANAGE);
		assertThat(this.policy.onImage(this.bob, this.acmeApps, this.nginx)).contains(Permission.MANAGE);
		assertThat(this.policy.onOrganization(this.bob, this.acmeApps)).contains(Permission.READ);
	}

	@Test
	void onImageWhenOrganizationGrantIsHigherThenTheOrganizationGrantWins() {
		grantImage(this.bob, Permission.READ);
		this.grants.grant(null, GrantTarget.organization(this.acmeApps), Members.of(this.bob), Permission.EDIT);
		assertThat(this.policy.onImage(this.bob, this.acmeApps, this.nginx)).contains(Permission.EDIT);
	}

	@Test
	void onImageWhenGrantsRevokedThenNoPermission() {
		grantImage(this.bob, Permission.EDIT);
		assertThat(this.grants.revoke(null, nginxTarget(), Members.of(this.bob))).isTrue();
		assertThat(this.grants.revoke(null, GrantTarget.organization(this.acmeApps), Members.of(this.bob))).isTrue();
		assertThat(this.policy.onImage(this.bob, this.acmeApps, this.nginx)).isEmpty();
		assertThat(this.grants.revoke(null, GrantTarget.organization(this.acmeApps), Members.of(this.bob))).isFalse();
	}

	@Test
	void onImageWhenAdministratorOfAnotherAccountThenNoPermission() {
		assertThat(this.policy.onImage(this.carol, this.acmeApps, this.nginx)).isEmpty();
		assertThat(this.policy.onOrganization(this.carol, this.acmeApps)).isEmpty();
		assertThat(this.policy.seesOrganization(this.carol, this.acmeApps)).isFalse();
	}

	@Test
	void seesOrganizationWhenOnlyAnImageGrantThenYesWithoutOrganizationPermission() {
		this.grants.revoke(null, GrantTarget.organization(this.acmeApps), Members.of(this.bob));
		assertThat(this.policy.seesOrganization(this.bob, this.acmeApps)).isFalse();
		grantImage(this.bob, Permission.READ);
		assertThat(this.policy.seesOrganization(this.bob, this.acmeApps)).isTrue();
		assertThat(this.policy.onOrganization(this.bob, this.acmeApps)).isEmpty();
	}

	@Test
	void holdsAnywhereWhenManageOnOneImageThenYesForManage() {
		assertThat(this.policy.holdsAnywhere(this.alice, Permission.MANAGE)).isTrue();
		assertThat(this.policy.holdsAnywhere(this.bob, Permission.MANAGE)).isFalse();
		grantImage(this.bob, Permission.MANAGE);
		assertThat(this.policy.holdsAnywhere(this.bob, Permission.MANAGE)).isTrue();
	}

	@Test
	void holdsAnywhereWhenEditOnOneImageThenYesForEditNotForManage() {
		assertThat(this.policy.holdsAnywhere(this.bob, Permission.EDIT)).as("Read on acme-apps").isFalse();
		grantImage(this.bob, Permission.EDIT);
		assertThat(this.policy.holdsAnywhere(this.bob, Permission.EDIT)).isTrue();
		assertThat(this.policy.holdsAnywhere(this.bob, Permission.MANAGE)).isFalse();
	}

	@Test
	void grantWhenGrantedTwiceThenChangedNotDuplicated() {
		this.grants.grant(null, GrantTarget.organization(this.acmeApps), Members.of(this.bob), Permission.MANAGE);
		assertThat(this.grants.members(GrantTarget.organization(this.acmeApps)))
			.filteredOn(m -> m.username().equals("bob"))
			.singleElement()
			.satisfies(m -> assertThat(m.organizationGrant()).isEqualTo(Permission.MANAGE));
	}

	@Test
	void membersListOnlyUsersOfTheOwningAccount() {
		assertThat(this.grants.members(nginxTarget())).extracting(Grants.Member::username)
			.containsExactly("alice", "bob");
	}

	/**
	 * The Java check and the SQL condition of each rule agree, for every demo user and every demo
	 * image and organization, at every level: with the demo's grants, and with bob holding Edit on
	 * one image (besides Read on its organization) and Manage on an image of another organization.
	 */
	@Test
	void javaCheckAndSqlConditionAgreeForEveryDemoUserImageAndLevel() {
		assertAgreement();
		grantImage(this.bob, Permission.EDIT);
		Organization acmePublic = this.organizations.findByName("acme-public").orElseThrow();
		long hello = this.jdbc.sql("select id from image where name = 'hello'").query(Long.class).single();
		this.grants.grant(null, GrantTarget.image(acmePublic, hello, "acme-public/hello"), Members.of(this.bob),
				Permission.MANAGE);
		assertAgreement();
	}

	@Test
	void imagesHeldWhenMoreGrantsThanBoundByKeyThenTheAccountsRowsAreTestedAndStillAgree() {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i <= AccessPolicy.HELD_BY_KEY; i++) {
			long organization = this.organizations.save(new Organization(null, "many-" + i, this.bob.accountId(), this.bob.region(), now)).id();
			this.jdbc.sql("insert into organization_grant (organization_id, user_id, permission) values (:o, :u, 'READ')")
				.param("o", organization)
				.param("u", this.bob.id())
				.update();
		}
		SqlCondition held = this.policy.imagesHeld(this.bob, Permission.READ, "o.account_id", "i.organization_id", "i.id");
		assertThat(held.params()).containsKey("policyAccount").doesNotContainKey("policyOrganizations");
		assertThat(countImages(held, this.nginx)).isOne();
		long hello = this.jdbc.sql("select id from image where name = 'hello'").query(Long.class).single();
		assertThat(countImages(held, hello)).isZero();
	}

	private void assertAgreement() {
		List<String> disagreements = new ArrayList<>();
		int checked = 0;
		Map<String, BerthUser> users = new LinkedHashMap<>();
		DEMO_USERS.forEach(username -> users.put(username, this.demo.get(username)));
		long acmePublic = this.organizations.findByName("acme-public").orElseThrow().id();
		users.put("alice with a token of acme-public", this.alice.withToken(token(false, Set.of(acmePublic))));
		users.put("bob with a token of acme-apps", this.bob.withToken(token(false, Set.of(this.acmeApps.id()))));
		users.put("alice with a token of shared images only", this.alice.withToken(token(false, Set.of())));
		users.put("carol with a token of every organization", this.carol.withToken(token(true, Set.of())));
		for (Map.Entry<String, BerthUser> entry : users.entrySet()) {
			String username = entry.getKey();
			BerthUser user = entry.getValue();
			for (Organization organization : this.organizations.findAll()) {
				boolean seen = countOrganizations(this.policy.organizationsSeen(user, "o.account_id", "o.id"),
						organization) == 1;
				if (seen != this.policy.seesOrganization(user, organization)) {
					disagreements.add(username + " sees " + organization.name());
				}
				for (Permission level : Permission.values()) {
					Optional<Permission> java = this.policy.onOrganization(user, organization);
					boolean inSql = countOrganizations(this.policy.organizationsAtLeast(user, level, "o.account_id",
							"o.id"), organization) == 1;
					if (inSql != java.map(p -> p.includes(level)).orElse(false)) {
						disagreements.add(username + " " + level + " on " + organization.name());
					}
					for (long image : imagesOf(organization)) {
						boolean imageInSql = countImages(this.policy.imagesAtLeast(user, level, "o.account_id",
								"i.organization_id", "i.id"), image) == 1;
						boolean imageInJava = this.policy.onImage(user, organization, image)
							.map(p -> p.includes(level))
							.orElse(false);
						if (imageInSql != imageInJava) {
							disagreements.add(username + " " + level + " on image " + image);
						}
						if ((countImages(this.policy.imagesHeld(user, level, "o.account_id", "i.organization_id",
								"i.id"), image) == 1) != imageInJava) {
							disagreements.add(username + " " + level + " on image " + image + " held");
						}
						if (!user.administrator()) {
							AccessPolicy.Granted granted = this.policy.grantedAtLeast(user, level);
							boolean byOrganization = granted.organizations().contains(organization.id());
							if (imageInJava != (byOrganization || granted.images().contains(image))
									|| (byOrganization && granted.images().contains(image))) {
								disagreements.add(username + " " + level + " on image " + image + " granted " + granted);
							}
						}
						checked++;
					}
				}
			}
		}
		assertThat(disagreements).isEmpty();
		assertThat(checked).isEqualTo(users.size() * Permission.values().length * 6);
	}

	private static AccessTokenScope token(boolean allOrganizations, Set<Long> organizations) {
		return new AccessTokenScope(1, "ci", true, allOrganizations, organizations, true);
	}

	private int countOrganizations(SqlCondition condition, Organization organization) {
		return this.jdbc.sql("select count(*) from organization o where o.id = :id and " + condition.sql())
			.params(condition.params())
			.param("id", organization.id())
			.query(Integer.class)
			.single();
	}

	private int countImages(SqlCondition condition, long image) {
		return this.jdbc.sql("select count(*) from image i join organization o on o.id = i.organization_id"
				+ " where i.id = :id and " + condition.sql())
			.params(condition.params())
			.param("id", image)
			.query(Integer.class)
			.single();
	}

	private List<Long> imagesOf(Organization organization) {
		return this.jdbc.sql("select id from image where organization_id = :id")
			.param("id", organization.id())
			.query(Long.class)
			.list();
	}

	private GrantTarget nginxTarget() {
		return GrantTarget.image(this.acmeApps, this.nginx, "acme-apps/nginx");
	}

	private void grantImage(BerthUser user, Permission permission) {
		this.grants.grant(null, nginxTarget(), Members.of(user), permission);
	}

}

package dev.berth.registry;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageCatalog.ImageKey;
import dev.berth.images.Visibility;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.sharing.SharePulls;
import dev.berth.support.SqlCondition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What a token grants: the intersection of the requested actions and what is allowed.
 */
class RegistryAccessTests {

	static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	static final long ACME = 1;

	static final long GLOBEX = 2;

	final ImageCatalog catalog = mock(ImageCatalog.class);

	final OrganizationRepository organizations = mock(OrganizationRepository.class);

	final AccessPolicy accessPolicy = mock(AccessPolicy.class);

	final SharePulls sharePulls = mock(SharePulls.class);

	final RegistryAccess access = new RegistryAccess(this.catalog, this.organizations, this.accessPolicy,
			this.sharePulls);

	final Organization acmeApps = new Organization(10L, "acme-apps", ACME, "eu-west-1", NOW);

	/** The condition of a share that lets globex pull, as the catalog is asked it with the image. */
	static final SqlCondition SHARED_WITH_GLOBEX = SqlCondition.of("a share lets globex pull");

	final ImageKey nginx = new ImageKey(this.acmeApps, 100L, Visibility.PRIVATE, false);

	final Organization acmePublic = new Organization(11L, "acme-public", ACME, "eu-west-1", NOW);

	final ImageKey hello = new ImageKey(this.acmePublic, 101L, Visibility.PUBLIC, false);

	final BerthUser alice = new BerthUser(1, "alice", null, ACME, "acme", "eu-west-1", true);

	final BerthUser bob = new BerthUser(2, "bob", null, ACME, "acme", "eu-west-1", false);

	final BerthUser carol = new BerthUser(3, "carol", null, GLOBEX, "globex", "eu-west-1", true);

	@BeforeEach
	void catalog() {
		given(this.sharePulls.pullableBy(anyLong())).willReturn(SqlCondition.of("a share of another account"));
		given(this.sharePulls.pullableBy(GLOBEX)).willReturn(SHARED_WITH_GLOBEX);
		given(this.catalog.findKey(any(), any(), any())).willReturn(Optional.empty());
		given(this.catalog.findKey(eq("acme-apps"), eq("nginx"), any())).willReturn(Optional.of(this.nginx));
		given(this.catalog.findKey(eq("acme-public"), eq("hello"), any())).willReturn(Optional.of(this.hello));
		given(this.organizations.findByName(any())).willReturn(Optional.empty());
		given(this.organizations.findByName("acme-apps")).willReturn(Optional.of(this.acmeApps));
		given(this.accessPolicy.onImage(any(), any(), anyLong())).willReturn(Optional.empty());
		given(this.accessPolicy.onOrganization(any(), any())).willReturn(Optional.empty());
		given(this.accessPolicy.onImage(this.alice, this.acmeApps, 100L)).willReturn(Optional.of(Permission.MANAGE));
		given(this.accessPolicy.onImage(this.alice, this.acmePublic, 101L)).willReturn(Optional.of(Permission.MANAGE));
		given(this.accessPolicy.onOrganization(this.alice, this.acmeApps)).willReturn(Optional.of(Permission.MANAGE));
	}

	@Test
	void requestWhenEditThenIntersectionOfAskedAndAllowed() {
		given(this.accessPolicy.onImage(this.bob, this.acmeApps, 100L)).willReturn(Optional.of(Permission.EDIT));

		assertThat(grant(this.bob, "repository:acme-apps/nginx:pull,push,delete"))
			.containsExactly(Access.repository("acme-apps/nginx", List.of("pull", "push")));
		assertThat(grant(this.bob, "repository:acme-apps/nginx:push"))
			.containsExactly(Access.repository("acme-apps/nginx", List.of("push")));
	}

	@Test
	void starWhenManageThenPullPushDelete() {
		assertThat(grant(this.alice, "repository:acme-apps/nginx:*"))
			.containsExactly(Access.repository("acme-apps/nginx", List.of("pull", "push", "delete")));
	}

	@Test
	void starWhenReadThenPullOnly() {
		given(this.accessPolicy.onImage(this.bob, this.acmeApps, 100L)).willReturn(Optional.of(Permission.READ));

		assertThat(grant(this.bob, "repository:acme-apps/nginx:*"))
			.containsExactly(Access.repository("acme-apps/nginx", List.of("pull")));
	}

	/** One access entry a repository, however often it is asked for: 100 copies made a 19 KB token. */
	@Test
	void requestWhenTheSameRepositoryIsAskedForSeveralTimesThenOneEntryWithTheActionsJoined() {
		String[] asked = new String[101];
		Arrays.fill(asked, "repository:acme-apps/nginx:pull");
		asked[100] = "repository:acme-apps/nginx:push";
		assertThat(grant(this.alice, asked))
			.containsExactly(Access.repository("acme-apps/nginx", List.of("pull", "push")));
	}

	@Test
	void requestWhenNoPermissionThenNothingGranted() {
		assertThat(grant(this.bob, "repository:acme-apps/nginx:pull,push")).isEmpty();
	}

	@Test
	void pullOfPublicImageWhenAnonymousThenGrantedAndPushDenied() {
		assertThat(this.access.grant(Requester.anonymous(), scopes("repository:acme-public/hello:pull,push")).access())
			.containsExactly(Access.repository("acme-public/hello", List.of("pull")));
		assertThat(this.access.grant(Requester.anonymous(), scopes("repository:acme-apps/nginx:pull")).access()).isEmpty();
	}

	@Test
	void catalogWhenUserThenDeniedAndWhenConsoleThenGranted() {
		assertThat(grant(this.alice, "registry:catalog:*")).isEmpty();
		assertThat(this.access.grant(Requester.consoleItself(), scopes("registry:catalog:*")).access())
			.containsExactly(Access.catalog());
	}

	@Test
	void unknownImageInUnknownOrganizationThenNothing() {
		assertThat(grant(this.alice, "repository:nowhere/thing:pull,push")).isEmpty();
		assertThat(grant(this.alice, "repository:acme-apps:pull")).isEmpty();
	}

	@Test
	void newImageNameWhenEditOnOrganizationThenPushGranted() {
		given(this.accessPolicy.onOrganization(this.bob, this.acmeApps)).willReturn(Optional.of(Permission.EDIT));

		assertThat(grant(this.bob, "repository:acme-apps/brand-new:pull,push"))
			.containsExactly(Access.repository("acme-apps/brand-new", List.of("pull", "push")));
		assertThat(grant(this.carol, "repository:acme-apps/brand-new:pull,push")).isEmpty();
	}

	@Test
	void shareWhenOtherNameRequestedThenNothing() {
		givenShare();

		assertThat(grant(this.carol, "repository:acme-apps/nginx-other:pull")).isEmpty();
		assertThat(grant(this.carol, "repository:acme-apps/NGINX:pull")).isEmpty();
		assertThat(grant(this.carol, "repository:acme-apps/nginx/sub:pull")).isEmpty();
	}

	@Test
	void pullWhenSharedThenGrantedButNeverPushOrDelete() {
		givenShare();

		assertThat(grant(this.carol, "repository:acme-apps/nginx:*"))
			.containsExactly(Access.repository("acme-apps/nginx", List.of("pull")));
		assertThat(grant(this.carol, "repository:acme-apps/nginx:push,delete")).isEmpty();
	}

	@Test
	void grantWhenPullRestsOnAShareThenSaidSoForAShorterToken() {
		givenShare();
		given(this.accessPolicy.onImage(this.bob, this.acmeApps, 100L)).willReturn(Optional.of(Permission.READ));

		assertThat(this.access.grant(Requester.of(this.carol), scopes("repository:acme-apps/nginx:pull")).viaShare())
			.isTrue();
		assertThat(this.access.grant(Requester.of(this.bob), scopes("repository:acme-apps/nginx:pull")).viaShare())
			.isFalse();
		assertThat(this.access.grant(Requester.of(this.carol), scopes("repository:acme-public/hello:pull")).viaShare())
			.isFalse();
	}

	@Test
	void pullWhenNoShareLetsTheAccountPullThenDeniedButPublicImagesStillPulled() {
		// Expired, revoked, a disabled grantee account, suspended owner shares: SharePullsTests.
		assertThat(grant(this.carol, "repository:acme-apps/nginx:pull")).isEmpty();
		assertThat(grant(this.carol, "repository:acme-public/hello:pull"))
			.containsExactly(Access.repository("acme-public/hello", List.of("pull")));
	}

	@Test
	void scopeWithNestedNameThenParsedBetweenFirstAndLastColon() {
		Scope scope = Scope.parse("repository:acme-apps/billing/api:pull,push").orElseThrow();

		assertThat(scope.type()).isEqualTo("repository");
		assertThat(scope.name()).isEqualTo("acme-apps/billing/api");
		assertThat(scope.actions()).containsExactlyInAnyOrder("pull", "push");
		assertThat(Scope.parse("repository:nothing")).isEmpty();
	}

	private void givenShare() {
		given(this.catalog.findKey("acme-apps", "nginx", SHARED_WITH_GLOBEX))
			.willReturn(Optional.of(new ImageKey(this.acmeApps, 100L, Visibility.PRIVATE, true)));
	}

	private List<Access> grant(BerthUser user, String... scopes) {
		return this.access.grant(Requester.of(user), scopes(scopes)).access();
	}

	private static List<Scope> scopes(String... scopes) {
		return java.util.Arrays.stream(scopes).map(Scope::parse).map(Optional::orElseThrow).toList();
	}

}

package dev.berth.organizations;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.berth.accounts.AccessTokenScope;
import dev.berth.accounts.BerthUser;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The permission model, stated once: a user's effective permission on an organization or image of
 * their own account is the highest of administrator (Manage), organization grant and image grant;
 * organizations and images of other accounts give no permission here (shares are a separate,
 * pull-only path, see the sharing module). A request made with an access token holds that only in
 * the organizations the token reaches (none for a token of shared images only). Each rule comes as a
 * Java check for one object and as the SQL condition the lists use; {@code AccessPolicyTests} pins
 * that both agree.
 *
 * <p>
 * The SQL conditions are written against the columns the caller names (for example
 * {@code o.account_id}, {@code i.organization_id}, {@code i.id}), so that a list can apply them to
 * its own tables and aliases; they bind {@code :policyAccount} and {@code :policyUser}.
 */
@Component
public class AccessPolicy {

	/**
	 * The most grants {@link #imagesHeld} binds as ids; a user holding more reads the account's rows
	 * (and stays far from PostgreSQL's 65,535 parameters a statement).
	 */
	static final int HELD_BY_KEY = 1_000;

	/** {@link #levels} of each level, joined once: a user's page asks for them several times. */
	private static final Map<Permission, String> LEVELS = new EnumMap<>(Permission.class);

	static {
		for (Permission level : Permission.values()) {
			LEVELS.put(level, level.andAbove()
				.stream()
				.map(p -> "'" + p.name() + "'")
				.collect(Collectors.joining(", ", "(", ")")));
		}
	}

	private final JdbcClient jdbc;

	AccessPolicy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The rule itself: administrators hold Manage; others the highest of their grants (null: none). */
	public static Permission effective(boolean administrator, Permission organizationGrant, Permission imageGrant) {
		return administrator ? Permission.MANAGE : Permission.highest(organizationGrant, imageGrant);
	}

	public Optional<Permission> onOrganization(BerthUser user, Organization organization) {
		if (!ownAccount(user, organization) || !tokenReaches(user, organization)) {
			return Optional.empty();
		}
		return Optional.ofNullable(effective(user.administrator(), grantOn(organization.id(), user), null));
	}

	public Optional<Permission> onImage(BerthUser user, Organization organization, long imageId) {
		if (!ownAccount(user, organization) || !tokenReaches(user, organization)) {
			return Optional.empty();
		}
		if (user.administrator()) {
			return Optional.of(Permission.MANAGE);
		}
		// Both grants in one round trip: every details page of a user who is not an administrator asks.
		return this.jdbc.sql("""
				select (select permission from organization_grant where organization_id = :organization and user_id = :user),
				       (select permission from image_grant where image_id = :image and user_id = :user)""")
			.param("organization", organization.id())
			.param("image", imageId)
			.param("user", user.id())
			.query((rs, n) -> Optional.ofNullable(effective(false, permission(rs.getString(1)), permission(rs.getString(2)))))
			.single();
	}

	private static Permission permission(String stored) {
		return (stored != null) ? Permission.valueOf(stored) : null;
	}

	/**
	 * Whether the user sees the organization at all: administrators see every organization of their
	 * account, other users those where they hold a grant on it or on one of its images.
	 */
	public boolean seesOrganization(BerthUser user, Organization organization) {
		if (onOrganization(user, organization).isPresent()) {
			return true;
		}
		return ownAccount(user, organization) && tokenReaches(user, organization) && this.jdbc
			.sql("select count(*) from image_grant where organization_id = :organization and user_id = :user")
			.param("organization", organization.id())
			.param("user", user.id())
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Whether the user holds at least {@code level} on anything of their account: Manage, so may
	 * share some private image; Edit, so may push somewhere.
	 */
	public boolean holdsAnywhere(BerthUser user, Permission level) {
		if (user.administrator()) {
			return true;
		}
		return this.jdbc.sql("""
				select (select count(*) from organization_grant where user_id = :user and permission in %1$s)
				     + (select count(*) from image_grant where user_id = :user and permission in %1$s)
				""".formatted(levels(level))).param("user", user.id()).query(Integer.class).single() > 0;
	}

	/**
	 * Rows of organizations on which the user holds at least {@code level}.
	 * @param account the column of the organization's account id
	 * @param organization the column of the organization's id
	 */
	public SqlCondition organizationsAtLeast(BerthUser user, Permission level, String account, String organization) {
		SqlCondition own = SqlCondition.of(account + " = :policyAccount", "policyAccount", user.accountId())
			.and(tokenReach(user, organization));
		if (user.administrator()) {
			return own;
		}
		return own.and(organizationGrant(user, level, organization));
	}

	/**
	 * Rows of images on which the user holds at least {@code level}.
	 * @param account the column of the owner account's id
	 * @param organization the column of the image's organization id
	 * @param image the column of the image's id
	 */
	public SqlCondition imagesAtLeast(BerthUser user, Permission level, String account, String organization,
			String image) {
		return SqlCondition.of(account + " = :policyAccount", "policyAccount", user.accountId())
			.and(accountImagesAtLeast(user, level, organization, image));
	}

	/**
	 * Rows of images of the user's own account, which the caller's condition has chosen already, on
	 * which the user holds at least {@code level}: all of them for an administrator.
	 * @param organization the column of the image's organization id
	 * @param image the column of the image's id
	 */
	public SqlCondition accountImagesAtLeast(BerthUser user, Permission level, String organization, String image) {
		if (user.administrator()) {
			return tokenReach(user, organization);
		}
		SqlCondition imageGrant = SqlCondition.of("exists (select 1 from image_grant pig where pig.image_id = " + image
				+ " and pig.user_id = :policyUser and pig.permission in " + levels(level) + ")", "policyUser", user.id());
		return tokenReach(user, organization).and(organizationGrant(user, level, organization).or(imageGrant));
	}

	/**
	 * The images of {@link #imagesAtLeast} as the condition a list is read by. An administrator's are
	 * the account's, read on the list's index of the account. Another user's are looked up from their
	 * grants ({@link #grantedAtLeast}): the images of each granted organization on the index of the
	 * organization, the other granted images by key, so that a user who may read 3 images of an
	 * account of 5,000 has 3 rows read, not 5,000 tested. The condition names no account column (the
	 * grants are of the account already): given one, H2 reads the account's index instead. Above
	 * {@value #HELD_BY_KEY} grants it is {@link #imagesAtLeast} itself.
	 */
	public SqlCondition imagesHeld(BerthUser user, Permission level, String account, String organization,
			String image) {
		if (user.administrator()) {
			return imagesAtLeast(user, level, account, organization, image);
		}
		Granted granted = grantedAtLeast(user, level);
		if (granted.size() > HELD_BY_KEY) {
			return imagesAtLeast(user, level, account, organization, image);
		}
		SqlCondition organizations = SqlCondition.of(organization + " in (:policyOrganizations)",
				"policyOrganizations", granted.organizations());
		SqlCondition images = SqlCondition.of(image + " in (:policyImages)", "policyImages", granted.images());
		if (granted.images().isEmpty()) {
			return granted.organizations().isEmpty() ? SqlCondition.NEVER : organizations;
		}
		if (granted.organizations().isEmpty()) {
			return images;
		}
		// Not "organization in (…) or image in (…)": H2 reads an "or" of two columns by scanning.
		return new SqlCondition(image + " in (select held.id from image held where held.organization_id in (:policyOrganizations)"
				+ " union all select held.id from image held where held.id in (:policyImages))",
				organizations.and(images).params());
	}

	/**
	 * What a user who is not an administrator holds at least {@code level} on by a grant, as ids: the
	 * organizations of their account, and the images outside them (an image of one of those
	 * organizations is covered already). Together they are exactly the images of
	 * {@link #imagesAtLeast}, for a list that reads each organization and image on its own index
	 * instead of testing every row of the account.
	 */
	public Granted grantedAtLeast(BerthUser user, Permission level) {
		if (user.administrator()) {
			throw new IllegalArgumentException("An administrator holds every organization of the account");
		}
		SqlCondition reach = tokenReach(user, "g.organization_id");
		// The user's grants (aliased g) in a table, on organizations of their account the request reaches.
		Function<String, String> grants = table -> "from " + table
				+ " g join organization o on o.id = g.organization_id where g.user_id = :user and o.account_id = :account"
				+ " and g.permission in " + levels(level) + " and " + reach.sql();
		List<Long> organizationIds = new ArrayList<>();
		List<Long> imageIds = new ArrayList<>();
		// A select around the union: H2 keeps a statement parsed only if it is a select (a union
		// on its own was parsed and planned again on every request: an eighth of bob's Activity).
		this.jdbc.sql("select kind, id from (select 'o' as kind, g.organization_id as id " + grants.apply("organization_grant")
				+ " union all select 'i', g.image_id " + grants.apply("image_grant")
				+ " and g.organization_id not in (select g.organization_id " + grants.apply("organization_grant")
				+ ")) held order by 1, 2")
			.param("user", user.id())
			.param("account", user.accountId())
			.params(reach.params())
			.query(rs -> {
				(rs.getString(1).equals("o") ? organizationIds : imageIds).add(rs.getLong(2));
			});
		return new Granted(List.copyOf(organizationIds), List.copyOf(imageIds));
	}

	/** Rows of organizations the user sees (see {@link #seesOrganization}). */
	public SqlCondition organizationsSeen(BerthUser user, String account, String organization) {
		SqlCondition own = SqlCondition.of(account + " = :policyAccount", "policyAccount", user.accountId())
			.and(tokenReach(user, organization));
		if (user.administrator()) {
			return own;
		}
		SqlCondition imageGrant = SqlCondition.of("exists (select 1 from image_grant pig where pig.organization_id = "
				+ organization + " and pig.user_id = :policyUser)", "policyUser", user.id());
		return own.and(organizationGrant(user, Permission.READ, organization).or(imageGrant));
	}

	/** Organizations and images held by a grant; the images are those outside the organizations. */
	public record Granted(List<Long> organizations, List<Long> images) {

		public int size() {
			return this.organizations.size() + this.images.size();
		}

	}

	private static SqlCondition organizationGrant(BerthUser user, Permission level, String organization) {
		return SqlCondition.of("exists (select 1 from organization_grant pog where pog.organization_id = " + organization
				+ " and pog.user_id = :policyUser and pog.permission in " + levels(level) + ")", "policyUser", user.id());
	}

	/** {@code ('EDIT', 'MANAGE')} for Edit: the stored names of the level and those above it. */
	private static String levels(Permission level) {
		return LEVELS.get(level);
	}

	private Permission grantOn(long organizationId, BerthUser user) {
		if (user.administrator()) {
			return null;
		}
		return this.jdbc.sql("select permission from organization_grant where organization_id = :organization and user_id = :user")
			.param("organization", organizationId)
			.param("user", user.id())
			.query(String.class)
			.optional()
			.map(Permission::valueOf)
			.orElse(null);
	}

	private static boolean ownAccount(BerthUser user, Organization organization) {
		return organization.accountId() == user.accountId();
	}

	private static boolean tokenReaches(BerthUser user, Organization organization) {
		return user.token().map(token -> token.reachesOrganization(organization.id())).orElse(true);
	}

	/** {@link #tokenReaches} for the rows of a list: the organization column among the token's. */
	private static SqlCondition tokenReach(BerthUser user, String organization) {
		Optional<AccessTokenScope> token = user.token();
		if (token.isEmpty() || token.get().allOrganizations()) {
			return SqlCondition.ALWAYS;
		}
		if (token.get().organizationIds().isEmpty()) {
			return SqlCondition.NEVER;
		}
		return SqlCondition.of(organization + " in (:policyTokenOrganizations)", "policyTokenOrganizations",
				token.get().organizationIds());
	}

}

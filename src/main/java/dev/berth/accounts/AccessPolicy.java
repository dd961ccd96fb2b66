package dev.berth.accounts;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The permission model: a user's effective permission on an organization or image of their own
 * account is the highest of administrator (Manage), organization grant and image grant. Images and
 * organizations of other accounts give no permission here (shares are a separate, pull-only path).
 */
@Component
public class AccessPolicy {

	private final JdbcClient jdbc;

	AccessPolicy(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Permission> onOrganization(BerthUser user, long organizationId) {
		return this.jdbc.sql("""
				select o.account_id, g.permission
				from organization o
				left join organization_grant g on g.organization_id = o.id and g.user_id = :user
				where o.id = :organization
				""")
			.param("user", user.id())
			.param("organization", organizationId)
			.query((rs, n) -> effective(user, rs.getLong(1), rs.getString(2), null))
			.optional()
			.flatMap(p -> p);
	}

	public Optional<Permission> onImage(BerthUser user, long imageId) {
		return this.jdbc.sql("""
				select o.account_id, g.permission, ig.permission
				from image i
				join organization o on o.id = i.organization_id
				left join organization_grant g on g.organization_id = o.id and g.user_id = :user
				left join image_grant ig on ig.image_id = i.id and ig.user_id = :user
				where i.id = :image
				""")
			.param("user", user.id())
			.param("image", imageId)
			.query((rs, n) -> effective(user, rs.getLong(1), rs.getString(2), rs.getString(3)))
			.optional()
			.flatMap(p -> p);
	}

	private static Optional<Permission> effective(BerthUser user, long ownerAccountId, String organizationGrant,
			String imageGrant) {
		if (ownerAccountId != user.accountId()) {
			return Optional.empty();
		}
		if (user.administrator()) {
			return Optional.of(Permission.MANAGE);
		}
		return Optional.ofNullable(Permission.highest(parse(organizationGrant), parse(imageGrant)));
	}

	private static Permission parse(String value) {
		return (value != null) ? Permission.valueOf(value) : null;
	}

	/**
	 * SQL condition (on aliases {@code o} for organization and {@code i} for image) that keeps the
	 * rows a non-administrator user with id {@code :user} may read.
	 */
	public static String readableByGrantSql() {
		return "(exists (select 1 from organization_grant g where g.organization_id = o.id and g.user_id = :user)"
				+ " or exists (select 1 from image_grant ig where ig.image_id = i.id and ig.user_id = :user))";
	}

}

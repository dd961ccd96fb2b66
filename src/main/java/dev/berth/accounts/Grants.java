package dev.berth.accounts;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Organization and image grants: which user holds which permission where.
 */
@Component
public class Grants {

	private final JdbcClient jdbc;

	Grants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void grantOrganization(long organizationId, long userId, Permission permission) {
		int updated = this.jdbc
			.sql("update organization_grant set permission = :permission where organization_id = :target and user_id = :user")
			.param("permission", permission.name())
			.param("target", organizationId)
			.param("user", userId)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("insert into organization_grant (organization_id, user_id, permission) values (:target, :user, :permission)")
				.param("permission", permission.name())
				.param("target", organizationId)
				.param("user", userId)
				.update();
		}
	}

	public boolean revokeOrganization(long organizationId, long userId) {
		return this.jdbc.sql("delete from organization_grant where organization_id = :target and user_id = :user")
			.param("target", organizationId)
			.param("user", userId)
			.update() > 0;
	}

	public void grantImage(long imageId, long userId, Permission permission) {
		int updated = this.jdbc
			.sql("update image_grant set permission = :permission where image_id = :target and user_id = :user")
			.param("permission", permission.name())
			.param("target", imageId)
			.param("user", userId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into image_grant (image_id, user_id, permission) values (:target, :user, :permission)")
				.param("permission", permission.name())
				.param("target", imageId)
				.param("user", userId)
				.update();
		}
	}

	public boolean revokeImage(long imageId, long userId) {
		return this.jdbc.sql("delete from image_grant where image_id = :target and user_id = :user")
			.param("target", imageId)
			.param("user", userId)
			.update() > 0;
	}

	/** The users of an organization's account with their grant on it (administrators hold Manage anyway). */
	public List<Member> organizationMembers(long organizationId) {
		return this.jdbc.sql("""
				select u.id, u.username, u.administrator, g.permission
				from organization o
				join app_user u on u.account_id = o.account_id
				left join organization_grant g on g.organization_id = o.id and g.user_id = u.id
				where o.id = :target
				order by u.username
				""").param("target", organizationId).query((rs, n) -> new Member(rs.getLong(1), rs.getString(2),
				rs.getBoolean(3), parse(rs.getString(4)))).list();
	}

	/** The users of an image's account with their grant on the image itself. */
	public List<Member> imageMembers(long imageId) {
		return this.jdbc.sql("""
				select u.id, u.username, u.administrator, ig.permission
				from image i
				join organization o on o.id = i.organization_id
				join app_user u on u.account_id = o.account_id
				left join image_grant ig on ig.image_id = i.id and ig.user_id = u.id
				where i.id = :target
				order by u.username
				""").param("target", imageId).query((rs, n) -> new Member(rs.getLong(1), rs.getString(2),
				rs.getBoolean(3), parse(rs.getString(4)))).list();
	}

	private static Permission parse(String value) {
		return (value != null) ? Permission.valueOf(value) : null;
	}

	/** A user of the account and the permission granted here, if any. */
	public record Member(long userId, String username, boolean administrator, Permission permission) {

		public Permission effective() {
			return this.administrator ? Permission.MANAGE : this.permission;
		}

	}

}

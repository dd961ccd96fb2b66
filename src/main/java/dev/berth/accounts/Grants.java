package dev.berth.accounts;

import java.util.List;

import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditEntry;
import dev.berth.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organization and image grants: which user holds which permission where. Every change a user
 * makes is an audit event of their account, in the same transaction.
 */
@Component
public class Grants {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	Grants(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional
	public void grantOrganization(long organizationId, long userId, Permission permission) {
		Permission old = current("organization_grant", "organization_id", organizationId, userId);
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
		auditOrganization(organizationId, userId, old, permission);
	}

	@Transactional
	public boolean revokeOrganization(long organizationId, long userId) {
		Permission old = current("organization_grant", "organization_id", organizationId, userId);
		boolean removed = this.jdbc.sql("delete from organization_grant where organization_id = :target and user_id = :user")
			.param("target", organizationId)
			.param("user", userId)
			.update() > 0;
		if (removed) {
			auditOrganization(organizationId, userId, old, null);
		}
		return removed;
	}

	@Transactional
	public void grantImage(long imageId, long userId, Permission permission) {
		Permission old = current("image_grant", "image_id", imageId, userId);
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
		auditImage(imageId, userId, old, permission);
	}

	@Transactional
	public boolean revokeImage(long imageId, long userId) {
		Permission old = current("image_grant", "image_id", imageId, userId);
		boolean removed = this.jdbc.sql("delete from image_grant where image_id = :target and user_id = :user")
			.param("target", imageId)
			.param("user", userId)
			.update() > 0;
		if (removed) {
			auditImage(imageId, userId, old, null);
		}
		return removed;
	}

	private Permission current(String table, String column, long target, long userId) {
		return this.jdbc.sql("select permission from " + table + " where " + column + " = :target and user_id = :user")
			.param("target", target)
			.param("user", userId)
			.query(String.class)
			.optional()
			.map(Permission::valueOf)
			.orElse(null);
	}

	private void auditOrganization(long organizationId, long userId, Permission old, Permission next) {
		BerthUser actor = actor();
		if (actor == null) {
			return;
		}
		String organization = this.jdbc.sql("select name from organization where id = :id")
			.param("id", organizationId)
			.query(String.class)
			.single();
		this.audit.record(new AuditEntry(actor.accountId(), actor.getUsername(), action(old, next), null, organization,
				null, label(old), label(next), "User " + username(userId) + " on organization " + organization));
	}

	private void auditImage(long imageId, long userId, Permission old, Permission next) {
		BerthUser actor = actor();
		if (actor == null) {
			return;
		}
		String path = this.jdbc
			.sql("select o.name || '/' || i.name from image i join organization o on o.id = i.organization_id where i.id = :id")
			.param("id", imageId)
			.query(String.class)
			.single();
		this.audit.record(new AuditEntry(actor.accountId(), actor.getUsername(), action(old, next), imageId, path, null,
				label(old), label(next), "User " + username(userId) + " on this image"));
	}

	private String username(long userId) {
		return this.jdbc.sql("select username from app_user where id = :id").param("id", userId).query(String.class).single();
	}

	/** The user making the change; none for the console's own changes (the demo data). */
	private static BerthUser actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof BerthUser user) ? user : null;
	}

	private static AuditAction action(Permission old, Permission next) {
		if (next == null) {
			return AuditAction.PERMISSION_REMOVED;
		}
		return (old == null) ? AuditAction.PERMISSION_GRANTED : AuditAction.PERMISSION_CHANGED;
	}

	private static String label(Permission permission) {
		return (permission != null) ? permission.label() : null;
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

package dev.berth.organizations;

import java.util.List;

import dev.berth.accounts.AccountLocks;
import dev.berth.accounts.BerthUser;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organization and image grants: which user holds which permission where. Every change a user
 * makes publishes a {@link GrantChanged} in its transaction (the audit records it); changes the
 * console makes itself (the demo data, actor null) publish nothing.
 */
@Service
public class Grants {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final AccountLocks accountLocks;

	Grants(JdbcClient jdbc, AccountLocks accountLocks, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.accountLocks = accountLocks;
		this.events = events;
	}

	/** What became of a grant. */
	public enum Granted {

		/** The user holds the permission now. */
		GRANTED,

		/** The user held it already: nothing changes, and Activity shows no "Read → Read". */
		HELD,

		/** The user was deleted meanwhile. */
		NO_SUCH_USER

	}

	/** Grants the permission, once however many times it is asked for at once. */
	@Transactional
	public Granted grant(BerthUser actor, GrantTarget target, Member member, Permission permission) {
		// The same grant sent twice at once (a double click) changes it once; the second finds it held.
		this.accountLocks.lock(target.accountId());
		if (this.jdbc.sql("select count(*) from app_user where id = :user and account_id = :account")
			.param("user", member.userId())
			.param("account", target.accountId())
			.query(Integer.class)
			.single() == 0) {
			return Granted.NO_SUCH_USER;
		}
		Permission old = current(target, member.userId());
		if (old == permission) {
			return Granted.HELD;
		}
		if (old == null) {
			insert(target, member.userId(), permission);
		}
		else {
			this.jdbc.sql("update " + table(target) + " set permission = :permission where " + column(target)
					+ " = :target and user_id = :user")
				.param("permission", permission.name())
				.param("target", id(target))
				.param("user", member.userId())
				.update();
		}
		published(actor, target, member, old, permission);
		return Granted.GRANTED;
	}

	@Transactional
	public boolean revoke(BerthUser actor, GrantTarget target, Member member) {
		// The same grant sent twice at once (a double click) changes it once; the second finds it held.
		this.accountLocks.lock(target.accountId());
		Permission old = current(target, member.userId());
		boolean removed = this.jdbc
			.sql("delete from " + table(target) + " where " + column(target) + " = :target and user_id = :user")
			.param("target", id(target))
			.param("user", member.userId())
			.update() > 0;
		if (removed) {
			published(actor, target, member, old, null);
		}
		return removed;
	}

	/** The users of the target's account with their grant on the organization and, for an image, on it. */
	public List<Member> members(GrantTarget target) {
		return this.jdbc.sql("""
				select u.id, u.username, u.administrator, g.permission, ig.permission
				from app_user u
				left join organization_grant g on g.organization_id = :organization and g.user_id = u.id
				left join image_grant ig on ig.image_id = :image and ig.user_id = u.id
				where u.account_id = :account
				order by u.username
				""")
			.param("organization", target.organizationId())
			.param("image", target.imageId())
			.param("account", target.accountId())
			.query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
					Permission.parse(rs.getString(4)), Permission.parse(rs.getString(5))))
			.list();
	}


	private Permission current(GrantTarget target, long userId) {
		return this.jdbc
			.sql("select permission from " + table(target) + " where " + column(target) + " = :target and user_id = :user")
			.param("target", id(target))
			.param("user", userId)
			.query(String.class)
			.optional()
			.map(Permission::valueOf)
			.orElse(null);
	}

	private void insert(GrantTarget target, long userId, Permission permission) {
		if (target.isImage()) {
			this.jdbc.sql("""
					insert into image_grant (image_id, organization_id, user_id, permission)
					values (:image, :organization, :user, :permission)
					""")
				.param("image", target.imageId())
				.param("organization", target.organizationId())
				.param("user", userId)
				.param("permission", permission.name())
				.update();
		}
		else {
			this.jdbc.sql("""
					insert into organization_grant (organization_id, user_id, permission)
					values (:organization, :user, :permission)
					""")
				.param("organization", target.organizationId())
				.param("user", userId)
				.param("permission", permission.name())
				.update();
		}
	}

	private void published(BerthUser actor, GrantTarget target, Member member, Permission old, Permission next) {
		if (actor != null) {
			this.events.publishEvent(new GrantChanged(actor.getUsername(), target, member.username(), old, next));
		}
	}

	private static String table(GrantTarget target) {
		return target.isImage() ? "image_grant" : "organization_grant";
	}

	private static String column(GrantTarget target) {
		return target.isImage() ? "image_id" : "organization_id";
	}

	private static long id(GrantTarget target) {
		return target.isImage() ? target.imageId() : target.organizationId();
	}

	/**
	 * A user of the account and how they stand towards the target: their grant on its organization
	 * and, for an image, on the image itself.
	 */
	public record Member(long userId, String username, boolean administrator, Permission organizationGrant,
			Permission imageGrant) {

		/** The grant made on the target itself (null: none). */
		public Permission grantHere(GrantTarget target) {
			return target.isImage() ? this.imageGrant : this.organizationGrant;
		}

		/** Highest of administrator, organization grant and image grant; null is no access. */
		public Permission effective() {
			return AccessPolicy.effective(this.administrator, this.organizationGrant, this.imageGrant);
		}

	}

}

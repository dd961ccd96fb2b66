package dev.berth.images;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.berth.accounts.AccessPolicy;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Permission;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organizations a user may see, with their images, and creating new ones. An administrator sees
 * every organization of the account; other users see those where they hold an organization grant
 * or a grant on one of its images.
 */
@Component
public class OrganizationDirectory {

	private final JdbcClient jdbc;

	private final OrganizationRepository organizations;

	private final AccessPolicy policy;

	private final Clock clock;

	OrganizationDirectory(JdbcClient jdbc, OrganizationRepository organizations, AccessPolicy policy, Clock clock) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.policy = policy;
		this.clock = clock;
	}

	/** The organizations of the user's account that the user may see, by name. */
	public List<OrganizationSummary> summaries(BerthUser user) {
		if (user.administrator()) {
			return this.jdbc.sql("""
					select o.id, o.name, (select count(*) from image i where i.organization_id = o.id) as images
					from organization o
					where o.account_id = :account
					order by o.name
					""")
				.param("account", user.accountId())
				.query((rs, n) -> new OrganizationSummary(rs.getLong(1), rs.getString(2), rs.getInt(3), Permission.MANAGE))
				.list();
		}
		return this.jdbc.sql("""
				select o.id, o.name, g.permission,
				       (select count(*) from image i where i.organization_id = o.id
				          and (g.permission is not null
				               or exists (select 1 from image_grant ig where ig.image_id = i.id and ig.user_id = :user))) as images
				from organization o
				left join organization_grant g on g.organization_id = o.id and g.user_id = :user
				where o.account_id = :account
				  and (g.permission is not null
				       or exists (select 1 from image i join image_grant ig on ig.image_id = i.id
				                  where i.organization_id = o.id and ig.user_id = :user))
				order by o.name
				""")
			.param("account", user.accountId())
			.param("user", user.id())
			.query((rs, n) -> new OrganizationSummary(rs.getLong(1), rs.getString(2), rs.getInt(4),
					(rs.getString(3) != null) ? Permission.valueOf(rs.getString(3)) : null))
			.list();
	}

	/**
	 * The organization as the user may see it: empty when it does not exist, belongs to another
	 * account, or the user holds no grant in it (all look the same to the user).
	 */
	public Optional<VisibleOrganization> visible(BerthUser user, String name) {
		return this.organizations.findByName(name)
			.filter(org -> org.accountId() == user.accountId())
			.flatMap(org -> {
				Permission permission = this.policy.onOrganization(user, org.id()).orElse(null);
				List<OrganizationImage> images = images(user, org, permission);
				if (permission == null && images.isEmpty()) {
					return Optional.empty();
				}
				return Optional.of(new VisibleOrganization(org, permission, images));
			});
	}

	private List<OrganizationImage> images(BerthUser user, Organization org, Permission permission) {
		String readable = (permission != null) ? ""
				: " and exists (select 1 from image_grant ig where ig.image_id = i.id and ig.user_id = :user)";
		return this.jdbc.sql("""
				select i.id, i.name, i.visibility, (select count(*) from tag t where t.image_id = i.id) as tags
				from image i
				where i.organization_id = :organization""" + readable + " order by i.name")
			.param("organization", org.id())
			.param("user", user.id())
			.query((rs, n) -> new OrganizationImage(rs.getLong(1), org.name(), rs.getString(2),
					Visibility.valueOf(rs.getString(3)), rs.getInt(4)))
			.list();
	}

	public boolean nameTaken(String name) {
		return this.organizations.existsByName(name);
	}

	/** Creates an organization in the user's account; the caller has checked the name. */
	@Transactional
	public Organization create(BerthUser user, String name) {
		return this.organizations.save(Organization.create(name, user.accountId(), this.clock.instant()));
	}

	/** One line of the Organizations page; {@code permission} is null for image grants only. */
	public record OrganizationSummary(long id, String name, int imageCount, Permission permission) {

	}

	/** An image as the organization page lists it. */
	public record OrganizationImage(long id, String organization, String name, Visibility visibility, int tagCount) {

		public String url() {
			return "/images/" + this.organization + "/" + this.name;
		}

	}

	/** An organization the user may see, with their permission on it (null: image grants only). */
	public record VisibleOrganization(Organization organization, Permission permission, List<OrganizationImage> images) {

		public boolean canManage() {
			return this.permission != null && this.permission.includes(Permission.MANAGE);
		}

	}

}

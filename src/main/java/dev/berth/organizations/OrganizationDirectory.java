package dev.berth.organizations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.accounts.AccountLocks;
import dev.berth.accounts.BerthUser;
import dev.berth.organizations.OrganizationImages.OrganizationImage;
import dev.berth.support.NotFoundException;
import dev.berth.support.SqlCondition;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organizations a user may see (see {@link AccessPolicy#seesOrganization}), with their images,
 * and creating new ones.
 */
@Service
public class OrganizationDirectory {

	private final JdbcClient jdbc;

	private final OrganizationRepository organizations;

	private final AccessPolicy policy;

	private final AccountLocks accountLocks;

	private final ApplicationEventPublisher events;

	private final OrganizationImages images;

	private final Clock clock;

	OrganizationDirectory(JdbcClient jdbc, OrganizationRepository organizations, AccessPolicy policy,
			OrganizationImages images, AccountLocks accountLocks, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
		this.accountLocks = accountLocks;
		this.organizations = organizations;
		this.policy = policy;
		this.images = images;
		this.clock = clock;
	}

	/** The organizations of the user's account that the user sees, by name. */
	public List<OrganizationSummary> summaries(BerthUser user) {
		Map<Long, Integer> counts = this.images.readableCounts(user);
		SqlCondition seen = this.policy.organizationsSeen(user, "o.account_id", "o.id");
		return this.jdbc.sql("select o.id, o.name, g.permission from organization o"
				+ " left join organization_grant g on g.organization_id = o.id and g.user_id = :user where " + seen.sql()
				+ " order by o.name")
			.params(seen.params())
			.param("user", user.id())
			.query((rs, n) -> new OrganizationSummary(rs.getLong(1), rs.getString(2),
					counts.getOrDefault(rs.getLong(1), 0),
					AccessPolicy.effective(user.administrator(), Permission.parse(rs.getString(3)), null)))
			.list();
	}

	/**
	 * The organization as the user may see it: empty when it does not exist, belongs to another
	 * account, or the user holds no grant in it (all look the same to the user).
	 */
	public Optional<VisibleOrganization> visible(BerthUser user, String name) {
		return this.organizations.findByName(name)
			.filter(org -> this.policy.seesOrganization(user, org))
			.map(org -> new VisibleOrganization(org, this.policy.onOrganization(user, org).orElse(null),
					this.images.readable(user, org)));
	}

	public boolean nameTaken(String name) {
		return this.organizations.existsByName(name);
	}

	/** Whether the name was a deleted organization's: it is not given again (see {@link #delete}). */
	public boolean nameRetired(String name) {
		return this.jdbc.sql("select count(*) from retired_organization_name where name = :name")
			.param("name", name)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Creates an organization in the user's account; the caller has checked the name. An account an
	 * operator deleted meanwhile (its deletion checks, under the account's lock, that it owns no
	 * organizations) gets none: a 404, as its pages are.
	 */
	@Transactional
	public Organization create(BerthUser user, String name) {
		if (!this.accountLocks.lockIfNotDeleted(user.accountId())) {
			throw new NotFoundException("problem.404");
		}
		if (nameRetired(name)) {
			throw new DuplicateKeyException("The name " + name + " was a deleted organization's");
		}
		return this.organizations
			.save(Organization.create(name, user.accountId(), user.region(), this.clock.instant()));
	}

	/**
	 * Deletes an organization that holds no image, with the permissions held on it; false when it
	 * was deleted just before. One that holds an image (pushed meanwhile, too) stays: its images'
	 * rows keep it, and the caller gets the refusal of the database. Its name is retired, never
	 * given to another organization: the registry may still hold what was pushed under it, which a
	 * new owner of the name could pull.
	 */
	@Transactional
	public boolean delete(BerthUser user, Organization organization) {
		// The grants listed are the ones deleted: a grant waits for the account's lock, as this does.
		this.accountLocks.lock(organization.accountId());
		Map<String, Permission> grants = this.jdbc.sql("""
				select u.username, g.permission from organization_grant g join app_user u on u.id = g.user_id
				where g.organization_id = :id order by u.username
				""")
			.param("id", organization.id())
			.query(rs -> {
				Map<String, Permission> held = new LinkedHashMap<>();
				while (rs.next()) {
					held.put(rs.getString(1), Permission.valueOf(rs.getString(2)));
				}
				return held;
			});
		boolean deleted = this.jdbc.sql("delete from organization where id = :id")
			.param("id", organization.id())
			.update() == 1;
		if (deleted) {
			this.jdbc.sql("""
					insert into retired_organization_name (name, account_id, retired_at) values (:name, :account, :now)
					""")
				.param("name", organization.name())
				.param("account", organization.accountId())
				.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
				.update();
			this.events.publishEvent(new OrganizationDeleted(user.getUsername(), organization.accountId(),
					organization.id(), organization.name(), grants));
		}
		return deleted;
	}

	/** One line of the Organizations page; {@code permission} is null for image grants only. */
	public record OrganizationSummary(long id, String name, int imageCount, Permission permission) {

	}

	/** An organization the user may see, with their permission on it (null: image grants only). */
	public record VisibleOrganization(Organization organization, Permission permission,
			List<OrganizationImage> images) {

		public boolean canManage() {
			return this.permission != null && this.permission.mayManage();
		}

	}

}

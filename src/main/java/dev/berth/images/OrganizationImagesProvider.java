package dev.berth.images;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationImages;
import dev.berth.organizations.Permission;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The images of an organization, for the organization pages. */
@Component
class OrganizationImagesProvider implements OrganizationImages {

	private final JdbcClient jdbc;

	private final AccessPolicy policy;

	OrganizationImagesProvider(JdbcClient jdbc, AccessPolicy policy) {
		this.jdbc = jdbc;
		this.policy = policy;
	}

	@Override
	public List<OrganizationImage> readable(BerthUser user, Organization organization) {
		SqlCondition readable = readable(user);
		return this.jdbc.sql("""
				select i.id, i.name, i.visibility, (select count(*) from tag t where t.image_id = i.id) as tags
				from image i join organization o on o.id = i.organization_id
				where i.organization_id = :organization and """ + " " + readable.sql() + " order by i.name")
			.params(readable.params())
			.param("organization", organization.id())
			.query((rs, n) -> new OrganizationImage(rs.getLong(1), organization.name(), rs.getString(2),
					rs.getString(3), rs.getInt(4)))
			.list();
	}

	@Override
	public Map<Long, Integer> readableCounts(BerthUser user) {
		SqlCondition readable = readable(user);
		Map<Long, Integer> counts = new HashMap<>();
		this.jdbc.sql("select i.organization_id, count(*) from image i join organization o on o.id = i.organization_id"
				+ " where " + readable.sql() + " group by i.organization_id")
			.params(readable.params())
			.query(rs -> {
				counts.put(rs.getLong(1), rs.getInt(2));
			});
		return counts;
	}

	private SqlCondition readable(BerthUser user) {
		return this.policy.imagesHeld(user, Permission.READ, "o.account_id", "i.organization_id", "i.id");
	}

}

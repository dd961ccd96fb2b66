package dev.berth.organizations;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.berth.accounts.AccountOrganizations;
import dev.berth.accounts.BerthUser;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The account's organizations for the accounts module (an access token's organizations). */
@Component
class AccountOrganizationsProvider implements AccountOrganizations {

	private final OrganizationRepository organizations;

	private final AccessPolicy policy;

	private final JdbcClient jdbc;

	AccountOrganizationsProvider(OrganizationRepository organizations, AccessPolicy policy, JdbcClient jdbc) {
		this.organizations = organizations;
		this.policy = policy;
		this.jdbc = jdbc;
	}

	@Override
	public Map<Long, String> of(long accountId) {
		Map<Long, String> names = new LinkedHashMap<>();
		this.organizations.findByAccountIdOrderByName(accountId).forEach(o -> names.put(o.id(), o.name()));
		return names;
	}

	@Override
	public Map<Long, String> seenBy(BerthUser user) {
		SqlCondition seen = this.policy.organizationsSeen(user, "o.account_id", "o.id");
		Map<Long, String> names = new LinkedHashMap<>();
		this.jdbc.sql("select o.id, o.name from organization o where " + seen.sql() + " order by o.name")
			.params(seen.params())
			.query((ResultSet row) -> {
				names.put(row.getLong(1), row.getString(2));
			});
		return names;
	}

	@Override
	public boolean pushesAnywhere(BerthUser user) {
		return this.policy.holdsAnywhere(user, Permission.EDIT);
	}

}

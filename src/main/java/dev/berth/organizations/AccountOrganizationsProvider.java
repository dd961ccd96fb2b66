package dev.berth.organizations;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.berth.accounts.AccountOrganizations;

import org.springframework.stereotype.Component;

/** The account's organizations for the accounts module (an access token's organizations). */
@Component
class AccountOrganizationsProvider implements AccountOrganizations {

	private final OrganizationRepository organizations;

	AccountOrganizationsProvider(OrganizationRepository organizations) {
		this.organizations = organizations;
	}

	@Override
	public Map<Long, String> of(long accountId) {
		Map<Long, String> names = new LinkedHashMap<>();
		this.organizations.findByAccountIdOrderByName(accountId).forEach(o -> names.put(o.id(), o.name()));
		return names;
	}

}

package dev.berth.organizations;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface OrganizationRepository extends ListCrudRepository<Organization, Long> {

	/**
	 * Named SQL: every image page and token request finds an organization (a derived query builds
	 * its SQL on each call).
	 */
	@Query("select id, name, account_id, region, created_at from organization where name = :name")
	Optional<Organization> findByName(String name);

	List<Organization> findByAccountIdOrderByName(Long accountId);

	boolean existsByName(String name);

}

package dev.berth.organizations;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface OrganizationRepository extends ListCrudRepository<Organization, Long> {

	Optional<Organization> findByName(String name);

	List<Organization> findByAccountIdOrderByName(Long accountId);

	boolean existsByName(String name);

}

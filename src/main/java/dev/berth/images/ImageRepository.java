package dev.berth.images;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface ImageRepository extends ListCrudRepository<Image, Long> {

	Optional<Image> findByOrganizationIdAndName(Long organizationId, String name);

	List<Image> findByOrganizationId(Long organizationId);

	@Query("select count(*) from image where organization_id = :organizationId")
	int countByOrganizationId(Long organizationId);

}

package dev.berth.images;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface ImageRepository extends ListCrudRepository<Image, Long> {

	Optional<Image> findByOrganizationIdAndName(Long organizationId, String name);

	List<Image> findByOrganizationId(Long organizationId);

}

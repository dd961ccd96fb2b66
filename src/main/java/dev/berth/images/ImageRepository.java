package dev.berth.images;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.ListCrudRepository;

public interface ImageRepository extends ListCrudRepository<Image, Long> {

	Optional<Image> findByOrganizationIdAndName(Long organizationId, String name);

	List<Image> findByOrganizationId(Long organizationId);

	/** A page of all images in id order, after {@code id} (keyset paging for jobs that visit every image). */
	List<Image> findByIdGreaterThanOrderById(Long id, Limit limit);

}

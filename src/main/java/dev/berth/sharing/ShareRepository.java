package dev.berth.sharing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface ShareRepository extends ListCrudRepository<Share, Long> {

	Optional<Share> findByImageIdAndGranteeAccountId(Long imageId, Long granteeAccountId);

	List<Share> findByImageId(Long imageId);

	@Query("select count(*) from image_share where image_id = :imageId")
	int countByImageId(Long imageId);

}

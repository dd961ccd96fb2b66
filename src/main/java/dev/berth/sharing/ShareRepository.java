package dev.berth.sharing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface ShareRepository extends ListCrudRepository<Share, Long> {

	Optional<Share> findByImageIdAndGranteeAccountId(Long imageId, Long granteeAccountId);

	List<Share> findByImageId(Long imageId);

}

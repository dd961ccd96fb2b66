package dev.berth.sharing;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface ShareRepository extends ListCrudRepository<Share, Long> {

	/**
	 * Named SQL: every share-based token request and every new share checks it (a derived query
	 * builds its SQL on each call).
	 */
	@Query("""
			select id, image_id, grantee_account_id, valid_until, permission, description, created_by, created_at,
			       updated_at, image_organization, image_name, owner_account, image_updated_at, image_size,
			       image_tag_count
			from image_share where image_id = :imageId and grantee_account_id = :granteeAccountId""")
	Optional<Share> findByImageIdAndGranteeAccountId(Long imageId, Long granteeAccountId);

	List<Share> findByImageId(Long imageId);

	/** The share, its row locked until the caller's transaction ends: a change made from it is never lost. */
	@Transactional(propagation = Propagation.MANDATORY)
	@Query("""
			select id, image_id, grantee_account_id, valid_until, permission, description, created_by, created_at,
			       updated_at, image_organization, image_name, owner_account, image_updated_at, image_size,
			       image_tag_count
			from image_share where id = :id for update""")
	Optional<Share> lockById(Long id);

	/** Whether the share was there to delete (not revoked by a request just before). */
	@Modifying
	@Query("delete from image_share where id = :id")
	boolean deleteShare(Long id);

}

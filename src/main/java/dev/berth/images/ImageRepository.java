package dev.berth.images;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Images with their tags. Its query methods run in a read-only transaction of their own when the
 * caller has none: an image's tags come from a second query made while the image's row is being
 * read, and outside a transaction that query took a second connection from the pool (requests
 * reading images at once each held one and waited for another: a pool deadlock, answered 503).
 */
@Transactional(readOnly = true)
public interface ImageRepository extends ListCrudRepository<Image, Long> {

	/**
	 * Named SQL: every registry event finds the image it changes (a derived query builds its SQL on
	 * each call). Image pages read their image with ImageCatalog#find.
	 */
	@Query("""
			select id, organization_id, account_id, region, organization_name, name, visibility, category, description,
			       created_at, updated_at, tag_count, total_size, share_count
			from image where organization_id = :organizationId and name = :name""")
	Optional<Image> findByOrganizationIdAndName(Long organizationId, String name);

	/**
	 * The image with its row locked until the caller's transaction ends, read after the lock (its
	 * tags too): a change saved from it undoes no change another request made meanwhile (a push, an
	 * edit). Locked with an update that changes nothing: on PostgreSQL it waits for another change of
	 * the image but not for a new share, grant or pull record, whose foreign key takes a key-share
	 * lock on the image's row ({@code select … for update} blocked those, and a grant, a push and a
	 * change of a share could each wait for the next).
	 */
	default Optional<Image> lockByOrganizationIdAndName(Long organizationId, String name) {
		return (holdByOrganizationIdAndName(organizationId, name) == 1) ? findByOrganizationIdAndName(organizationId, name)
				: Optional.empty();
	}

	/** As {@link #lockByOrganizationIdAndName}, by id. */
	default Optional<Image> lockById(Long id) {
		return (holdById(id) == 1) ? findById(id) : Optional.empty();
	}

	/** The lock of {@link #lockById}, for the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	@Modifying
	@Query("update image set share_count = share_count where id = :id")
	int holdById(Long id);

	@Transactional(propagation = Propagation.MANDATORY)
	@Modifying
	@Query("update image set share_count = share_count where organization_id = :organizationId and name = :name")
	int holdByOrganizationIdAndName(Long organizationId, String name);

	List<Image> findByOrganizationId(Long organizationId);

	/** A page of all images in id order, after {@code id} (keyset paging for jobs that visit every image). */
	List<Image> findByIdGreaterThanOrderById(Long id, Limit limit);

}

package dev.berth.accounts;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

public interface AccountRepository extends ListCrudRepository<Account, Long> {

	/** The account of that name; a deleted account is no account (its name stays taken). */
	@Query("select id, name, region, created_at from account where name = :name and deleted_at is null")
	Optional<Account> findByName(String name);

	/**
	 * The account, its row locked until the caller's transaction ends, unless it is deleted: a share
	 * given to it waits for a deletion that checks what it receives, and then finds it gone.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	@Query("select id, name, region, created_at from account where id = :id and deleted_at is null for update")
	Optional<Account> lockById(Long id);

}

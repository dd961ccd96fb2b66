package dev.berth.accounts;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface AccountRepository extends ListCrudRepository<Account, Long> {

	/** The account of that name; a deleted account is no account (its name stays taken). */
	@Query("select id, name, region, created_at from account where name = :name and deleted_at is null")
	Optional<Account> findByName(String name);

}

package dev.berth.accounts;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface AccountRepository extends ListCrudRepository<Account, Long> {

	/** The account of that name; a deleted account is no account (its name stays taken). */
	@Query("select id, name, region, created_at from account where name = :name and deleted_at is null")
	Optional<Account> findByName(String name);

	/**
	 * The account of a name as someone typed it: none for a name with a NUL, which no account's name
	 * holds and PostgreSQL refuses in a statement (a 500 for a forged form).
	 */
	default Optional<Account> named(String typed) {
		return (typed == null || typed.indexOf('\0') >= 0) ? Optional.empty() : findByName(typed);
	}

}

package dev.berth.accounts;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

public interface AccountRepository extends ListCrudRepository<Account, Long> {

	Optional<Account> findByName(String name);

}

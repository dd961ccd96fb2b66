package dev.berth.organizations;

import java.time.Instant;

import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.testing.DemoSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@DemoSlice
class OrganizationRepositoryTests {

	static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	AccountRepository accounts;

	Account acme;

	Account globex;

	@BeforeEach
	void accounts() {
		this.acme = this.accounts.save(Account.create("northwind", "eu-west-1", NOW));
		this.globex = this.accounts.save(Account.create("contoso", "eu-west-1", NOW));
	}

	@Test
	void saveThenFindByNameReturnsTheSameOrganization() {
		Organization saved = this.organizations.save(Organization.create("nw-apps", this.acme.id(), this.acme.region(), NOW));
		assertThat(saved.id()).isNotNull();
		assertThat(this.organizations.findByName("nw-apps")).contains(saved);
		assertThat(this.organizations.findByName("nw-app")).isEmpty();
	}

	@Test
	void findByAccountIdOrderByNameWhenSeveralAccountsThenOnlyThatAccountsSortedByName() {
		this.organizations.save(Organization.create("nw-tools", this.acme.id(), this.acme.region(), NOW));
		this.organizations.save(Organization.create("contoso-ml", this.globex.id(), this.globex.region(), NOW));
		this.organizations.save(Organization.create("nw-apps", this.acme.id(), this.acme.region(), NOW));
		assertThat(this.organizations.findByAccountIdOrderByName(this.acme.id())).extracting(Organization::name)
			.containsExactly("nw-apps", "nw-tools");
	}

	@Test
	void existsByNameWhenAnotherAccountOwnsTheNameThenTrue() {
		this.organizations.save(Organization.create("contoso-ml", this.globex.id(), this.globex.region(), NOW));
		assertThat(this.organizations.existsByName("contoso-ml")).isTrue();
		assertThat(this.organizations.existsByName("contoso")).isFalse();
	}

	@Test
	void saveWhenNameTakenByAnotherAccountThenDuplicateKey() {
		this.organizations.save(Organization.create("shared-name", this.globex.id(), this.globex.region(), NOW));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.organizations.save(Organization.create("shared-name", this.acme.id(), this.acme.region(), NOW)));
	}

}

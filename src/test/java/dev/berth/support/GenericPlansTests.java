package dev.berth.support;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.berth.sharing.SharingTestBase;
import dev.berth.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL (the second run of {@code mvn verify}), every connection of the console's pool plans
 * each statement once for any values; on H2, which has no such setting, a connection runs nothing
 * first.
 */
class GenericPlansTests extends SharingTestBase {

	@Autowired
	DataSource dataSource;

	@Test
	void connectionsWhenPostgreSqlThenEachStatementPlannedForAnyValues() throws SQLException {
		if (PostgresTestDatabase.active()) {
			assertThat(this.jdbc.sql("show plan_cache_mode").query(String.class).single()).isEqualTo("force_generic_plan");
		}
		else {
			assertThat(this.dataSource.unwrap(HikariDataSource.class).getConnectionInitSql()).isNull();
		}
	}

}

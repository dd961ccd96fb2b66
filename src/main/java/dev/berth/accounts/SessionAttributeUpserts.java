package dev.berth.accounts;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Session attributes written as upserts, so that requests of one session that arrive together
 * may add the same attribute.
 *
 * <p>
 * Each request reads its session from the database and, at its end, inserts the attributes it
 * added. A form sent again and again (a double click, several tabs) adds its flash message each
 * time: when the requests arrive at once, all of them insert it, and every insert after the first
 * broke the attribute table's key — a 500 for a user who did nothing wrong. Spring Session
 * ships the upsert for PostgreSQL ({@code on conflict … do update}); H2's is its
 * {@code merge … key}. The last request's value stays, as for any attribute two requests set.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeUpserts {

	static final String H2_UPSERT = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			VALUES (?, ?, ?)
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertingSessionAttributes(DataSource dataSource)
			throws MetaDataAccessException {
		String database = JdbcUtils.commonDatabaseName(
				JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		if ("PostgreSQL".equals(database)) {
			return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
		}
		return (sessions) -> sessions.setCreateSessionAttributeQuery(H2_UPSERT);
	}

}

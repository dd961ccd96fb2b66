package dev.berth.support;

import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.NamingStrategy;

/**
 * Plain, unquoted identifiers, so the same lowercase schema serves H2 and PostgreSQL; and on
 * PostgreSQL, each statement planned once a connection ({@link #genericPlansOnPostgreSql()}).
 */
@Configuration(proxyBeanMethods = false)
public class JdbcConfiguration extends AbstractJdbcConfiguration {

	@Bean
	@Override
	public JdbcMappingContext jdbcMappingContext(Optional<NamingStrategy> namingStrategy,
			JdbcCustomConversions customConversions, RelationalManagedTypes jdbcManagedTypes) {
		JdbcMappingContext context = super.jdbcMappingContext(namingStrategy, customConversions, jdbcManagedTypes);
		context.setForceQuote(false);
		return context;
	}

	/**
	 * On PostgreSQL, each connection plans a statement once for any values, as it did for almost all
	 * of the console's statements anyway. Left to choose, PostgreSQL planned a few again on every
	 * request because their plan for the values at hand looked cheaper (a large account's rows, a
	 * bound limit): a list of the shares an account gave spent 0.7 ms planning and 1.4 ms running,
	 * against 0.5 ms running with the plan for any values; Public Images' rows 1.1 ms planning and
	 * 2.5 ms running, against 2.4 ms running. A pool whose connections run another setup first
	 * ({@code connection-init-sql}) keeps it.
	 */
	@Bean
	static BeanPostProcessor genericPlansOnPostgreSql() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
						&& pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
					pool.setConnectionInitSql("set plan_cache_mode = force_generic_plan");
				}
				return bean;
			}

		};
	}

}

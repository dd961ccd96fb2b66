package dev.berth.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The same tests on PostgreSQL: with {@code -Dberth.test.database=postgresql} (the second Surefire
 * run of {@code mvn verify}), every test context that would get an in-memory H2 database gets a
 * fresh PostgreSQL database of its own instead, in the test JVM's one cluster
 * ({@link PostgresServer#shared()}). Tests that choose their own database (an H2 file) keep it.
 */
public class PostgresTestDatabase implements EnvironmentPostProcessor, Ordered {

	public static final String PROPERTY = "berth.test.database";

	public static boolean active() {
		return "postgresql".equals(System.getProperty(PROPERTY));
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!active() || !url.startsWith("jdbc:h2:mem:")) {
			return;
		}
		PostgresServer server = PostgresServer.shared();
		Map<String, Object> database = new LinkedHashMap<>();
		database.put("spring.datasource.url", server.jdbcUrl(server.createDatabase("test")));
		database.put("spring.datasource.username", PostgresServer.USER);
		database.put("spring.datasource.password", "");
		// Contexts stay cached for the whole run: few connections each.
		database.put("spring.datasource.hikari.maximum-pool-size", "10");
		database.put("spring.datasource.hikari.minimum-idle", "1");
		environment.getPropertySources().addFirst(new MapPropertySource("berth-test-postgresql", database));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

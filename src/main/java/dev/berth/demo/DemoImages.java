package dev.berth.demo;

import java.time.Clock;
import java.util.List;

import dev.berth.registry.ImagePublisher;
import dev.berth.registry.RegistryProperties;
import dev.berth.support.InstallationLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * Makes the demo real: after the demo data is loaded and the managed registry runs, pushes a small
 * real image for every demo tag (once; a marker row remembers it) and gives the console's tags the
 * real digests and sizes. A tag the registry already holds is left alone. A registry that does not
 * answer only costs a warning; the next start tries again. The marker is claimed first, under the
 * installation lock, so that of two nodes starting at the same moment only one pushes.
 */
@Component
@Profile("demo")
@Order(10)
class DemoImages implements ApplicationRunner {

	static final String MARKER = "demo-images-pushed";

	static final List<DemoTag> TAGS = List.of(new DemoTag("acme-apps/nginx", "1.25"),
			new DemoTag("acme-apps/nginx", "1.26"), new DemoTag("acme-apps/nginx", "latest"),
			new DemoTag("acme-apps/billing/api", "v1"), new DemoTag("acme-apps/billing/api", "v2"),
			new DemoTag("acme-apps/internal-tools", "0.1"), new DemoTag("acme-public/hello", "latest"),
			new DemoTag("globex-ml/trainer", "2024.1"), new DemoTag("initech-web/portal", "3.0"));

	private static final Logger log = LoggerFactory.getLogger(DemoImages.class);

	private final RegistryProperties properties;

	private final ImagePublisher publisher;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final InstallationLock lock;

	private final TransactionTemplate transactions;

	DemoImages(RegistryProperties properties, ImagePublisher publisher, JdbcClient jdbc, Clock clock,
			InstallationLock lock, TransactionTemplate transactions) {
		this.properties = properties;
		this.publisher = publisher;
		this.jdbc = jdbc;
		this.clock = clock;
		this.lock = lock;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.demoImages() || !this.publisher.available()) {
			return;
		}
		if (claimed()) {
			push();
		}
	}

	/** Whether this node is the one to push: no node did (or does) yet; the marker says this one does. */
	private boolean claimed() {
		return Boolean.TRUE.equals(this.transactions.execute(status -> {
			this.lock.hold();
			if (pushedBefore()) {
				return false;
			}
			this.jdbc.sql("insert into installation (name, fact) values (:name, :fact)")
				.param("name", MARKER)
				.param("fact", this.clock.instant().toString())
				.update();
			return true;
		}));
	}

	private void push() {
		try {
			int pushed = 0;
			for (DemoTag demo : TAGS) {
				if (this.publisher.publishIfMissing(demo.repository(), demo.tag(),
						"Hello from the Berth demo image " + demo.repository() + ":" + demo.tag() + "\n")) {
					pushed++;
				}
			}
			log.info("Demo images pushed to the managed registry: {} tags", pushed);
		}
		catch (RestClientException ex) {
			this.jdbc.sql("delete from installation where name = :name").param("name", MARKER).update();
			log.warn("Could not push the demo images to {} (will try again on the next start): {}",
					this.publisher.registryUrl(), ex.getMessage());
		}
	}

	private boolean pushedBefore() {
		return this.jdbc.sql("select count(*) from installation where name = :name")
			.param("name", MARKER)
			.query(Integer.class)
			.single() > 0;
	}

	record DemoTag(String repository, String tag) {
	}

}

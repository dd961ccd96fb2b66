package dev.berth.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The shared secret the registry sends as {@code Authorization: Bearer <secret>} with each
 * notification, the same on every node: configured ({@code berth.registry.notification-secret},
 * or a file, {@code berth.registry.notification-secret-file}), or created once and kept in the
 * database ({@link SharedSecrets}). The file {@code <data-dir>/registry/notification-secret} of an
 * earlier version is moved into the database on the first start that finds none there.
 */
@Component
class NotificationSecret {

	static final String NAME = "notification-secret";

	private static final Logger log = LoggerFactory.getLogger(NotificationSecret.class);

	private final String secret;

	NotificationSecret(RegistryProperties properties, SharedSecrets secrets, @Value("${berth.data-dir}") Path dataDir) {
		if (!properties.notificationSecret().isEmpty()) {
			this.secret = properties.notificationSecret();
		}
		else if (properties.notificationSecretFile() != null) {
			this.secret = read(properties.notificationSecretFile());
		}
		else {
			this.secret = secrets.underLock(() -> secrets.find(NAME).orElseGet(() -> {
				Path earlier = dataDir.resolve("registry/notification-secret");
				String made = Files.isRegularFile(earlier) ? read(earlier) : generated();
				secrets.put(NAME, made);
				log.info("Notification secret {} and stored in the database for every node",
						Files.isRegularFile(earlier) ? "moved from " + earlier.toAbsolutePath() : "generated");
				return made;
			}));
		}
		if (this.secret.isEmpty()) {
			throw new IllegalStateException("The registry notification secret is empty");
		}
	}

	/** The value of the Authorization header the registry sends. */
	String authorizationHeader() {
		return "Bearer " + this.secret;
	}

	boolean matches(String authorization) {
		if (authorization == null) {
			return false;
		}
		return MessageDigest.isEqual(authorizationHeader().getBytes(StandardCharsets.UTF_8),
				authorization.strip().getBytes(StandardCharsets.UTF_8));
	}

	private static String generated() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the notification secret " + file, ex);
		}
	}

}

package dev.berth.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The shared secret the registry sends as {@code Authorization: Bearer <secret>} with each
 * notification: configured ({@code berth.registry.notification-secret}) or generated on the first
 * start into {@code <data-dir>/registry/notification-secret}.
 */
@Component
class NotificationSecret {

	private final String secret;

	NotificationSecret(RegistryProperties properties, @Value("${berth.data-dir}") Path dataDir) {
		this.secret = properties.notificationSecret().isEmpty() ? stored(dataDir.resolve("registry/notification-secret"))
				: properties.notificationSecret();
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

	private static String stored(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			Files.createDirectories(file.getParent());
			try {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException ex) {
				Files.createFile(file);
			}
			Files.writeString(file, generated);
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the notification secret " + file, ex);
		}
	}

}

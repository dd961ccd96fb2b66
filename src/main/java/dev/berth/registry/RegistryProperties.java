package dev.berth.registry;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry the console serves as token server. (Where each region's registry answers, as
 * users type it, is the accounts module's {@code Regions}.)
 *
 * @param managed whether the console runs the registry itself (the embedded default)
 * @param binary the {@code docker-registry} executable of the managed registry
 * @param listen host:port the managed registry listens on (loopback by default)
 * @param url the registry's HTTP API as the console reaches it, for an external registry
 * ({@code http://host:port}); without it an external registry is not reconciled
 * @param consoleUrl the console as the registry and its clients reach it (token realm and
 * notifications); empty means {@code http://127.0.0.1:<console port>}
 * @param service the registry's service name, the tokens' audience
 * @param issuer the tokens' issuer
 * @param tokenTtl how long a token lives
 * @param sharedTokenTtl how long a token lives that lets a grantee pull through a share: a revoke or
 * an expiry stops its pulls at the latest this long (plus the registry's 60 s leeway) later
 * @param notificationSecret the secret the registry sends with each notification; empty means
 * one generated on first start and kept in the data folder
 * @param notifications whether the managed registry sends notifications to the console
 * @param demoImages whether the demo pushes real images for its tags into the managed registry
 * @param signingKeyFile a PEM private key (EC P-256) the operator manages, instead of the key the
 * nodes create once and keep in the database; needs {@code signingCertFile}
 * @param signingCertFile the PEM certificate of {@code signingKeyFile}
 * @param replaceSigningKey whether this node's configured key replaces the one the database holds
 * (key rotation); without it a node with another key than the database's refuses to start
 * @param notificationSecretFile a file holding the notification secret (instead of
 * {@code notificationSecret}, or of the secret kept in the database)
 */
@ConfigurationProperties("berth.registry")
public record RegistryProperties(@DefaultValue("true") boolean managed, @DefaultValue("/usr/bin/docker-registry") Path binary,
		@DefaultValue("127.0.0.1:5000") String listen, String url, String consoleUrl,
		@DefaultValue("berth-registry") String service, @DefaultValue("berth") String issuer,
		@DefaultValue("5m") Duration tokenTtl, @DefaultValue("60s") Duration sharedTokenTtl, String notificationSecret, @DefaultValue("true") boolean notifications,
		@DefaultValue("true") boolean demoImages, Path signingKeyFile, Path signingCertFile, boolean replaceSigningKey,
		Path notificationSecretFile) {

	public RegistryProperties {
		binary = (binary != null) ? binary : Path.of("/usr/bin/docker-registry");
		listen = (listen != null && !listen.isBlank()) ? listen : "127.0.0.1:5000";
		url = (url != null) ? url.strip() : "";
		consoleUrl = (consoleUrl != null) ? consoleUrl.strip() : "";
		service = (service != null && !service.isBlank()) ? service : "berth-registry";
		issuer = (issuer != null && !issuer.isBlank()) ? issuer : "berth";
		tokenTtl = (tokenTtl != null) ? tokenTtl : Duration.ofMinutes(5);
		sharedTokenTtl = (sharedTokenTtl != null) ? sharedTokenTtl : Duration.ofSeconds(60);
		notificationSecret = (notificationSecret != null) ? notificationSecret.strip() : "";
		if ((signingKeyFile == null) != (signingCertFile == null)) {
			throw new IllegalArgumentException(
					"Set both berth.registry.signing-key-file and berth.registry.signing-cert-file, or neither");
		}
	}

	/** The registry's HTTP API as the console calls it; empty when there is none to call. */
	String apiUrl() {
		if (this.managed) {
			return "http://" + this.listen;
		}
		return this.url.endsWith("/") ? this.url.substring(0, this.url.length() - 1) : this.url;
	}

}

package dev.berth.registry;

import java.nio.file.Path;

/**
 * The {@code config.yml} a CNCF Distribution registry (2.8) needs to use the console as its token
 * server and to notify it: the token block (realm, service, issuer, root certificate bundle) and
 * one notification endpoint that sends the shared secret and skips blob events.
 *
 * @param listen the registry's {@code http.addr}
 * @param storage the filesystem storage root
 * @param consoleUrl the console as the registry and clients reach it, without a trailing slash
 * @param bundle the PEM certificate bundle the registry trusts
 * @param notifications whether to send notifications to the console
 */
record RegistryConfig(String listen, String storage, String consoleUrl, String service, String issuer, Path bundle,
		String notificationAuthorization, boolean notifications) {

	String yaml() {
		StringBuilder yaml = new StringBuilder();
		yaml.append("""
				# Written by Berth. The registry reads it once at start.
				version: 0.1
				log:
				  level: info
				  formatter: text
				storage:
				  filesystem:
				    rootdirectory: %s
				  delete:
				    enabled: true
				http:
				  addr: %s
				  headers:
				    X-Content-Type-Options: [nosniff]
				auth:
				  token:
				    realm: %s
				    service: %s
				    issuer: %s
				    rootcertbundle: %s
				""".formatted(quote(this.storage), quote(this.listen), quote(this.consoleUrl + "/v2/token"),
				quote(this.service), quote(this.issuer), quote(this.bundle.toAbsolutePath().toString())));
		if (this.notifications) {
			yaml.append("""
					notifications:
					  endpoints:
					    - name: berth
					      url: %s
					      headers:
					        Authorization: [%s]
					      timeout: 5s
					      threshold: 5
					      backoff: 2s
					      ignore:
					        mediatypes:
					          - application/octet-stream
					""".formatted(quote(this.consoleUrl + "/registry/events"), quote(this.notificationAuthorization)));
		}
		return yaml.toString();
	}

	/** A YAML double-quoted scalar. */
	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}

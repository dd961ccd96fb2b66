package dev.berth.accounts;

import java.security.SecureRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The first start outside the demo: the platform operator {@code admin} is created with the
 * password of {@code BERTH_ADMIN_PASSWORD} ({@code berth.admin.password}), or a random one written
 * to the log this once, and must choose a new password at the first login. Later starts leave the
 * operator alone. (The demo profile has {@code admin} with the demo password instead.)
 */
@Component
@Profile("!demo")
class OperatorBootstrap implements SmartInitializingSingleton {

	static final String USERNAME = "admin";

	private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

	/** No characters that read alike (0/O, 1/l/I). */
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountAdministration accounts;

	private final String configuredPassword;

	OperatorBootstrap(AccountAdministration accounts, @Value("${berth.admin.password:}") String configuredPassword) {
		this.accounts = accounts;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void afterSingletonsInstantiated() {
		boolean configured = !this.configuredPassword.isEmpty();
		String password = configured ? this.configuredPassword : randomPassword();
		if (!this.accounts.createOperatorIfMissing(USERNAME, password, true)) {
			return;
		}
		if (configured) {
			log.warn("Created the platform operator '{}' with the password of BERTH_ADMIN_PASSWORD; "
					+ "a new password must be chosen at the first login", USERNAME);
		}
		else {
			log.warn("Created the platform operator '{}' with the password {} (shown this once); "
					+ "a new password must be chosen at the first login", USERNAME, password);
		}
	}

	static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}

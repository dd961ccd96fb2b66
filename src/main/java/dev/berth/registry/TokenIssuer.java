package dev.berth.registry;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * Signs registry bearer tokens (ES256, {@code kid} in libtrust form, {@code aud} a single string).
 *
 * <p>
 * The times inside a token ({@code iat}, {@code nbf}, {@code exp}) are checked by the registry
 * against its own operating-system clock, so they are read from the wall clock. What a token
 * grants (share expiry) is decided with the application's {@link Clock} in {@link RegistryAccess}.
 */
@Component
class TokenIssuer {

	private final SigningKey key;

	/**
	 * One signer for every token, on BouncyCastle's ECDSA with the key as a BouncyCastle key: it
	 * signs P-256 in a sixth of the JDK's time (0.09 ms against 0.58 ms here). Signing is most of
	 * what a token request costs (bench/RESULTS.md). Given the JDK's key, BouncyCastle converts it
	 * on every signature and builds the curve point's tables again: 0.29 ms.
	 */
	private final ECDSASigner signer;

	private final RegistryProperties properties;

	private final Clock wallClock = Clock.systemUTC();

	TokenIssuer(SigningKey key, RegistryProperties properties) throws JOSEException {
		this.key = key;
		Provider bouncyCastle = BouncyCastleProviderSingleton.getInstance();
		this.signer = new ECDSASigner(asBouncyCastleKey(key.privateKey(), bouncyCastle));
		this.signer.getJCAContext().setProvider(bouncyCastle);
		this.properties = properties;
	}

	private static ECPrivateKey asBouncyCastleKey(ECPrivateKey key, Provider bouncyCastle) {
		try {
			return (ECPrivateKey) KeyFactory.getInstance("EC", bouncyCastle)
				.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The token signing key cannot be read by BouncyCastle", ex);
		}
	}

	/** A token of the default lifetime ({@code berth.registry.token-ttl}). */
	IssuedToken issue(String subject, List<Access> access) {
		return issue(subject, access, this.properties.tokenTtl());
	}

	IssuedToken issue(String subject, List<Access> access, Duration lifetime) {
		Instant now = this.wallClock.instant();
		Instant expires = now.plus(lifetime);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(subject)
			.audience(this.properties.service())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.jwtID(UUID.randomUUID().toString())
			.claim("access", access.stream().map(Access::claim).toList())
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.keyID(this.key.keyId())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a registry token", ex);
		}
		return new IssuedToken(jwt.serialize(), now, lifetime.toSeconds());
	}

	record IssuedToken(String token, Instant issuedAt, long expiresIn) {
	}

}

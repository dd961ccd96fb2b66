package dev.berth.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing key and certificate live in the data folder, and tokens carry what the registry checks.
 */
class SigningKeyTests {

	@TempDir
	Path data;

	@Test
	void firstStartThenKeyAndCertificateWrittenAndReusedOnRestart() throws Exception {
		SigningKey first = new SigningKey(this.data, Clock.systemUTC());
		SigningKey second = new SigningKey(this.data, Clock.systemUTC());

		assertThat(Files.readString(first.bundle())).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(second.keyId()).isEqualTo(first.keyId());
		first.certificate().verify(first.certificate().getPublicKey());
	}

	/**
	 * A known vector, computed outside Java: {@code openssl pkey -pubin -outform DER | sha256sum},
	 * the first 30 bytes through coreutils' {@code base32}, in groups of four.
	 */
	@Test
	void libtrustKeyIdOfAKnownKeyThenTheKnownId() throws Exception {
		byte[] der = Base64.getDecoder()
			.decode("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgs6uY0nHdfd6KSMBRzFAUOF6o6GB"
					+ "bu2tsBUN2HuHDJMb9FnUTtPWGGEO179q6fmDgpcOQzG0rup+I6VsKQ5Vog==");
		PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));

		assertThat(SigningKey.libtrustKeyId(key)).isEqualTo("4RFC:DQ74:BUSV:C5E4:PQKI:OLBP:GWGY:B2QK:J75M:PWWD:U2HB:A3UK");
	}

	@Test
	void keyIdThenLibtrustFormat() {
		SigningKey key = new SigningKey(this.data, Clock.systemUTC());

		assertThat(key.keyId()).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
	}

	@Test
	void tokenThenSignedWithKidAudienceAsStringAndAccess() throws Exception {
		SigningKey key = new SigningKey(this.data, Clock.systemUTC());
		RegistryProperties properties = new RegistryProperties(true, null, null, null, null, "svc", "iss",
				Duration.ofMinutes(5), Duration.ofSeconds(60), null, true, true);
		TokenIssuer issuer = new TokenIssuer(key, properties);

		SignedJWT jwt = SignedJWT.parse(issuer
			.issue("alice", List.of(Access.repository("acme-apps/nginx", List.of("pull"))))
			.token());

		assertThat(jwt.verify(new ECDSAVerifier(
				(java.security.interfaces.ECPublicKey) key.certificate().getPublicKey()))).isTrue();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.keyId());
		assertThat(jwt.getPayload().toString()).contains("\"aud\":\"svc\"", "\"iss\":\"iss\"", "\"sub\":\"alice\"");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime()
				- jwt.getJWTClaimsSet().getIssueTime().getTime()).isEqualTo(300_000);
	}

}

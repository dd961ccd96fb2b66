package dev.berth.registry;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.support.ClockConfiguration;
import dev.berth.support.InstallationLock;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One signing key for every node: made once and kept in the database (or moved there from the
 * files of an earlier version), or the operator's files, which must match what the database
 * records. Tokens carry what the registry checks. Each "node" here is a new {@link SigningKey} on
 * the same database, with a data folder of its own.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import({ SharedSecrets.class, InstallationLock.class, ClockConfiguration.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SigningKeyTests {

	@TempDir
	Path temp;

	@Autowired
	SharedSecrets secrets;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void noKeyYet() {
		this.jdbc.sql("delete from shared_secret").update();
	}

	@Test
	void firstNodeThenKeyMadeOnceAndEveryLaterNodeSignsWithIt() throws Exception {
		SigningKey first = node("a", properties());
		SigningKey second = node("b", properties());

		assertThat(second.keyId()).isEqualTo(first.keyId());
		assertThat(Files.readString(first.bundle())).startsWith("-----BEGIN CERTIFICATE-----")
			.isEqualTo(Files.readString(second.bundle()));
		first.certificate().verify(first.certificate().getPublicKey());
	}

	@Test
	void dataFolderOfAnEarlierVersionThenItsKeyMovedIntoTheDatabase() throws Exception {
		Path earlier = this.temp.resolve("earlier/registry");
		Files.createDirectories(earlier);
		Path keyFile = earlier.resolve("token-signing-key.pem");
		Path certificateFile = earlier.resolve("token-signing-cert.pem");
		writeKeyPair(keyFile, certificateFile);
		String earlierId = SigningKey.libtrustKeyId(certificate(certificateFile));

		SigningKey migrated = new SigningKey(properties(), this.secrets, this.temp.resolve("earlier"), Clock.systemUTC());
		SigningKey another = node("fresh", properties());

		assertThat(migrated.keyId()).isEqualTo(earlierId);
		assertThat(another.keyId()).isEqualTo(earlierId);
	}

	@Test
	void configuredFilesThenEveryNodeWithTheSameFilesStarts() throws Exception {
		Path key = this.temp.resolve("key.pem");
		Path cert = this.temp.resolve("cert.pem");
		writeKeyPair(key, cert);

		SigningKey first = node("a", properties(key, cert, false));
		SigningKey second = node("b", properties(key, cert, false));

		assertThat(first.keyId()).isEqualTo(SigningKey.libtrustKeyId(certificate(cert))).isEqualTo(second.keyId());
		assertThat(first.bundle()).isEqualTo(cert.toAbsolutePath());
	}

	@Test
	void nodeWithAnotherKeyThanTheDatabaseThenRefusesToStartWithBothKeyIds() throws Exception {
		SigningKey running = node("a", properties());
		Path key = this.temp.resolve("other-key.pem");
		Path cert = this.temp.resolve("other-cert.pem");
		writeKeyPair(key, cert);

		assertThatExceptionOfType(SigningKeyMismatchException.class)
			.isThrownBy(() -> node("b", properties(key, cert, false)))
			.withMessageContaining(running.keyId())
			.withMessageContaining(SigningKey.libtrustKeyId(certificate(cert)))
			.withMessageContaining("berth.registry.replace-signing-key");
		assertThat(node("c", properties()).keyId()).as("the database still holds the first key")
			.isEqualTo(running.keyId());
	}

	@Test
	void replaceSigningKeyThenTheConfiguredKeyBecomesTheOneNodesMustUse() throws Exception {
		SigningKey old = node("a", properties());
		Path key = this.temp.resolve("new-key.pem");
		Path cert = this.temp.resolve("new-cert.pem");
		writeKeyPair(key, cert);

		SigningKey rotated = node("b", properties(key, cert, true));

		assertThat(rotated.keyId()).isNotEqualTo(old.keyId());
		assertThat(node("c", properties(key, cert, false)).keyId()).isEqualTo(rotated.keyId());
		assertThatExceptionOfType(SigningKeyMismatchException.class).as("a node without the files")
			.isThrownBy(() -> node("d", properties()));
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
		assertThat(node("a", properties()).keyId()).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");
	}

	@Test
	void tokenThenSignedWithKidAudienceAsStringAndAccess() throws Exception {
		SigningKey key = node("a", properties());
		TokenIssuer issuer = new TokenIssuer(key, properties());

		SignedJWT jwt = SignedJWT.parse(issuer
			.issue("alice", List.of(Access.repository("acme-apps/nginx", List.of("pull"))))
			.token());

		assertThat(jwt.verify(new ECDSAVerifier(
				(ECPublicKey) key.certificate().getPublicKey()))).isTrue();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.keyId());
		assertThat(jwt.getPayload().toString()).contains("\"aud\":\"svc\"", "\"iss\":\"iss\"", "\"sub\":\"alice\"");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime()
				- jwt.getJWTClaimsSet().getIssueTime().getTime()).isEqualTo(300_000);
	}

	private SigningKey node(String name, RegistryProperties properties) {
		return new SigningKey(properties, this.secrets, this.temp.resolve(name), Clock.systemUTC());
	}

	private static RegistryProperties properties() {
		return properties(null, null, false);
	}

	private static RegistryProperties properties(Path key, Path cert, boolean replace) {
		return new RegistryProperties(true, null, null, null, null, "svc", "iss", Duration.ofMinutes(5),
				Duration.ofSeconds(60), null, true, true, key, cert, replace, null);
	}

	/** A key pair as an operator makes it (PKCS#8 key, self-signed certificate), through a node of its own database. */
	private void writeKeyPair(Path keyFile, Path certificateFile) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
		Files.writeString(certificateFile,
				pem(SigningKey.selfSignedCertificate(pair, Instant.now())));
	}

	private static String pem(Object object) throws Exception {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(
				text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	private static PublicKey certificate(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
		}
	}

}

package dev.berth.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.encoders.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key the console signs registry tokens with (ES256), and its self-signed certificate. Both
 * are generated on the first start (BouncyCastle builds and encodes the certificate) and kept as
 * PEM files in {@code <data-dir>/registry/}; the certificate file is the bundle the registry trusts
 * ({@code auth.token.rootcertbundle}).
 */
@Component
class SigningKey {

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	private static final Duration VALIDITY = Duration.ofDays(3650);

	private final ECPrivateKey privateKey;

	private final X509Certificate certificate;

	private final Path bundle;

	private final String keyId;

	SigningKey(@Value("${berth.data-dir}") Path dataDir, Clock clock) {
		Path folder = dataDir.resolve("registry");
		Path keyFile = folder.resolve("token-signing-key.pem");
		this.bundle = folder.resolve("token-signing-cert.pem");
		try {
			if (!Files.exists(keyFile) || !Files.exists(this.bundle)) {
				KeyPair pair = newKeyPair();
				Files.createDirectories(folder);
				writePrivate(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
				Files.writeString(this.bundle, pem(selfSignedCertificate(pair, clock.instant())));
				log.info("Generated the registry token signing key and certificate in {}", folder.toAbsolutePath());
			}
			this.privateKey = (ECPrivateKey) new JcaPEMKeyConverter().getPrivateKey(privateKeyInfo(readPem(keyFile)));
			this.certificate = new JcaX509CertificateConverter()
				.getCertificate((X509CertificateHolder) readPem(this.bundle));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the token signing key in " + folder, ex);
		}
		catch (GeneralSecurityException | OperatorCreationException | ClassCastException ex) {
			throw new IllegalStateException("Unusable token signing key in " + folder, ex);
		}
		this.keyId = libtrustKeyId(this.certificate.getPublicKey());
	}

	ECPrivateKey privateKey() {
		return this.privateKey;
	}

	X509Certificate certificate() {
		return this.certificate;
	}

	/** The PEM file of certificates the registry trusts. */
	Path bundle() {
		return this.bundle;
	}

	/** The JWT header {@code kid} the registry looks the key up by. */
	String keyId() {
		return this.keyId;
	}

	/**
	 * libtrust's key id (Docker's, which no library offers): SHA-256 of the DER
	 * SubjectPublicKeyInfo, first 30 bytes, base32 without padding, in groups of four joined by
	 * colons.
	 */
	static String libtrustKeyId(PublicKey key) {
		byte[] hash;
		try {
			hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		String base32 = Base32.toBase32String(Arrays.copyOf(hash, 30)); // 30 bytes: 48 characters, no padding
		return String.join(":", base32.split("(?<=\\G.{4})"));
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	/** A self-signed X.509 v3 certificate of the key, for the registry's trust bundle. */
	static X509CertificateHolder selfSignedCertificate(KeyPair pair, Instant now) throws OperatorCreationException {
		X500Name name = new X500Name("CN=Berth registry token signer");
		return new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
				Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
	}

	private static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	/** PKCS#8 ("PRIVATE KEY") as written here, or an OpenSSL "EC PRIVATE KEY" an operator supplied. */
	private static PrivateKeyInfo privateKeyInfo(Object pem) throws GeneralSecurityException {
		if (pem instanceof PEMKeyPair pair) {
			return pair.getPrivateKeyInfo();
		}
		if (pem instanceof PrivateKeyInfo info) {
			return info;
		}
		throw new GeneralSecurityException("not a private key");
	}

	private static Object readPem(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			return parser.readObject();
		}
	}

	private static void writePrivate(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		try (Writer writer = Files.newBufferedWriter(file)) {
			writer.write(content);
		}
	}

}

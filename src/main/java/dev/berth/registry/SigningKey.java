package dev.berth.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key the console signs registry tokens with (ES256), and its self-signed certificate. Both
 * are generated on the first start and kept as PEM files in {@code <data-dir>/registry/}; the
 * certificate file is the bundle the registry trusts ({@code auth.token.rootcertbundle}).
 */
@Component
class SigningKey {

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

	private static final String COMMON_NAME = "2.5.4.3";

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
				generate(folder, keyFile, this.bundle, clock.instant());
				log.info("Generated the registry token signing key and certificate in {}", folder.toAbsolutePath());
			}
			this.privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(pem(Files.readString(keyFile))));
			this.certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(Files.readAllBytes(this.bundle)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the token signing key in " + folder, ex);
		}
		catch (GeneralSecurityException ex) {
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
	 * libtrust's key id: SHA-256 of the DER SubjectPublicKeyInfo, first 30 bytes, base32
	 * without padding, in groups of four joined by colons.
	 */
	static String libtrustKeyId(PublicKey key) {
		byte[] hash;
		try {
			hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		String base32 = base32(Arrays.copyOf(hash, 30));
		StringBuilder id = new StringBuilder();
		for (int i = 0; i < base32.length(); i += 4) {
			if (i > 0) {
				id.append(':');
			}
			id.append(base32, i, i + 4);
		}
		return id.toString();
	}

	private static String base32(byte[] data) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(alphabet.charAt((buffer >>> (bits - 5)) & 0x1f));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(alphabet.charAt((buffer << (5 - bits)) & 0x1f));
		}
		return out.toString();
	}

	private static void generate(Path folder, Path keyFile, Path certFile, Instant now)
			throws IOException, GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		byte[] certificate = selfSignedCertificate(pair, "Berth registry token signer", now, Duration.ofDays(3650));
		Files.createDirectories(folder);
		writePrivate(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		Files.writeString(certFile, pem("CERTIFICATE", certificate));
	}

	/** A minimal X.509 v3 certificate (no extensions), signed with its own key. */
	static byte[] selfSignedCertificate(KeyPair pair, String commonName, Instant notBefore, Duration validity)
			throws GeneralSecurityException {
		byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
		byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
		byte[] serial = new byte[16];
		new SecureRandom().nextBytes(serial);
		byte[] tbs = Der.sequence(Der.explicit(0, Der.integer(BigInteger.TWO)), Der.integer(new BigInteger(1, serial)),
				algorithm, name, Der.sequence(Der.time(notBefore.minus(Duration.ofMinutes(5))), Der.time(notBefore.plus(validity))),
				name, pair.getPublic().getEncoded());
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(pair.getPrivate());
		signer.update(tbs);
		byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
		// Parse and verify what was written, so that a broken encoding fails here and not in the registry.
		X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(der));
		parsed.verify(pair.getPublic());
		return der;
	}

	private static void writePrivate(Path file, String content) throws IOException {
		Files.deleteIfExists(file);
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		Files.writeString(file, content);
	}

	static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	private static byte[] pem(String text) {
		String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

}

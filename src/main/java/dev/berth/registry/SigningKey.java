package dev.berth.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

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
 * The key the console signs registry tokens with (ES256), and its certificate: one for every node.
 * Either the nodes create it once — the first one, under the installation lock, with a
 * self-signed certificate that BouncyCastle builds — and keep it in the database ({@link
 * SharedSecrets}), or the operator gives every node the same PEM files
 * ({@code berth.registry.signing-key-file}, {@code signing-cert-file}). A node whose files hold
 * another key than the one the database records refuses to start, unless it is told to replace it
 * ({@code berth.registry.replace-signing-key}, key rotation); a node never rewrites the key
 * otherwise. The PEM files an earlier version kept in {@code <data-dir>/registry/} are moved into
 * the database on the first start that finds none there.
 *
 * <p>
 * Each node writes the certificate to {@code <data-dir>/registry/token-signing-cert.pem}: the
 * bundle its managed registry trusts ({@code auth.token.rootcertbundle}).
 * <p>
 * One class on purpose: the key, its certificate and the database's copy are created, checked
 * against each other and written together.
 */
@Component
class SigningKey {

	static final String KEY = "token-signing-key";

	static final String CERTIFICATE = "token-signing-cert";

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	private static final Duration VALIDITY = Duration.ofDays(3650);

	private final ECPrivateKey privateKey;

	private final X509Certificate certificate;

	private final Path bundle;

	private final String keyId;

	SigningKey(RegistryProperties properties, SharedSecrets secrets, @Value("${berth.data-dir}") Path dataDir,
			Clock clock) {
		Path folder = dataDir.resolve("registry");
		Pems pems = (properties.signingKeyFile() != null) ? configured(properties, secrets)
				: shared(secrets, folder, clock);
		try {
			this.privateKey = (ECPrivateKey) new JcaPEMKeyConverter()
				.getPrivateKey(privateKeyInfo(parsePem(pems.key())));
			this.certificate = new JcaX509CertificateConverter()
				.getCertificate((X509CertificateHolder) parsePem(pems.certificate()));
			if (!matches(this.privateKey, this.certificate)) {
				throw new GeneralSecurityException("the certificate is not the private key's");
			}
		}
		catch (IOException | GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException("Unusable token signing key (" + pems.origin() + "): " + ex.getMessage(),
					ex);
		}
		this.keyId = libtrustKeyId(this.certificate.getPublicKey());
		this.bundle = (properties.signingCertFile() != null) ? properties.signingCertFile().toAbsolutePath()
				: folder.resolve("token-signing-cert.pem");
		if (properties.signingCertFile() == null) {
			writeBundle(folder, pems.certificate());
		}
		log.info("Signing registry tokens with key id {} ({})", this.keyId, pems.origin());
	}

	/** The key the nodes share in the database, made (or moved there from the data folder) if missing. */
	private static Pems shared(SharedSecrets secrets, Path folder, Clock clock) {
		return secrets.underLock(() -> {
			Optional<String> key = secrets.find(KEY);
			Optional<String> certificate = secrets.find(CERTIFICATE);
			if (key.isPresent() && certificate.isPresent()) {
				return new Pems(key.get(), certificate.get(), "shared through the database");
			}
			if (certificate.isPresent()) {
				throw new SigningKeyMismatchException("The other nodes sign registry tokens with a key from files (key id "
						+ keyIdOf(certificate.get())
						+ "); this node has none. Give it the same berth.registry.signing-key-file and"
						+ " berth.registry.signing-cert-file.");
			}
			Pems made = fromDataFolder(folder).orElseGet(() -> generate(clock));
			secrets.put(KEY, made.key());
			secrets.put(CERTIFICATE, made.certificate());
			log.info("Token signing key {} and stored in the database for every node", made.origin());
			return new Pems(made.key(), made.certificate(), "shared through the database");
		});
	}

	/** The operator's files; the database records their certificate, so that every node must use the same. */
	private static Pems configured(RegistryProperties properties, SharedSecrets secrets) {
		Pems files;
		try {
			files = new Pems(Files.readString(properties.signingKeyFile()),
					Files.readString(properties.signingCertFile()), "from " + properties.signingKeyFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the token signing key " + properties.signingKeyFile() + " or"
					+ " its certificate " + properties.signingCertFile(), ex);
		}
		String mine = keyIdOf(files.certificate());
		return secrets.underLock(() -> {
			Optional<String> recorded = secrets.find(CERTIFICATE);
			if (recorded.isEmpty()) {
				secrets.put(CERTIFICATE, files.certificate());
				return files;
			}
			String theirs = keyIdOf(recorded.get());
			if (theirs.equals(mine)) {
				return files;
			}
			if (!properties.replaceSigningKey()) {
				throw new SigningKeyMismatchException("The token signing key in " + properties.signingKeyFile()
						+ " (key id " + mine + ") is not the one the other nodes sign with (the database records key id "
						+ theirs + "). Give every node the same berth.registry.signing-key-file and"
						+ " berth.registry.signing-cert-file, or, to move every node to this key, add its certificate"
						+ " to the registry's bundle and start this node once with"
						+ " --berth.registry.replace-signing-key=true (README: Rotate the token signing key).");
			}
			secrets.remove(KEY);
			secrets.put(CERTIFICATE, files.certificate());
			log.warn("Replaced the token signing key {} with {}: nodes still on the old key must be restarted with the"
					+ " new files; the registry must trust both until then", theirs, mine);
			return files;
		});
	}

	/** The PEM files an earlier version of the console kept in the data folder. */
	private static Optional<Pems> fromDataFolder(Path folder) {
		Path keyFile = folder.resolve("token-signing-key.pem");
		Path certificateFile = folder.resolve("token-signing-cert.pem");
		if (!Files.isRegularFile(keyFile) || !Files.isRegularFile(certificateFile)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new Pems(Files.readString(keyFile), Files.readString(certificateFile),
					"moved from " + folder.toAbsolutePath() + " (that key file is no longer read)"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the token signing key in " + folder, ex);
		}
	}

	private static Pems generate(Clock clock) {
		try {
			KeyPair pair = newKeyPair();
			return new Pems(pem(new JcaPKCS8Generator(pair.getPrivate(), null)),
					pem(selfSignedCertificate(pair, clock.instant())), "generated");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Cannot generate a token signing key", ex);
		}
	}

	private static String keyIdOf(String certificatePem) {
		try {
			return libtrustKeyId(new JcaX509CertificateConverter()
				.getCertificate((X509CertificateHolder) parsePem(certificatePem))
				.getPublicKey());
		}
		catch (IOException | GeneralSecurityException | ClassCastException ex) {
			throw new IllegalStateException("Unusable token signing certificate: " + ex.getMessage(), ex);
		}
	}

	/** Whether the certificate holds the private key's public half: a signature made with one checks out with the other. */
	private static boolean matches(ECPrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
		byte[] probe = new byte[32];
		new SecureRandom().nextBytes(probe);
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(key);
		signer.update(probe);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(certificate.getPublicKey());
		verifier.update(probe);
		return verifier.verify(signature);
	}

	private void writeBundle(Path folder, String certificatePem) {
		try {
			Files.createDirectories(folder);
			if (Files.isRegularFile(this.bundle) && Files.readString(this.bundle).equals(certificatePem)) {
				return;
			}
			Path next = Files.createTempFile(folder, "token-signing-cert", ".tmp");
			Files.writeString(next, certificatePem);
			Files.move(next, this.bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the token signing certificate " + this.bundle, ex);
		}
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

	private static Object parsePem(String text) throws IOException {
		try (PEMParser parser = new PEMParser(new StringReader(text))) {
			return parser.readObject();
		}
	}

	/** A key and its certificate as PEM text, and where they came from (for the log). */
	private record Pems(String key, String certificate, String origin) {
	}

}

package dev.berth.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A tiny OCI image built in memory, without Docker: one gzip'd tar layer holding one file
 * (deterministic: mtime 0, fixed owner and mode), a config whose {@code rootfs.diff_ids} is the
 * SHA-256 of the uncompressed tar, and an OCI manifest. The same content always gives the same digests.
 */
final class ImageBuilder {

	static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

	static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";

	static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

	private ImageBuilder() {
	}

	static BuiltImage build(String fileName, String content) {
		byte[] tar = tar(fileName, content.getBytes(StandardCharsets.UTF_8));
		byte[] layer = gzip(tar);
		String diffId = digest(tar);
		byte[] config = """
				{"architecture":"amd64","os":"linux","config":{"Cmd":["/bin/sh"]},\
				"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"berth image builder"}]}"""
			.formatted(diffId)
			.getBytes(StandardCharsets.UTF_8);
		byte[] manifest = """
				{"schemaVersion":2,"mediaType":"%s",\
				"config":{"mediaType":"%s","digest":"%s","size":%d},\
				"layers":[{"mediaType":"%s","digest":"%s","size":%d}]}"""
			.formatted(MANIFEST_TYPE, CONFIG_TYPE, digest(config), config.length, LAYER_TYPE, digest(layer),
					layer.length)
			.getBytes(StandardCharsets.UTF_8);
		return new BuiltImage(layer, config, manifest);
	}

	static String digest(byte[] data) {
		try {
			return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A ustar archive with one regular file. */
	static byte[] tar(String fileName, byte[] content) {
		byte[] header = new byte[512];
		put(header, 0, fileName, 100);
		put(header, 100, "0000644", 8);
		put(header, 108, "0000000", 8);
		put(header, 116, "0000000", 8);
		put(header, 124, String.format("%011o", content.length), 12);
		put(header, 136, "00000000000", 12);
		header[156] = '0';
		put(header, 257, "ustar", 6);
		put(header, 263, "00", 2);
		put(header, 265, "root", 32);
		put(header, 297, "root", 32);
		for (int i = 148; i < 156; i++) {
			header[i] = ' ';
		}
		int sum = 0;
		for (byte b : header) {
			sum += b & 0xff;
		}
		put(header, 148, String.format("%06o", sum), 7);
		header[155] = ' ';
		int padded = ((content.length + 511) / 512) * 512;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(header);
		out.writeBytes(content);
		out.writeBytes(new byte[padded - content.length]);
		out.writeBytes(new byte[1024]);
		return out.toByteArray();
	}

	private static void put(byte[] header, int offset, String value, int length) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
	}

	/** Java's GZIP header has mtime 0 and no file name, so the output is deterministic. */
	private static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	record BuiltImage(byte[] layer, byte[] config, byte[] manifest) {

		String layerDigest() {
			return digest(this.layer);
		}

		String configDigest() {
			return digest(this.config);
		}

		String manifestDigest() {
			return digest(this.manifest);
		}

		/** What the console shows as the image size: config plus layers, as stored in the registry. */
		long size() {
			return (long) this.config.length + this.layer.length;
		}

	}

}

package dev.berth.registry;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER (ASN.1) encodings a minimal self-signed X.509 certificate needs.
 */
final class Der {

	private Der() {
	}

	static byte[] sequence(byte[]... parts) {
		return tlv(0x30, concat(parts));
	}

	static byte[] set(byte[]... parts) {
		return tlv(0x31, concat(parts));
	}

	static byte[] integer(BigInteger value) {
		return tlv(0x02, value.toByteArray());
	}

	static byte[] oid(String dotted) {
		String[] arcs = dotted.split("\\.");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
		for (int i = 2; i < arcs.length; i++) {
			long arc = Long.parseLong(arcs[i]);
			int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
			for (int g = groups - 1; g >= 0; g--) {
				int sevenBits = (int) ((arc >>> (7 * g)) & 0x7f);
				out.write((g > 0) ? (sevenBits | 0x80) : sevenBits);
			}
		}
		return tlv(0x06, out.toByteArray());
	}

	static byte[] utf8(String text) {
		return tlv(0x0c, text.getBytes(StandardCharsets.UTF_8));
	}

	/** UTCTime until 2049, GeneralizedTime from 2050 on, as RFC 5280 requires. */
	static byte[] time(Instant instant) {
		var utc = instant.atOffset(ZoneOffset.UTC);
		if (utc.getYear() < 2050) {
			return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc).getBytes(StandardCharsets.US_ASCII));
		}
		return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc).getBytes(StandardCharsets.US_ASCII));
	}

	static byte[] bitString(byte[] bits) {
		byte[] content = new byte[bits.length + 1];
		System.arraycopy(bits, 0, content, 1, bits.length);
		return tlv(0x03, content);
	}

	/** A context-specific constructed tag, e.g. {@code [0]} around the certificate version. */
	static byte[] explicit(int number, byte[] content) {
		return tlv(0xa0 | number, content);
	}

	static byte[] tlv(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			byte[] lengthBytes = BigInteger.valueOf(length).toByteArray();
			int start = (lengthBytes[0] == 0) ? 1 : 0;
			out.write(0x80 | (lengthBytes.length - start));
			out.write(lengthBytes, start, lengthBytes.length - start);
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}

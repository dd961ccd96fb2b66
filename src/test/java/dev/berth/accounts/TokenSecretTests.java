package dev.berth.accounts;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The secret's format, checksum and hash. */
class TokenSecretTests {

	@Test
	void generateThenPrefixFortyThreeBase62AndAChecksum() {
		String secret = TokenSecret.generate();

		assertThat(secret).hasSize(59).startsWith("berth_pat_").matches("berth_pat_[0-9A-Za-z]{49}");
		assertThat(TokenSecret.hashOf(secret)).isPresent();
	}

	@Test
	void generateTwiceThenDifferentSecretsAndHashes() {
		Set<String> hashes = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			hashes.add(TokenSecret.hashOf(TokenSecret.generate()).orElseThrow());
		}
		assertThat(hashes).hasSize(1000);
	}

	@Test
	void hashThenSha256InHexOfTheWholeSecret() {
		String secret = TokenSecret.generate();

		assertThat(TokenSecret.hashOf(secret)).contains(TokenSecret.sha256(secret));
		assertThat(TokenSecret.hashOf(secret).orElseThrow()).matches("[0-9a-f]{64}");
	}

	@Test
	void oneCharacterChangedThenTheChecksumRefusesIt() {
		String secret = TokenSecret.generate();
		char c = secret.charAt(20);
		String typo = secret.substring(0, 20) + (c == 'a' ? 'b' : 'a') + secret.substring(21);

		assertThat(TokenSecret.hashOf(typo)).isEmpty();
	}

	@Test
	void malformedThenNoHash() {
		String secret = TokenSecret.generate();

		assertThat(TokenSecret.hashOf(null)).isEmpty();
		assertThat(TokenSecret.hashOf("")).isEmpty();
		assertThat(TokenSecret.hashOf("demo12345")).isEmpty();
		assertThat(TokenSecret.hashOf(secret.substring(0, 58))).isEmpty();
		assertThat(TokenSecret.hashOf(secret + "x")).isEmpty();
		assertThat(TokenSecret.hashOf("berth_pat_" + "!".repeat(49))).isEmpty();
		assertThat(TokenSecret.hashOf(secret.replace("berth_pat_", "berth_pak_"))).isEmpty();
	}

	@Test
	void checksumThenSixBase62Digits() {
		assertThat(TokenSecret.checksum("berth_pat_" + "0".repeat(43))).matches("[0-9A-Za-z]{6}");
	}

	@Test
	void sameHashComparesWholeValues() {
		assertThat(TokenSecret.sameHash("abc", "abc")).isTrue();
		assertThat(TokenSecret.sameHash("abc", "abd")).isFalse();
		assertThat(TokenSecret.sameHash(null, "abc")).isFalse();
	}

}

package dev.berth.support;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTests {

	final Formats formats = new Formats();

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0|0 B", "1023|1023 B", "1024|1.0 KB", "1536|1.5 KB", "1587|1.5 KB",
			"1588|1.6 KB", "102348|99.9 KB", "102349|100.0 KB", "102400|100 KB", "31457280|30.0 MB", "1073741824|1.0 GB",
			"1099511627776|1.0 TB", "1125899906842624|1024 TB", "1152921504606846976|1048576 TB" })
	void sizeThenOneDecimalBelowAHundredOfTheUnitAndNoneAbove(long bytes, String shown) {
		assertThat(this.formats.size(bytes)).isEqualTo(shown);
	}

	/** Sizes read as {@code String.format("%.1f %s")} printed them, for any size. */
	@Test
	void sizeThenWhatTheFormatterPrintedForAnySize() {
		Random random = new Random(9);
		for (int i = 0; i < 100_000; i++) {
			long bytes = 1024 + (long) Math.pow(2, random.nextDouble() * 50);
			assertThat(this.formats.size(bytes)).as("%d bytes", bytes).isEqualTo(formatted(bytes));
		}
	}

	private static String formatted(long bytes) {
		String[] units = { "B", "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, (value >= 100) ? "%.0f %s" : "%.1f %s", value, units[unit]);
	}

}

package dev.berth.sharing;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.berth.sharing.SharesFilter.Key;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sharing tab's order and pages, as the tab puts an image's shares in order itself. */
class SharesFilterTests {

	/** Accounts 1–4 by name: 3 "acct-a", 1 "acct-b", 4 "acct-b.x", 2 "acct-c". */
	private static final Map<Long, String> NAMES = Map.of(1L, "acct-b", 2L, "acct-c", 3L, "acct-a", 4L, "acct-b.x");

	@Test
	void byAccountThenByNameInEitherDirection() {
		List<Key> shares = List.of(new Key(10, 1, 0), new Key(11, 2, 0), new Key(12, 3, 0), new Key(13, 4, 0));
		assertThat(new SharesFilter(null, null, 1).ordered(shares, NAMES)).containsExactly(12L, 10L, 13L, 11L);
		assertThat(new SharesFilter("account", "desc", 1).ordered(shares, NAMES)).containsExactly(11L, 13L, 10L, 12L);
	}

	/** As the statement's coalesce had it: no Valid Until after every day, and the same day by name, ascending. */
	@Test
	void byValidUntilThenPermanentSharesLastAndTheSameDayByName() {
		List<Key> shares = List.of(new Key(10, 1, 20_000), new Key(11, 2, Long.MAX_VALUE), new Key(12, 3, 20_000),
				new Key(13, 4, 19_000));
		assertThat(new SharesFilter("validUntil", "asc", 1).ordered(shares, NAMES)).containsExactly(13L, 12L, 10L, 11L);
		assertThat(new SharesFilter("validUntil", "desc", 1).ordered(shares, NAMES)).containsExactly(11L, 12L, 10L, 13L);
	}

	@Test
	void byLastPullThenNeverPulledFirst() {
		List<Key> shares = List.of(new Key(10, 1, 5), new Key(11, 2, Long.MIN_VALUE), new Key(12, 3, 7));
		assertThat(new SharesFilter("lastPull", "asc", 1).ordered(shares, NAMES)).containsExactly(11L, 10L, 12L);
		assertThat(new SharesFilter("lastPull", "desc", 1).ordered(shares, NAMES)).containsExactly(12L, 10L, 11L);
	}

	@Test
	void aPagePastTheEndThenTheLastPageAndAnEmptyListOnePage() {
		List<Integer> shares = IntStream.range(0, 120).boxed().toList();
		var last = new SharesFilter(null, null, 9).pageOf(shares);
		assertThat(last.page()).isEqualTo(3);
		assertThat(last.items()).containsExactlyElementsOf(shares.subList(100, 120));
		assertThat(last.total()).isEqualTo(120);
		var second = new SharesFilter(null, null, 2).pageOf(shares);
		assertThat(second.items()).containsExactlyElementsOf(shares.subList(50, 100));
		var none = new SharesFilter(null, null, 4).pageOf(List.of());
		assertThat(none.page()).isEqualTo(1);
		assertThat(none.items()).isEmpty();
	}

}

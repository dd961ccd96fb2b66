package dev.berth.support;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageOfTests {

	@Test
	void countedWhenTheListEndsWithinTheCountThenItsTotalIsExact() {
		PageOf<String> page = PageOf.counted(List.of("a"), 3, 10, 21);
		assertThat(page.more()).isFalse();
		assertThat(page.total()).isEqualTo(21);
		assertThat(page.pages()).isEqualTo(3);
		assertThat(page.hasNext()).isFalse();
	}

	@Test
	void countedWhenTheListGoesOnPastTheCountThenMoreWithTheCountAsTotal() {
		PageOf<String> page = PageOf.counted(List.of("a"), 2, 10, PageOf.countedTo(2, 10) + 1);
		assertThat(page.more()).isTrue();
		assertThat(page.total()).isEqualTo(1_020);
		assertThat(page.hasNext()).isTrue();
		assertThat(page.isPastEnd()).isFalse();
	}

	@Test
	void countedWhenThePageLiesPastTheEndThenPastEnd() {
		PageOf<String> page = PageOf.counted(List.of(), 50, 10, 24);
		assertThat(page.isPastEnd()).isTrue();
		assertThat(page.pages()).isEqualTo(3);
	}

	@Test
	void countedRowsThenTheCountTheyCarryAndTheirRowsInOrder() {
		PageOf<String> page = PageOf.counted(List.of(new PageOf.Counted<>("b", 24), new PageOf.Counted<>("a", 24)), 1, 10,
				() -> {
					throw new AssertionError("a page with rows is not counted again");
				});
		assertThat(page.items()).containsExactly("b", "a");
		assertThat(page.total()).isEqualTo(24);
	}

	@Test
	void countedRowsWhenThePageIsEmptyThenTheListIsCountedAlone() {
		PageOf<String> page = PageOf.counted(List.<PageOf.Counted<String>>of(), 50, 10, () -> 24);
		assertThat(page.total()).isEqualTo(24);
		assertThat(page.isPastEnd()).isTrue();
	}

}

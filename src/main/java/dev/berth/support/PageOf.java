package dev.berth.support;

import java.util.List;

/**
 * One page of a list, with what the pager needs. A long list is counted only a little past the
 * page ({@link #countedTo}); its {@code total} is then what was counted, and {@code more} says the
 * list goes on ("1–10 of more than 1,010"), so that a page's cost does not grow with the list.
 */
public record PageOf<T>(List<T> items, int page, int size, long total, boolean more) {

	/** How far past a page a list is counted; beyond it the pager says "more than". */
	public static final int COUNTED_AHEAD = 1_000;

	public PageOf(List<T> items, int page, int size, long total) {
		this(items, page, size, total, false);
	}

	/**
	 * How many rows to count for a page: up to {@value #COUNTED_AHEAD} past it. Count at most one
	 * more than this, and give the result to {@link #counted}.
	 */
	public static long countedTo(int page, int size) {
		return (long) page * size + COUNTED_AHEAD;
	}

	/** A page of a list counted to {@link #countedTo} + 1 rows, {@code counted} found. */
	public static <T> PageOf<T> counted(List<T> items, int page, int size, long counted) {
		long cap = countedTo(page, size);
		return new PageOf<>(items, page, size, Math.min(counted, cap), counted > cap);
	}

	/** How many pages the counted rows fill; when {@link #more}, the list has more than these. */
	public int pages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.more || this.page < pages();
	}

	public long first() {
		return this.total == 0 ? 0 : (long) (this.page - 1) * this.size + 1;
	}

	public long last() {
		return Math.min(this.total, (long) this.page * this.size);
	}

	public boolean isEmpty() {
		return this.items.isEmpty();
	}

	/**
	 * Whether this page lies past the last one, as a link kept from when the list was longer asks;
	 * the lists answer with their last page instead.
	 */
	public boolean isPastEnd() {
		return !this.more && this.page > pages();
	}

}

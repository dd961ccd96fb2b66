package dev.berth.support;

import java.util.List;

/**
 * One page of a list, with what the pager needs.
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.page < pages();
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
		return this.page > pages();
	}

}

package dev.berth.support;

import java.util.List;
import java.util.function.LongSupplier;

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

	/**
	 * The column that counts a list in the statement that reads its page, so that a page is one
	 * round trip to the database: an uncorrelated subquery, which the databases run once. It
	 * counts the rows of {@code from} that match {@code where} (the list's own condition and
	 * parameters) to the parameter {@code :cap}, {@link #countedTo} + 1; read it with
	 * {@link Counted} and give the rows to {@link #counted(List, int, int, LongSupplier)}.
	 */
	public static String countColumn(String from, String where) {
		return countColumn("from " + from + " where " + where);
	}

	/** {@link #countColumn(String, String)} of a list's whole {@code from … where …}. */
	public static String countColumn(String fromWhere) {
		return "(" + countQuery(fromWhere) + ") as counted";
	}

	/** The count of {@link #countColumn(String, String)} on its own, for a page without rows. */
	public static String countQuery(String from, String where) {
		return countQuery("from " + from + " where " + where);
	}

	private static String countQuery(String fromWhere) {
		return "select count(*) from (select 1 " + fromWhere + " limit :cap) c";
	}

	/** A page of a list whose rows carry its count ({@link #countColumn}); {@code countAlone} counts an empty page's list. */
	public static <T> PageOf<T> counted(List<Counted<T>> rows, int page, int size, LongSupplier countAlone) {
		return counted(rows, page, size, 0, countAlone);
	}

	/**
	 * The same for a list read on from a row ({@code skipped} rows of it come before the page), so
	 * counted from there: to {@link #countedTo(int, int, long)} + 1 rows.
	 */
	public static <T> PageOf<T> counted(List<Counted<T>> rows, int page, int size, long skipped, LongSupplier countAlone) {
		return counted(Counted.rows(rows), page, size, skipped + Counted.count(rows, countAlone));
	}

	/** {@link #countedTo(int, int)} for a list counted from past its first {@code skipped} rows. */
	public static long countedTo(int page, int size, long skipped) {
		return countedTo(page, size) - skipped;
	}

	/** A row of a page and the count of its list, read in one statement ({@link #countColumn}). */
	public record Counted<T>(T row, long counted) {

		/** The rows, in their order. */
		public static <T> List<T> rows(List<Counted<T>> rows) {
			return rows.stream().map(Counted::row).toList();
		}

		/** The count the rows carry; with no rows, the list's count alone from {@code countAlone}. */
		public static long count(List<? extends Counted<?>> rows, LongSupplier countAlone) {
			return rows.isEmpty() ? countAlone.getAsLong() : rows.get(0).counted();
		}

	}

	/** How many pages the counted rows fill; when {@link #more}, the list has more than these. */
	public int pages() {
		return place().pages();
	}

	public boolean hasPrevious() {
		return place().hasPrevious();
	}

	public boolean hasNext() {
		return place().hasNext();
	}

	public long first() {
		return place().first();
	}

	public long last() {
		return place().last();
	}

	/** Where this page lies in its list, without its rows: what a pager shows. */
	public Place place() {
		return new Place(this.page, this.size, this.total, this.more);
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

	/**
	 * Where a page lies in its list: its number and size and the list's count ({@code more}: the
	 * list has more rows than {@code total}). A value, so that a pager's HTML can be kept for it.
	 */
	public record Place(int page, int size, long total, boolean more) {

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

		/** The number of the page's first row (from 1), 0 in an empty list. */
		public long first() {
			return this.total == 0 ? 0 : (long) (this.page - 1) * this.size + 1;
		}

		public long last() {
			return Math.min(this.total, (long) this.page * this.size);
		}

	}

}

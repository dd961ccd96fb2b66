package dev.berth.sharing;

import java.util.List;

/**
 * A sharing rule said no. Carries every broken rule with its message; nothing was saved.
 */
public class ShareRefusedException extends RuntimeException {

	private final List<Problem> problems;

	private final Long existingShareId;

	ShareRefusedException(List<Problem> problems, Long existingShareId) {
		super(problems.get(0).message());
		this.problems = List.copyOf(problems);
		this.existingShareId = existingShareId;
	}

	ShareRefusedException(Refusal reason, String message) {
		this(List.of(new Problem(reason, message)), null);
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/** The first (most important) reason. */
	public Refusal reason() {
		return this.problems.get(0).reason();
	}

	/** For {@link Refusal#ALREADY_SHARED}: the share that already exists, to offer for editing. */
	public Long existingShareId() {
		return this.existingShareId;
	}

	/** One broken rule and what the user reads about it. */
	public record Problem(Refusal reason, String message) {

	}

}

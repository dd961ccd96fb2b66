package dev.berth.sharing;

import java.util.List;
import java.util.stream.Collectors;

import dev.berth.support.ProblemException;

import org.springframework.validation.BindingResult;

/**
 * A sharing rule said no. Carries every broken rule with its message; nothing was saved. The JSON
 * API answers with the first rule's status and code, and all the messages as the detail.
 */
public class ShareRefusedException extends ProblemException {

	private final List<Problem> problems;

	private final Long existingShareId;

	ShareRefusedException(List<Problem> problems, Long existingShareId) {
		super(problems.get(0).reason().status(), problems.get(0).reason().code(),
				problems.stream().map(Problem::message).collect(Collectors.joining(" ")));
		this.problems = List.copyOf(problems);
		this.existingShareId = existingShareId;
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/** The first (most important) reason. */
	public Refusal reason() {
		return this.problems.get(0).reason();
	}

	/** The message of the first broken rule, the {@link #reason()}. */
	String reasonMessage() {
		return this.problems.get(0).message();
	}

	/** Each broken rule next to its field of the share form (or above the form when it has none). */
	void rejectInto(BindingResult result) {
		for (Problem problem : this.problems) {
			if (problem.reason().field() != null) {
				result.rejectValue(problem.reason().field(), "refusal." + problem.reason().code(), problem.message());
			}
			else {
				result.reject("refusal." + problem.reason().code(), problem.message());
			}
		}
	}

	/** Whether {@link #rejectInto} put this reason into the result. */
	static boolean rejectedFor(BindingResult result, Refusal reason) {
		return result.getAllErrors().stream().anyMatch(error -> ("refusal." + reason.code()).equals(error.getCode()));
	}

	/** For {@link Refusal#ALREADY_SHARED}: the share that already exists, to offer for editing. */
	public Long existingShareId() {
		return this.existingShareId;
	}

	/** One broken rule and what the user reads about it. */
	public record Problem(Refusal reason, String message) {

	}

}

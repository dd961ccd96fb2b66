package dev.berth.sharing;

import org.springframework.http.HttpStatus;

/**
 * Why a share was refused: the message key, the form field the message belongs to, and the HTTP
 * status and code the JSON API answers with.
 */
public enum Refusal {

	NOT_MANAGER(null, HttpStatus.FORBIDDEN, true),

	NOT_PRIVATE(null, HttpStatus.BAD_REQUEST),

	ACCOUNT_REQUIRED("shareWith", HttpStatus.BAD_REQUEST),

	UNKNOWN_ACCOUNT("shareWith", HttpStatus.BAD_REQUEST),

	OWN_ACCOUNT("shareWith", HttpStatus.BAD_REQUEST),

	CROSS_REGION("shareWith", HttpStatus.BAD_REQUEST, true),

	ALREADY_SHARED("shareWith", HttpStatus.CONFLICT),

	QUOTA_REACHED("shareWith", HttpStatus.CONFLICT, true),

	DESCRIPTION_TOO_LONG("description", HttpStatus.BAD_REQUEST),

	DESCRIPTION_CHARACTERS("description", HttpStatus.BAD_REQUEST),

	VALID_UNTIL_REQUIRED("validUntil", HttpStatus.BAD_REQUEST),

	VALID_UNTIL_PAST("validUntil", HttpStatus.BAD_REQUEST),

	VALID_UNTIL_TOO_LATE("validUntil", HttpStatus.BAD_REQUEST),

	/** The share's terms changed since the form was opened (another user, another tab). */
	CHANGED_MEANWHILE(null, HttpStatus.CONFLICT);

	private final String field;

	private final HttpStatus status;

	private final boolean audited;

	Refusal(String field, HttpStatus status) {
		this(field, status, false);
	}

	Refusal(String field, HttpStatus status, boolean audited) {
		this.field = field;
		this.status = status;
		this.audited = audited;
	}

	/**
	 * Whether a refusal for this reason is an audit event: a forged or unauthorised request, a full
	 * quota, a cross-region attempt. Form mistakes are messages in the form, not events.
	 */
	public boolean audited() {
		return this.audited;
	}

	/** The form field the message shows next to, or null for the form as a whole. */
	public String field() {
		return this.field;
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The JSON API's error code, e.g. {@code already_shared}. */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	String messageKey() {
		return "sharing.refused." + code();
	}

}

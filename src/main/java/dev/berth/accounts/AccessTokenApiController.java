package dev.berth.accounts;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.accounts.AccessTokens.Attempt;
import dev.berth.accounts.AccessTokens.Created;
import dev.berth.accounts.AccountEvent.ManagementAttempt;
import dev.berth.accounts.TokenRules.Problem;
import dev.berth.accounts.TokenRules.TokenForm;
import dev.berth.support.JsonApi;
import dev.berth.support.NotFoundException;
import dev.berth.support.ProblemException;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Access tokens through the JSON API (a session or HTTP Basic with the password; never with a
 * token): list, create (the answer holds the secret, once) and revoke your own; an account
 * administrator lists and revokes every token of the account. The form's rules and messages; a
 * broken rule is a 400 problem detail with {@code code} {@code invalid_token} and the {@code field}.
 */
@JsonApi("/api/v1")
class AccessTokenApiController {

	private final AccessTokens tokens;

	private final AccountOrganizations organizations;

	private final AdministratorsOnly administrators;

	private final MessageSourceAccessor messages;

	AccessTokenApiController(AccessTokens tokens, AccountOrganizations organizations, AdministratorsOnly administrators,
			MessageSourceAccessor messages) {
		this.tokens = tokens;
		this.organizations = organizations;
		this.administrators = administrators;
		this.messages = messages;
	}

	@GetMapping("/tokens")
	List<TokenJson> mine(@AuthenticationPrincipal BerthUser me) {
		requireAccountUser(me);
		LocalDate today = this.tokens.today();
		return this.tokens.ofUser(me.id()).stream().map(token -> TokenJson.of(token, today, null)).toList();
	}

	@GetMapping("/account/tokens")
	List<TokenJson> ofAccount(@AuthenticationPrincipal BerthUser me) {
		this.administrators.require(me, ManagementAttempt.OPEN_ACCOUNT_TOKENS);
		LocalDate today = this.tokens.today();
		return this.tokens.ofAccount(me.accountId()).stream().map(token -> TokenJson.of(token, today, null)).toList();
	}

	/**
	 * {@code {"name": "ci", "expiry": "90" | "30" | "365" | "date" | "never", "expiresOn": "2027-01-31",
	 * "scope": "pull" | "push", "reach": "all" | "organizations" | "shared", "organizations": ["acme-apps"],
	 * "includeShared": true}}; the defaults are 90 days (or "date" when "expiresOn" is given), pull, and all
	 * (or "organizations" when they are given). "expiresOn" with another expiry, and "organizations" and
	 * "includeShared" with another reach, are refused. The scope may also be given as the token's JSON
	 * shows it: "pull,push" is "push".
	 */
	@PostMapping("/tokens")
	ResponseEntity<TokenJson> create(@AuthenticationPrincipal BerthUser me, @RequestBody TokenRequest request) {
		requireAccountUser(me);
		String expiry = (request.expiry() != null) ? request.expiry() : (request.expiresOn() != null) ? "date" : null;
		String reach = (request.reach() != null) ? request.reach() : (request.organizations() != null) ? "organizations" : "all";
		// A restriction the token would not have is refused, not dropped: the token would live longer or
		// reach more than asked.
		if (!"date".equals(expiry) && request.expiresOn() != null) {
			throw new InvalidToken("expiresOn", this.messages.getMessage("token.api.expiresOnNeedsDate", new Object[] { expiry }));
		}
		if (!"organizations".equals(reach) && request.organizations() != null) {
			throw new InvalidToken("organizations", this.messages.getMessage("token.api.organizationsNeedReach", new Object[] { reach }));
		}
		if (!"organizations".equals(reach) && request.includeShared() != null) {
			throw new InvalidToken("includeShared", this.messages.getMessage("token.api.includeSharedNeedsReach", new Object[] { reach }));
		}
		TokenForm form = new TokenForm(request.name(), expiry, request.expiresOn(),
				(request.scope() == null) ? "pull" : "pull,push".equals(request.scope()) ? "push" : request.scope(),
				reach, request.organizations(), request.includeShared());
		Attempt attempt = this.tokens.create(me, form, this.organizations.seenBy(me));
		if (attempt.created() == null) {
			Problem problem = attempt.problems().get(0);
			throw new InvalidToken(problem.field(), this.messages.getMessage(problem.code(), problem.arguments()));
		}
		Created created = attempt.created();
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().id()))
			.body(TokenJson.of(created.token(), this.tokens.today(), created.secret()));
	}

	/** One token (the address a creation answers with), never its secret. */
	@GetMapping("/tokens/{id:\\d+}")
	TokenJson one(@AuthenticationPrincipal BerthUser me, @PathVariable long id) {
		requireAccountUser(me);
		return TokenJson.of(seenBy(me, id), this.tokens.today(), null);
	}

	@DeleteMapping("/tokens/{id:\\d+}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id) {
		requireAccountUser(me);
		this.tokens.revoke(me, seenBy(me, id));
		return ResponseEntity.noContent().build();
	}

	/** A token of the user's, or of their account's users for an administrator; else a 404. */
	private AccessToken seenBy(BerthUser me, long id) {
		return this.tokens.find(id)
			.filter(t -> t.userId() == me.id() || (me.administrator() && t.accountId() == me.accountId()))
			.orElseThrow(() -> new NotFoundException("token.notFound"));
	}

	private static void requireAccountUser(BerthUser me) {
		if (me.operator()) {
			throw new NotFoundException("token.operator");
		}
	}

	record TokenRequest(String name, String expiry, String expiresOn, String scope, String reach,
			List<String> organizations, Boolean includeShared) {
	}

	/** A token as the API shows it; {@code secret} only in the answer that created it. */
	record TokenJson(long id, String user, String name, String scope, boolean allOrganizations,
			List<String> organizations, boolean sharedImages, Instant createdAt, LocalDate expiresOn, String status,
			Instant lastUsedAt, String lastUsedAddress, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

		static TokenJson of(AccessToken token, LocalDate today, String secret) {
			String status = token.revoked() ? "revoked" : token.expiredOn(today) ? "expired" : "active";
			return new TokenJson(token.id(), token.username(), token.name(), token.push() ? "pull,push" : "pull",
					token.allOrganizations(), token.organizations(), token.sharedImages(), token.createdAt(),
					token.expiresOn(), status, token.lastUsedAt(), token.lastUsedAddress(), secret);
		}

	}

	/** A broken rule of a new token: 400, with the field it concerns. */
	static final class InvalidToken extends ProblemException {

		InvalidToken(String field, String detail) {
			super(HttpStatus.BAD_REQUEST, "invalid_token", detail);
			withField(field);
		}

	}

}

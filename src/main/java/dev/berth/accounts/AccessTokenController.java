package dev.berth.accounts;

import java.util.List;
import java.util.Map;

import dev.berth.accounts.AccessTokens.Attempt;
import dev.berth.accounts.AccessTokens.Created;
import dev.berth.accounts.AccountEvent.ManagementAttempt;
import dev.berth.accounts.TokenRules.TokenForm;
import dev.berth.support.NotFoundException;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Profile > Access tokens: create a token (its secret shown once, on the answer to the form, with
 * the {@code docker login} and {@code skopeo login} commands; never kept in a session), list and
 * revoke your own. Account administrators see and revoke every token of their account's users,
 * and decide whether tokens may have no expiry. The operator has no images and no tokens.
 */
@Controller
class AccessTokenController {

	private final AccessTokens tokens;

	private final AccountOrganizations organizations;

	private final Regions regions;

	private final AdministratorsOnly administrators;

	private final MessageSourceAccessor messages;

	AccessTokenController(AccessTokens tokens, AccountOrganizations organizations, Regions regions,
			AdministratorsOnly administrators, MessageSourceAccessor messages) {
		this.tokens = tokens;
		this.organizations = organizations;
		this.regions = regions;
		this.administrators = administrators;
		this.messages = messages;
	}

	@GetMapping("/profile/tokens")
	String tokens(@AuthenticationPrincipal BerthUser me, Model model) {
		requireAccountUser(me);
		model.addAttribute("form", TokenForm.defaults());
		return page(me, model);
	}

	@PostMapping("/profile/tokens")
	String create(@AuthenticationPrincipal BerthUser me, @ModelAttribute("form") TokenForm form, BindingResult result,
			Model model) {
		requireAccountUser(me);
		Map<Long, String> organizations = this.organizations.seenBy(me);
		// With a value that did not bind, the other fields' messages are still shown, and nothing is created.
		Attempt attempt = result.hasErrors() ? this.tokens.problems(me, form, organizations)
				: this.tokens.create(me, form, organizations);
		attempt.problems().forEach(problem -> result.rejectValue(problem.field(), problem.code(), problem.arguments(), null));
		if (result.hasErrors()) {
			return page(me, model);
		}
		Created created = attempt.created();
		String registry = this.regions.registryAddress(me.region());
		model.addAttribute("created", created);
		// The commands ask for the token (or read it from a CI variable) rather than hold it: a
		// secret on a command line stays in the shell's history and the process list.
		model.addAttribute("dockerLogin", "docker login " + registry + " -u " + me.getUsername());
		model.addAttribute("skopeoLogin", "skopeo login --tls-verify=false -u " + me.getUsername() + " " + registry);
		model.addAttribute("ciLogin", "echo \"$BERTH_TOKEN\" | docker login " + registry + " -u " + me.getUsername()
				+ " --password-stdin");
		model.addAttribute("form", TokenForm.defaults());
		return page(me, model);
	}

	@GetMapping("/profile/tokens/{id:\\d+}/revoke")
	String confirmRevoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id, Model model) {
		requireAccountUser(me);
		return confirmRevoke(own(me, id), "/profile/tokens", model);
	}

	@PostMapping("/profile/tokens/{id:\\d+}/revoke")
	String revoke(@AuthenticationPrincipal BerthUser me, @PathVariable long id, RedirectAttributes redirect) {
		requireAccountUser(me);
		revoked(me, own(me, id), redirect);
		return "redirect:/profile/tokens";
	}

	private AccessToken own(BerthUser me, long id) {
		return this.tokens.find(id).filter(t -> t.userId() == me.id()).orElseThrow(AccessTokenController::notFound);
	}

	private AccessToken ofAccount(BerthUser me, long id) {
		return this.tokens.find(id).filter(t -> t.accountId() == me.accountId()).orElseThrow(AccessTokenController::notFound);
	}

	/** The question before a revoke (a page, so that it is asked without JavaScript too); a revoked token is not asked about again. */
	private String confirmRevoke(AccessToken token, String list, Model model) {
		if (token.revoked()) {
			return "redirect:" + list;
		}
		model.addAttribute("token", token);
		model.addAttribute("list", list);
		return "accounts/token-revoke";
	}

	@GetMapping("/account/tokens")
	String accountTokens(@AuthenticationPrincipal BerthUser me, Model model) {
		this.administrators.require(me, ManagementAttempt.OPEN_ACCOUNT_TOKENS);
		model.addAttribute("tokens", this.tokens.ofAccount(me.accountId()));
		model.addAttribute("scopes", scopes(this.tokens.ofAccount(me.accountId())));
		model.addAttribute("today", this.tokens.today());
		model.addAttribute("withoutExpiry", this.tokens.withoutExpiryAllowed(me.accountId()));
		return "accounts/account-tokens";
	}

	@GetMapping("/account/tokens/{id:\\d+}/revoke")
	String confirmRevokeOfAccount(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			Model model) {
		this.administrators.require(me, ManagementAttempt.REVOKE_TOKEN);
		return confirmRevoke(ofAccount(me, id), "/account/tokens", model);
	}

	@PostMapping("/account/tokens/{id:\\d+}/revoke")
	String revokeOfAccount(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.REVOKE_TOKEN);
		revoked(me, ofAccount(me, id), redirect);
		return "redirect:/account/tokens";
	}

	@PostMapping("/account/tokens/policy")
	String policy(@AuthenticationPrincipal BerthUser me, @RequestParam(defaultValue = "false") boolean withoutExpiry,
			RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.CHANGE_TOKEN_POLICY);
		AccessTokens.PolicyChange change = this.tokens.allowWithoutExpiry(me, withoutExpiry);
		String message = this.messages.getMessage(withoutExpiry ? "tokens.policy.allowed" : "tokens.policy.refused");
		if (!change.changed()) {
			message = this.messages.getMessage("tokens.policy.unchanged", new Object[] { message });
		}
		else if (change.tokensGivenAnExpiry() > 0) {
			message += " " + this.messages.getMessage(
					(change.tokensGivenAnExpiry() == 1) ? "tokens.policy.givenAnExpiry.one" : "tokens.policy.givenAnExpiry",
					new Object[] { change.tokensGivenAnExpiry(), change.expiresOn().toString() });
		}
		redirect.addFlashAttribute(change.changed() ? "message" : "notice", message);
		return "redirect:/account/tokens";
	}

	private void revoked(BerthUser me, AccessToken token, RedirectAttributes redirect) {
		boolean now = this.tokens.revoke(me, token);
		redirect.addFlashAttribute(now ? "message" : "notice", this.messages
			.getMessage(now ? "token.revoked" : "token.revoked.already", new Object[] { token.name() }));
	}

	private String page(BerthUser me, Model model) {
		List<AccessToken> mine = this.tokens.ofUser(me.id());
		model.addAttribute("tokens", mine);
		model.addAttribute("scopes", scopes(mine));
		model.addAttribute("today", this.tokens.today());
		model.addAttribute("organizations", this.organizations.seenBy(me).values());
		model.addAttribute("pushesNowhere", !this.organizations.pushesAnywhere(me));
		model.addAttribute("withoutExpiry", this.tokens.withoutExpiryAllowed(me.accountId()));
		model.addAttribute("latestDate", this.tokens.today().plusDays(TokenRules.MAX_DAYS));
		return "accounts/tokens";
	}

	private Map<Long, String> scopes(List<AccessToken> list) {
		Map<Long, String> scopes = new java.util.HashMap<>();
		list.forEach(token -> scopes.put(token.id(), this.tokens.scopeInWords(token)));
		return scopes;
	}

	/** The operator holds no image, so no token: their token pages do not exist, and say why. */
	private static void requireAccountUser(BerthUser me) {
		if (me.operator()) {
			throw new NotFoundException("token.operator");
		}
	}

	private static NotFoundException notFound() {
		return new NotFoundException("token.notFound");
	}

}

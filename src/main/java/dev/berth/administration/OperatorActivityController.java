package dev.berth.administration;

import dev.berth.accounts.AccountAdministration;
import dev.berth.accounts.AccountInfo;
import dev.berth.accounts.BerthUser;
import dev.berth.administration.OperatorActivity.Kind;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Administration › Activity: what happened in every account, newest first — the operator's and
 * the administrators' changes, sharing, pulls of shared images, and failed and throttled logins —
 * filtered by account and by kind.
 */
@Controller
class OperatorActivityController {

	/** Up to this many accounts, the account filter is a list to choose from. */
	static final int MAX_ACCOUNT_CHOICES = 200;

	private final OperatorActivity activity;

	private final AccountAdministration accounts;

	private final AccountDirectory directory;

	OperatorActivityController(OperatorActivity activity, AccountAdministration accounts, AccountDirectory directory) {
		this.activity = activity;
		this.accounts = accounts;
		this.directory = directory;
	}

	@GetMapping("/administration/activity")
	String activity(@AuthenticationPrincipal BerthUser me, @RequestParam(defaultValue = "") String account,
			@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "1") int page, Model model) {
		fill(me, account, kind, page, model);
		return "administration/activity";
	}

	@HxRequest
	@GetMapping("/administration/activity")
	String results(@AuthenticationPrincipal BerthUser me, @RequestParam(defaultValue = "") String account,
			@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "1") int page, Model model) {
		fill(me, account, kind, page, model);
		return "administration/activity :: results";
	}

	private void fill(BerthUser me, String account, String kind, int page, Model model) {
		AccountsController.operator(me);
		String name = account.strip();
		Kind chosen = Kind.of(kind);
		// An account name that matches no account lists nothing (rather than everything).
		Long accountId = name.isEmpty() ? null : this.accounts.find(name).map(AccountInfo::id).orElse(-1L);
		model.addAttribute("page", this.activity.page(accountId, chosen, page));
		model.addAttribute("account", name);
		model.addAttribute("kind", chosen);
		model.addAttribute("kinds", Kind.values());
		model.addAttribute("accountNames", this.directory.accountNames(MAX_ACCOUNT_CHOICES));
		model.addAttribute("unknownAccount", accountId != null && accountId < 0);
		model.addAttribute("maxListed", OperatorActivity.MAX_LISTED);
	}

}

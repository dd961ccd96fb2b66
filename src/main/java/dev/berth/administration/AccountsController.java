package dev.berth.administration;

import dev.berth.accounts.AccountAdministration;
import dev.berth.accounts.AccountInfo;
import dev.berth.accounts.AccountUser;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.Names;
import dev.berth.accounts.PasswordRules;
import dev.berth.accounts.ResetForm;
import dev.berth.accounts.UserAdministration;
import dev.berth.administration.AccountDirectory.DeletionBlockers;
import dev.berth.administration.OperatorActivity.Kind;
import dev.berth.support.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration › Accounts, the platform operator's: the accounts with search, region and status
 * filters and paging; creating one with its first administrator; an account's figures, users and
 * latest activity; disabling, enabling and deleting it, each after a confirmation that says what
 * happens. To anybody but the operator none of these pages exists (the security configuration
 * answers 404; each handler checks again).
 * <p>
 * One class on purpose: the operator's account pages share one guard, one list filter and one
 * confirmation flow.
 */
@Controller
class AccountsController {

	private static final String RESET = "accounts/user-reset";

	static final int RECENT_EVENTS = 10;

	private final AccountDirectory directory;

	private final AccountAdministration accounts;

	private final AccountLifecycle lifecycle;

	private final UserAdministration users;

	private final OperatorActivity activity;

	private final PasswordRules passwordRules;

	private final MessageSourceAccessor messages;

	AccountsController(AccountDirectory directory, AccountAdministration accounts, AccountLifecycle lifecycle,
			UserAdministration users, OperatorActivity activity, PasswordRules passwordRules,
			MessageSourceAccessor messages) {
		this.directory = directory;
		this.accounts = accounts;
		this.lifecycle = lifecycle;
		this.users = users;
		this.activity = activity;
		this.passwordRules = passwordRules;
		this.messages = messages;
	}

	@GetMapping("/administration")
	String home(@AuthenticationPrincipal BerthUser me) {
		operator(me);
		return "redirect:/administration/accounts";
	}

	@GetMapping("/administration/accounts")
	String list(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") AccountFilter filter, Model model) {
		listModel(me, filter, model);
		return "administration/accounts";
	}

	@HxRequest
	@GetMapping("/administration/accounts")
	String results(@AuthenticationPrincipal BerthUser me, @ModelAttribute("filter") AccountFilter filter, Model model) {
		listModel(me, filter, model);
		return "administration/accounts :: results";
	}

	private void listModel(BerthUser me, AccountFilter filter, Model model) {
		operator(me);
		model.addAttribute("page", this.directory.accounts(filter));
		model.addAttribute("regions", this.accounts.regions());
	}

	@GetMapping("/administration/accounts/new")
	String newAccount(@AuthenticationPrincipal BerthUser me, Model model) {
		operator(me);
		model.addAttribute("form", new NewAccountForm("", "", "", "", ""));
		model.addAttribute("regions", this.accounts.regions());
		return "administration/account-new";
	}

	@PostMapping("/administration/accounts")
	String create(@AuthenticationPrincipal BerthUser me, @ModelAttribute("form") NewAccountForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		operator(me);
		String name = form.trimmedName();
		String administrator = form.trimmedAdministrator();
		Names.accountNameProblem(name).ifPresent(code -> result.rejectValue("name", code));
		if (!result.hasFieldErrors("name") && this.accounts.nameTaken(name)) {
			result.rejectValue("name",
					this.accounts.nameOfDeletedAccount(name) ? "account.name.deleted" : "account.name.taken",
					new Object[] { name }, null);
		}
		if (form.region() == null || form.region().isBlank()) {
			result.rejectValue("region", "account.region.blank");
		}
		else if (!this.accounts.regions().contains(form.region())) {
			result.rejectValue("region", "account.region.unknown", new Object[] { form.region() }, null);
		}
		Names.usernameProblem(administrator).ifPresent(code -> result.rejectValue("administrator", code));
		if (!result.hasFieldErrors("administrator") && this.users.usernameTaken(administrator)) {
			result.rejectValue("administrator", "user.name.taken", new Object[] { administrator }, null);
		}
		this.passwordRules.check(form.password(), form.confirm(), administrator, result);
		if (!result.hasErrors()) {
			try {
				this.accounts.create(me, name, form.region(), administrator, form.password());
				redirect.addFlashAttribute("message", this.messages.getMessage("administration.account.created",
						new Object[] { name, form.region(), administrator }));
				return "redirect:/administration/accounts/" + name;
			}
			catch (DuplicateKeyException ex) {
				// The account or user name was taken between the check and the insert.
				result.reject("administration.account.createdMeanwhile");
			}
		}
		model.addAttribute("regions", this.accounts.regions());
		return "administration/account-new";
	}

	@GetMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}")
	String detail(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model) {
		operator(me);
		AccountRow account = row(name);
		model.addAttribute("account", account);
		model.addAttribute("users", this.users.users(account.id()));
		model.addAttribute("recent", this.activity.page(account.id(), Kind.ALL, 1)
			.items()
			.stream()
			.limit(RECENT_EVENTS)
			.toList());
		return "administration/account";
	}

	/**
	 * The operator resets the password of an account's administrator: the way back in for an account
	 * whose only administrator forgot it (its other users' passwords are its administrators' to reset).
	 */
	@GetMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/users/{id:\\d+}/reset")
	String resetPage(@AuthenticationPrincipal BerthUser me, @PathVariable String name, @PathVariable long id,
			Model model) {
		operator(me);
		AccountRow account = row(name);
		model.addAttribute("account", account);
		AccountUser user = administrator(account, id);
		model.addAttribute("user", user);
		model.addAttribute("workingTokens", this.users.workingTokens(user));
		model.addAttribute("form", ResetForm.empty());
		return RESET;
	}

	@PostMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/users/{id:\\d+}/reset")
	String reset(@AuthenticationPrincipal BerthUser me, @PathVariable String name, @PathVariable long id,
			@ModelAttribute("form") ResetForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		operator(me);
		AccountRow account = row(name);
		AccountUser user = administrator(account, id);
		this.passwordRules.check(form.password(), form.confirm(), user.username(), result);
		if (result.hasErrors()) {
			model.addAttribute("account", account);
			model.addAttribute("user", user);
			model.addAttribute("workingTokens", this.users.workingTokens(user));
			return RESET;
		}
		int revoked = this.users.resetPassword(me, user, form.password(), true, form.revokeTokensOrDefault())
			// deleted or no administrator any more, meanwhile
			.orElseThrow(() -> new NotFoundException("problem.404"));
		redirect.addFlashAttribute("message", this.messages.getMessage(
				(revoked > 0) ? "user.reset.doneRevoking" : "user.reset.done", new Object[] { user.username(), revoked }));
		return "redirect:/administration/accounts/" + account.name();
	}

	/** An administrator of the account, not deleted; any other id is no page (404). */
	private AccountUser administrator(AccountRow account, long id) {
		return this.users.user(account.id(), id)
			.filter(AccountUser::administrator)
			.orElseThrow(() -> new NotFoundException("problem.404"));
	}

	@GetMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/disable")
	String disablePage(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model) {
		operator(me);
		return confirmPage("disable", row(name), new ConfirmForm(false, false, ""), model);
	}

	@PostMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/disable")
	String disable(@AuthenticationPrincipal BerthUser me, @PathVariable String name,
			@ModelAttribute("form") ConfirmForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		operator(me);
		AccountInfo account = info(name);
		if (account.disabled()) {
			return already("disable", name, redirect);
		}
		if (!form.confirmed()) {
			if (!result.hasFieldErrors("confirm")) {
				result.rejectValue("confirm", "administration.confirm.missing");
			}
			return confirmPage("disable", row(name), form, model);
		}
		if (result.hasErrors()) {
			return confirmPage("disable", row(name), form, model);
		}
		if (!this.accounts.disable(me, account, form.suspend())) {
			return already("disable", name, redirect);
		}
		redirect.addFlashAttribute("message", this.messages.getMessage(
				form.suspend() ? "administration.disabled.suspended" : "administration.disabled",
				new Object[] { name }));
		return "redirect:/administration/accounts/" + name;
	}

	@GetMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/enable")
	String enablePage(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model) {
		operator(me);
		return confirmPage("enable", row(name), new ConfirmForm(false, false, ""), model);
	}

	@PostMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/enable")
	String enable(@AuthenticationPrincipal BerthUser me, @PathVariable String name,
			@ModelAttribute("form") ConfirmForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		operator(me);
		AccountInfo account = info(name);
		if (!account.disabled()) {
			return already("enable", name, redirect);
		}
		if (!form.confirmed() || result.hasErrors()) {
			if (!result.hasFieldErrors("confirm")) {
				result.rejectValue("confirm", "administration.confirm.missing");
			}
			return confirmPage("enable", row(name), form, model);
		}
		if (!this.accounts.enable(me, account)) {
			return already("enable", name, redirect);
		}
		redirect.addFlashAttribute("message",
				this.messages.getMessage("administration.enabled", new Object[] { name }));
		return "redirect:/administration/accounts/" + name;
	}

	@GetMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/delete")
	String deletePage(@AuthenticationPrincipal BerthUser me, @PathVariable String name, Model model) {
		operator(me);
		AccountRow account = row(name);
		model.addAttribute("blockers", this.directory.deletionBlockers(account.id()));
		return confirmPage("delete", account, new ConfirmForm(false, false, ""), model);
	}

	@PostMapping("/administration/accounts/{name:[a-z][a-z0-9._-]*}/delete")
	String delete(@AuthenticationPrincipal BerthUser me, @PathVariable String name,
			@ModelAttribute("form") ConfirmForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		operator(me);
		AccountInfo account = info(name);
		if (result.hasErrors() || !name.equals(form.confirmName() == null ? null : form.confirmName().strip())) {
			if (!result.hasFieldErrors("confirmName")) {
				result.rejectValue("confirmName", "administration.delete.confirm.missing", new Object[] { name }, null);
			}
			AccountRow row = row(name);
			model.addAttribute("blockers", this.directory.deletionBlockers(row.id()));
			return confirmPage("delete", row, form, model);
		}
		DeletionBlockers blockers = this.lifecycle.delete(me, account);
		if (!blockers.none()) {
			model.addAttribute("blockers", blockers);
			return confirmPage("delete", row(name), form, model);
		}
		redirect.addFlashAttribute("message", this.messages.getMessage("administration.deleted", new Object[] { name }));
		return "redirect:/administration/accounts";
	}

	/** Back to the account, saying it is disabled (or enabled) already: another operator was first. */
	private String already(String action, String name, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flashError",
				this.messages.getMessage("administration." + action + ".already", new Object[] { name }));
		return "redirect:/administration/accounts/" + name;
	}

	private String confirmPage(String action, AccountRow account, ConfirmForm form, Model model) {
		model.addAttribute("action", action);
		model.addAttribute("account", account);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		return "administration/account-confirm";
	}

	private AccountRow row(String name) {
		return this.directory.account(name).orElseThrow(() -> new NotFoundException("problem.404"));
	}

	private AccountInfo info(String name) {
		return this.accounts.find(name).orElseThrow(() -> new NotFoundException("problem.404"));
	}

	/** Administration is the operator's; to anybody else it does not exist. */
	static void operator(BerthUser me) {
		if (me == null || !me.operator()) {
			throw new NotFoundException("problem.404");
		}
	}

	/** A new account: its name and region, and its first administrator with an initial password (twice). */
	record NewAccountForm(String name, String region, String administrator, String password, String confirm) {

		String trimmedName() {
			return (this.name != null) ? this.name.strip() : "";
		}

		String trimmedAdministrator() {
			return (this.administrator != null) ? this.administrator.strip() : "";
		}

	}

	/**
	 * The confirmation of a disable, enable or delete: the box that says "yes", whether the
	 * account's shares to others are suspended with it, and for a delete the account's name typed.
	 */
	record ConfirmForm(Boolean confirm, Boolean suspendShares, String confirmName) {

		/** A box that was not ticked is not sent at all. */
		boolean confirmed() {
			return Boolean.TRUE.equals(this.confirm);
		}

		boolean suspend() {
			return Boolean.TRUE.equals(this.suspendShares);
		}

	}

}

package dev.berth.accounts;

import dev.berth.accounts.AccountEvent.ManagementAttempt;
import dev.berth.support.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

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
 * Users: an account administrator lists the users of their account, creates one (with a password
 * they must change at their first login), resets a password, disables, enables and deletes a user.
 * To anybody else of the account these pages are refused (403), and the refusal is audited.
 * <p>
 * One class on purpose: the Users pages share one guard ({@link AdministratorsOnly}).
 */
@Controller
class UserController {

	static final String USERS = "accounts/users :: users";

	private final UserAdministration users;

	private final PasswordRules rules;

	private final AdministratorsOnly administrators;

	private final MessageSourceAccessor messages;

	UserController(UserAdministration users, PasswordRules rules, AdministratorsOnly administrators,
			MessageSourceAccessor messages) {
		this.users = users;
		this.rules = rules;
		this.administrators = administrators;
		this.messages = messages;
	}

	@GetMapping("/account/users")
	String list(@AuthenticationPrincipal BerthUser me, Model model) {
		this.administrators.require(me, ManagementAttempt.OPEN_USERS);
		return listPage(me, NewUserForm.empty(), model);
	}

	@PostMapping("/account/users")
	String create(@AuthenticationPrincipal BerthUser me, @ModelAttribute("form") NewUserForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.CREATE_USER);
		String username = form.trimmedUsername();
		Names.usernameProblem(username).ifPresent(code -> result.rejectValue("username", code));
		if (!result.hasFieldErrors("username") && this.users.usernameTaken(username)) {
			result.rejectValue("username", "user.name.taken", new Object[] { username }, null);
		}
		this.rules.check(form.password(), form.confirm(), username, result);
		if (!result.hasErrors()) {
			try {
				this.users.create(me, username, form.password(), form.isAdministrator());
				// A user who is no administrator sees nothing until granted something: say where.
				redirect.addFlashAttribute("message", this.messages.getMessage(
						form.isAdministrator() ? "user.created" : "user.created.member", new Object[] { username }));
				return "redirect:/account/users";
			}
			catch (DuplicateKeyException ex) {
				result.rejectValue("username", "user.name.taken", new Object[] { username }, null);
			}
		}
		return listPage(me, form, model);
	}

	@GetMapping("/account/users/{id:\\d+}/reset")
	String resetPage(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			Model model, RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.RESET_PASSWORD, id);
		AccountUser user = user(me, id);
		if (user.is(me)) {
			return ownPassword(redirect);
		}
		model.addAttribute("user", user);
		model.addAttribute("workingTokens", this.users.workingTokens(user));
		model.addAttribute("form", ResetForm.empty());
		return "accounts/user-reset";
	}

	@PostMapping("/account/users/{id:\\d+}/reset")
	String reset(@AuthenticationPrincipal BerthUser me, @PathVariable long id, @ModelAttribute("form") ResetForm form,
			BindingResult result, Model model, RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.RESET_PASSWORD, id);
		AccountUser user = user(me, id);
		if (user.is(me)) {
			return ownPassword(redirect);
		}
		this.rules.check(form.password(), form.confirm(), user.username(), result);
		if (result.hasErrors()) {
			model.addAttribute("user", user);
			model.addAttribute("workingTokens", this.users.workingTokens(user));
			return "accounts/user-reset";
		}
		int revoked = this.users.resetPassword(me, user, form.password(), false, form.revokeTokensOrDefault())
			.orElseThrow(() -> new NotFoundException("problem.404")); // deleted meanwhile
		redirect.addFlashAttribute("message", this.messages.getMessage(
				(revoked > 0) ? "user.reset.doneRevoking" : "user.reset.done", new Object[] { user.username(), revoked }));
		return "redirect:/account/users";
	}

	@PostMapping("/account/users/{id:\\d+}/disable")
	String disable(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.DISABLE_USER, id);
		AccountUser user = user(me, id);
		if (this.users.isLastAdministrator(user)) {
			return changed(me, htmx, model, redirect, null,
					this.messages.getMessage("user.lastAdministrator", new Object[] { user.username() }));
		}
		boolean disabled = this.users.disable(me, user);
		return changed(me, htmx, model, redirect,
				this.messages.getMessage(disabled ? "user.disabled" : "user.disabled.already", new Object[] { user.username() }),
				null);
	}

	@PostMapping("/account/users/{id:\\d+}/enable")
	String enable(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.ENABLE_USER, id);
		AccountUser user = user(me, id);
		boolean enabled = this.users.enable(me, user);
		return changed(me, htmx, model, redirect,
				this.messages.getMessage(enabled ? "user.enabled" : "user.enabled.already", new Object[] { user.username() }),
				null);
	}

	@GetMapping("/account/users/{id:\\d+}/delete")
	String deletePage(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			Model model) {
		this.administrators.require(me, ManagementAttempt.DELETE_USER, id);
		AccountUser user = user(me, id);
		model.addAttribute("user", user);
		model.addAttribute("lastAdministrator", this.users.isLastAdministrator(user));
		return "accounts/user-delete";
	}

	@PostMapping("/account/users/{id:\\d+}/delete")
	String delete(@AuthenticationPrincipal BerthUser me, @PathVariable long id,
			HtmxRequest htmx, Model model, RedirectAttributes redirect) {
		this.administrators.require(me, ManagementAttempt.DELETE_USER, id);
		AccountUser user = user(me, id);
		if (this.users.isLastAdministrator(user)) {
			return changed(me, htmx, model, redirect, null,
					this.messages.getMessage("user.lastAdministrator", new Object[] { user.username() }));
		}
		this.users.delete(me, user);
		if (user.is(me)) {
			// Their own user is gone, and with it this session.
			return "redirect:/login?logout";
		}
		return changed(me, htmx, model, redirect,
				this.messages.getMessage("user.deleted", new Object[] { user.username() }), null);
	}

	/**
	 * An administrator's own password is changed on their profile, which asks for the current one: a
	 * reset of it here would let anyone at an unattended session choose it (nothing is changed).
	 */
	private String ownPassword(RedirectAttributes redirect) {
		redirect.addFlashAttribute("flashError", this.messages.getMessage("user.reset.own"));
		return "redirect:/profile";
	}

	/** After a change: the users section again for htmx, a redirect to the page for a plain form. */
	private String changed(BerthUser me, HtmxRequest htmx, Model model, RedirectAttributes redirect, String message,
			String error) {
		if (!htmx.isHtmxRequest()) {
			redirect.addFlashAttribute((error != null) ? "flashError" : "message", (error != null) ? error : message);
			return "redirect:/account/users";
		}
		model.addAttribute((error != null) ? "usersError" : "usersMessage", (error != null) ? error : message);
		listPage(me, NewUserForm.empty(), model);
		return USERS;
	}

	private String listPage(BerthUser me, NewUserForm form, Model model) {
		model.addAttribute("users", this.users.users(me.accountId()));
		model.addAttribute("lastAdministrators", lastAdministrators(me));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", form);
		}
		return "accounts/users";
	}

	/** The ids of the users who may not be disabled or deleted (the last enabled administrator). */
	private java.util.Set<Long> lastAdministrators(BerthUser me) {
		return this.users.users(me.accountId())
			.stream()
			.filter(this.users::isLastAdministrator)
			.map(AccountUser::id)
			.collect(java.util.stream.Collectors.toSet());
	}

	private AccountUser user(BerthUser me, long id) {
		return this.users.user(me.accountId(), id).orElseThrow(() -> new NotFoundException("problem.404"));
	}

	/** A new user: name, initial password (twice), and whether they administer the account. */
	record NewUserForm(String username, String password, String confirm, Boolean administrator) {

		static NewUserForm empty() {
			return new NewUserForm("", "", "", false);
		}

		boolean isAdministrator() {
			return Boolean.TRUE.equals(this.administrator);
		}

		String trimmedUsername() {
			return (this.username != null) ? this.username.strip() : "";
		}

	}


}

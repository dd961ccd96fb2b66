package dev.berth.accounts;

import java.time.Duration;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Profile: who you are, and your own password. Changing it takes the current one (a wrong one
 * counts as a failed login, so the page is no way around the throttle), and ends your other
 * sessions. A password someone else set must be changed here before anything else.
 */
@Controller
class ProfileController {

	private final UserAdministration users;

	private final PasswordRules rules;

	private final LoginAttempts attempts;

	private final MessageSourceAccessor messages;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	ProfileController(UserAdministration users, PasswordRules rules, LoginAttempts attempts,
			MessageSourceAccessor messages) {
		this.users = users;
		this.rules = rules;
		this.attempts = attempts;
		this.messages = messages;
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal BerthUser me, Model model) {
		model.addAttribute("form", PasswordForm.empty());
		return "accounts/profile";
	}

	@PostMapping("/profile/password")
	String changePassword(@AuthenticationPrincipal BerthUser me, @ModelAttribute("form") PasswordForm form,
			BindingResult result, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		String address = request.getRemoteAddr();
		Duration wait = this.attempts.waitFor(me, address);
		if (!wait.isZero() && !wait.isNegative()) {
			result.rejectValue("current", "password.current.throttled",
					new Object[] { Math.max(1, wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0)) }, null);
		}
		else if (form.current() == null || form.current().isEmpty()) {
			result.rejectValue("current", "password.current.blank");
		}
		else if (!this.users.currentPasswordMatches(me, form.current())) {
			this.attempts.currentPasswordWrong(me, address);
			result.rejectValue("current", "password.current.wrong");
		}
		this.rules.reject(form.password(), me.getUsername(), result);
		if (!result.hasFieldErrors("password") && !result.hasFieldErrors("current")
				&& Objects.equals(form.password(), form.current())) {
			result.rejectValue("password", "password.same");
		}
		if (!result.hasFieldErrors("password") && !Objects.equals(form.password(), form.confirm())) {
			result.rejectValue("confirm", "password.confirm.mismatch");
		}
		if (result.hasErrors()) {
			return "accounts/profile";
		}
		if (!this.users.changeOwnPassword(me, form.current(), form.password(), request.getSession().getId())) {
			result.rejectValue("current", "password.current.changed");
			return "accounts/profile";
		}
		refresh(me.withPasswordChanged(), request, response);
		redirect.addFlashAttribute("message", this.messages.getMessage("password.changed"));
		return me.passwordChangeRequired() ? "redirect:/" : "redirect:/profile";
	}

	/** The session goes on as the same user, whose password no longer has to be changed. */
	private void refresh(BerthUser user, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

	/** The current password, the new one and the new one again. */
	record PasswordForm(String current, String password, String confirm) {

		static PasswordForm empty() {
			return new PasswordForm("", "", "");
		}

	}

}

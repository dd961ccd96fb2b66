package dev.berth.accounts;

import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

@Controller
class LoginController {

	private final MessageSourceAccessor messages;

	private final LoginThrottle.Settings throttle;

	private final long idleMinutes;

	LoginController(MessageSourceAccessor messages, LoginThrottle.Settings throttle,
			@Value("${server.servlet.session.timeout:30m}") Duration idle) {
		this.messages = messages;
		this.throttle = throttle;
		this.idleMinutes = Math.max(1, idle.toMinutes());
	}

	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(required = false) String error,
			@RequestParam(required = false) String logout, @RequestParam(required = false) String busy,
			@RequestParam(required = false) String retry, @RequestParam(required = false) String disabled,
			@RequestParam(required = false) String expired,
			@CookieValue(name = TypedLoginName.COOKIE, required = false) String typed, Model model) {
		if (isLoggedIn(authentication)) {
			return "redirect:/";
		}
		model.addAttribute("loginError", error != null);
		model.addAttribute("tokenAsPassword", "token".equals(error));
		model.addAttribute("loggedOut", logout != null);
		model.addAttribute("busy", busy != null);
		model.addAttribute("sessionEnded", expired != null);
		model.addAttribute("idleMinutes", this.idleMinutes);
		model.addAttribute("disabledAccount", "account".equals(disabled));
		model.addAttribute("disabledUser", "user".equals(disabled));
		model.addAttribute("retryAfter", retryAfter(retry));
		// After a failed login, the name that was typed; on a fresh form, nobody's.
		boolean failed = error != null || busy != null || retry != null || disabled != null;
		model.addAttribute("username", failed ? TypedLoginName.read(typed).orElse(null) : null);
		return "login";
	}

	/**
	 * "8 seconds", "3 minutes": how long until the next try, from the failure handler's redirect. A
	 * link can put any number there: it is never said to be longer than the throttle ever waits.
	 */
	private String retryAfter(String retry) {
		if (retry == null || retry.isEmpty() || retry.length() > 9 || !retry.chars().allMatch(Character::isDigit)) {
			return null;
		}
		long longest = Math.max(1, (this.throttle.maxDelay().toMillis() + 999) / 1000);
		long seconds = Math.min(Math.max(1, Long.parseLong(retry)), longest);
		return (seconds < 120) ? this.messages.getMessage("login.retry.seconds", new Object[] { seconds })
				: this.messages.getMessage("login.retry.minutes", new Object[] { (seconds + 59) / 60 });
	}

	/** Logging out is a POST (CSRF); a GET of /logout offers the button instead of a 404. */
	@GetMapping("/logout")
	String logout(Authentication authentication) {
		return isLoggedIn(authentication) ? "logout" : "redirect:/login";
	}

	/**
	 * Home: My Images for the users of an account, Administration for the operator. A message for
	 * the page after a change that led here (a first password chosen) goes on to that page.
	 */
	@GetMapping("/")
	String home(Authentication authentication, HttpServletRequest request, RedirectAttributes redirect) {
		Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
		if (flash != null) {
			flash.forEach(redirect::addFlashAttribute);
		}
		if (authentication != null && authentication.getPrincipal() instanceof BerthUser user && user.operator()) {
			return "redirect:/administration/accounts";
		}
		return "redirect:/images";
	}

	private static boolean isLoggedIn(Authentication authentication) {
		return authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated();
	}

}

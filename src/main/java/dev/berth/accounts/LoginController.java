package dev.berth.accounts;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(required = false) String error,
			@RequestParam(required = false) String logout, @RequestParam(required = false) String busy, Model model) {
		if (isLoggedIn(authentication)) {
			return "redirect:/images";
		}
		model.addAttribute("loginError", error != null);
		model.addAttribute("loggedOut", logout != null);
		model.addAttribute("busy", busy != null);
		return "login";
	}

	/** Logging out is a POST (CSRF); a GET of /logout offers the button instead of a 404. */
	@GetMapping("/logout")
	String logout(Authentication authentication) {
		return isLoggedIn(authentication) ? "logout" : "redirect:/login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/images";
	}

	private static boolean isLoggedIn(Authentication authentication) {
		return authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated();
	}

}

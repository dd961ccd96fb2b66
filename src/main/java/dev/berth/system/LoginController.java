package dev.berth.system;

import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	@GetMapping("/login")
	String login(Authentication authentication) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated()) {
			return "redirect:/images";
		}
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/images";
	}

}

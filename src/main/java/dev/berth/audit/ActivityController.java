package dev.berth.audit;

import dev.berth.accounts.BerthUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The Activity page: the account's audit events and pulls of its shared images, newest first. */
@Controller
class ActivityController {

	private final Activity activity;

	ActivityController(Activity activity) {
		this.activity = activity;
	}

	@GetMapping("/activity")
	String activity(@AuthenticationPrincipal BerthUser me, @RequestParam(defaultValue = "1") int page, Model model) {
		model.addAttribute("page", this.activity.forAccount(me, page));
		model.addAttribute("maxListed", Activity.MAX_LISTED);
		return "audit/activity";
	}

}

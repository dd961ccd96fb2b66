package dev.berth.accounts;

import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Logging out is a POST; a GET of /logout (a typed or bookmarked URL) offers the button. */
class LogoutPageTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Test
	void getLogoutWhenLoggedInThenAPageWithTheButton() throws Exception {
		this.mvc.perform(get("/logout").with(loggedInAs("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Log out alice from Berth?")))
			.andExpect(content().string(containsString("id=\"logout-yes\"")));
	}

	@Test
	void getLogoutWhenLoggedOutThenTheLoginPage() throws Exception {
		this.mvc.perform(get("/logout")).andExpect(redirectedUrl("/login"));
	}

}

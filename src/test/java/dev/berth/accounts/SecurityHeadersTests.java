package dev.berth.accounts;

import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * Every page carries a strict Content-Security-Policy (nothing inline, nothing from elsewhere) and
 * the other headers that keep it from being framed, leaking its URLs or using the machine.
 */
class SecurityHeadersTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/images", "/images/public", "/images/from-others", "/images/acme-apps/nginx",
			"/images/acme-apps/nginx?tab=pull", "/images/acme-apps/nginx?tab=sharing",
			"/images/acme-apps/nginx?tab=permissions", "/organizations", "/organizations/acme-apps", "/activity",
			"/images/missing/image", "/css/berth.css" })
	void everyPageThenStrictHeaders(String path) throws Exception {
		this.mvc.perform(get(path).with(loggedInAs("alice")))
			.andExpect(header().string("Content-Security-Policy",
					allOf(containsString("default-src 'self'"), containsString("script-src 'self'"),
							containsString("style-src 'self'"), containsString("frame-ancestors 'none'"),
							not(containsString("unsafe-inline")))))
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andExpect(header().string("Permissions-Policy", containsString("camera=()")))
			.andExpect(header().string("Cross-Origin-Opener-Policy", "same-origin"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"));
	}

}

package dev.berth.registry;

import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A token is for the configured registry only; a request that names none or another is refused. */
class TokenControllerTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Test
	void tokenWithoutServiceThenRefusedInTheRegistrysErrorFormat() throws Exception {
		this.mvc.perform(get("/v2/token").param("scope", "repository:acme-public/hello:pull"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("UNSUPPORTED"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("service=berth-registry")));
	}

	@Test
	void tokenForAnotherServiceThenRefused() throws Exception {
		this.mvc.perform(get("/v2/token").param("service", "someone-else").param("scope", "repository:acme-public/hello:pull"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("UNSUPPORTED"));
	}

	@Test
	void tokenForTheServiceThenIssued() throws Exception {
		this.mvc.perform(get("/v2/token").param("service", "berth-registry").param("scope", "repository:acme-public/hello:pull"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.expires_in").value(300));
	}

}

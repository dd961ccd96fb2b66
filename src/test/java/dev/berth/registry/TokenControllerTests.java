package dev.berth.registry;

import java.security.interfaces.ECPublicKey;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A token is for the configured registry only; a request that names none or another is refused. */
class TokenControllerTests extends SharingTestBase {

	@Autowired
	MockMvc mvc;

	@Autowired
	SigningKey key;

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

	/** Every token verifies with the certificate the registry trusts, whichever provider signed it. */
	@Test
	void tokensAreSignedWithTheKeyOfTheRegistrysCertificate() throws Exception {
		ECDSAVerifier registry = new ECDSAVerifier((ECPublicKey) this.key.certificate().getPublicKey());
		for (int i = 0; i < 3; i++) {
			String body = this.mvc.perform(get("/v2/token").param("service", "berth-registry"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			SignedJWT token = SignedJWT.parse(JsonPath.read(body, "$.token"));
			assertThat(token.getHeader().getKeyID()).isEqualTo(this.key.keyId());
			assertThat(token.verify(registry)).isTrue();
		}
	}

}

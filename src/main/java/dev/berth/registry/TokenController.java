package dev.berth.registry;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.accounts.BerthUser;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Docker Registry v2 token endpoint, the registry's {@code auth.token.realm}. Bad Basic
 * credentials never get here (Spring Security answers 401); no credentials means anonymous.
 */
@RestController
class TokenController {

	private final RegistryAccess access;

	private final TokenIssuer issuer;

	private final RegistryProperties properties;

	TokenController(RegistryAccess access, TokenIssuer issuer, RegistryProperties properties) {
		this.access = access;
		this.issuer = issuer;
		this.properties = properties;
	}

	@GetMapping("/v2/token")
	ResponseEntity<?> token(@RequestParam(required = false) String service,
			@RequestParam(name = "scope", required = false) List<String> scopes,
			@AuthenticationPrincipal BerthUser user) {
		if (service != null && !service.equals(this.properties.service())) {
			return ResponseEntity.badRequest()
				.body(new Errors(List.of(new Error("UNSUPPORTED", "unknown service " + service))));
		}
		List<Scope> requested = new ArrayList<>();
		if (scopes != null) {
			for (String scope : scopes) {
				// Some clients join several scopes with spaces in one parameter.
				for (String part : scope.split(" ")) {
					Scope.parse(part).ifPresent(requested::add);
				}
			}
		}
		Requester requester = Requester.of(user);
		TokenIssuer.IssuedToken token = this.issuer.issue(requester.subject(), this.access.grant(requester, requested));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new TokenResponse(token.token(), token.token(), token.expiresIn(), token.issuedAt().toString()));
	}

	record TokenResponse(String token, @JsonProperty("access_token") String accessToken,
			@JsonProperty("expires_in") long expiresIn, @JsonProperty("issued_at") String issuedAt) {
	}

	record Errors(List<Error> errors) {
	}

	record Error(String code, String message) {
	}

}

package dev.berth.registry;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.accounts.BerthUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Docker Registry v2 token endpoint, the registry's {@code auth.token.realm}. Bad Basic
 * credentials never get here (Spring Security answers 401); no credentials means anonymous.
 */
@RestController
class TokenController {

	private static final Logger log = LoggerFactory.getLogger(TokenController.class);

	private final RegistryAccess access;

	private final TokenIssuer issuer;

	private final RegistryProperties properties;

	private final MessageSourceAccessor messages;

	private final RegistryMetrics metrics;

	TokenController(RegistryAccess access, TokenIssuer issuer, RegistryProperties properties,
			MessageSourceAccessor messages, RegistryMetrics metrics) {
		this.access = access;
		this.issuer = issuer;
		this.properties = properties;
		this.messages = messages;
		this.metrics = metrics;
	}

	@GetMapping("/v2/token")
	ResponseEntity<?> token(@RequestParam(required = false) String service,
			@RequestParam MultiValueMap<String, String> parameters, @AuthenticationPrincipal BerthUser user) {
		// Read raw: a single List<String> parameter would be split at the commas between actions.
		List<String> scopes = parameters.get("scope");
		// A token is for one registry: the request must name it (every registry client does).
		if (!this.properties.service().equals(service)) {
			this.metrics.token("refused");
			return ResponseEntity.badRequest()
				.body(new Errors(List.of(new Error("UNSUPPORTED", this.messages.getMessage(
						(service == null) ? "registry.token.noService" : "registry.token.otherService",
						new Object[] { this.properties.service() })))));
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
		RegistryAccess.Grant granted = this.access.grant(requester, requested);
		log.debug("Token for '{}': asked {}, granted {}", requester.subject(), scopes, granted);
		this.metrics.token(granted.access().isEmpty() && !requested.isEmpty() ? "denied" : "issued");
		TokenIssuer.IssuedToken token = this.issuer.issue(requester.subject(), granted.access(),
				granted.viaShare() ? this.properties.sharedTokenTtl() : this.properties.tokenTtl());
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

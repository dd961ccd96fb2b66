package dev.berth.accounts;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * HTTP Basic, on the addresses of the clients that use it: {@code docker login}, skopeo and CI on
 * {@code /v2/token} and the JSON API ({@code /api/**}). Anywhere else (the pages) the header is not
 * read: a page rides on the session alone, so a password the browser remembers for the API is never
 * sent along by another site's form to a page (which takes no CSRF token from a Basic client). A
 * password that starts with {@link TokenSecret#PREFIX} is checked as a token, never as a password
 * (so it never costs a BCrypt check nor counts towards the login throttle), and the login form never
 * turns its password into a token check, so a token cannot open a browser session.
 */
final class AccessTokenLogin {

	private AccessTokenLogin() {
	}

	/**
	 * Where Basic credentials are read: matched on the decoded path, as Spring MVC routes it (so
	 * {@code /%61pi/…} is an API address here as it is to the controllers).
	 */
	static final RequestMatcher BASIC_CLIENTS = new OrRequestMatcher(pathPattern("/api/**"), pathPattern("/v2/token"));

	/** Basic credentials on a client's address: a token check or a password login; elsewhere none. */
	static AuthenticationConverter converter() {
		BasicAuthenticationConverter basic = new BasicAuthenticationConverter();
		return request -> {
			if (!BASIC_CLIENTS.matches(request)) {
				return null;
			}
			UsernamePasswordAuthenticationToken credentials = basic.convert(request);
			if (credentials == null || !(credentials.getCredentials() instanceof String secret)
					|| !TokenSecret.looksLikeToken(secret)) {
				return credentials;
			}
			Unverified token = new Unverified(credentials.getName(), secret);
			token.setDetails(credentials.getDetails());
			return token;
		};
	}

	static AuthenticationProvider provider(AccessTokens tokens) {
		return new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				Unverified token = (Unverified) authentication;
				String address = (token.getDetails() instanceof WebAuthenticationDetails details)
						? details.getRemoteAddress() : null;
				BerthUser user = tokens.verify(token.getName(), token.secret, address);
				return new Verified(user);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return Unverified.class.isAssignableFrom(authentication);
			}

		};
	}

	/** A user name and a token secret, not checked yet. */
	static final class Unverified extends AbstractAuthenticationToken {

		private final String username;

		private final transient String secret;

		Unverified(String username, String secret) {
			super(List.of());
			this.username = username;
			this.secret = secret;
		}

		@Override
		public Object getCredentials() {
			return this.secret;
		}

		@Override
		public Object getPrincipal() {
			return this.username;
		}

		@Override
		public String getName() {
			return this.username;
		}

	}

	/** The user a token authenticated, limited to the token's scope ({@link BerthUser#token()}). */
	static final class Verified extends AbstractAuthenticationToken {

		private final BerthUser user;

		Verified(BerthUser user) {
			super(user.getAuthorities());
			this.user = user;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return null;
		}

		@Override
		public Object getPrincipal() {
			return this.user;
		}

	}

}

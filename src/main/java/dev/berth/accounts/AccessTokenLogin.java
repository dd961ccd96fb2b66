package dev.berth.accounts;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;

/**
 * HTTP Basic with an access token as the password: {@code docker login}, skopeo and CI on
 * {@code /v2/token} and the JSON API ({@code /api/**}). A password that starts with
 * {@link TokenSecret#PREFIX} is checked as a token, never as a password (so it never costs a
 * BCrypt check nor counts towards the login throttle); anywhere else (the pages) a token is refused,
 * and the login form never turns its password into a token check, so a token cannot open a browser
 * session.
 */
final class AccessTokenLogin {

	private AccessTokenLogin() {
	}

	/** Basic credentials: a token check where tokens work, a password login otherwise. */
	static AuthenticationConverter converter() {
		BasicAuthenticationConverter basic = new BasicAuthenticationConverter();
		return request -> {
			UsernamePasswordAuthenticationToken credentials = basic.convert(request);
			if (credentials == null || !(credentials.getCredentials() instanceof String secret)
					|| !TokenSecret.looksLikeToken(secret)) {
				return credentials;
			}
			if (!tokensWork(request)) {
				throw new BadCredentialsException("Bad credentials");
			}
			Unverified token = new Unverified(credentials.getName(), secret);
			token.setDetails(credentials.getDetails());
			return token;
		};
	}

	static boolean tokensWork(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/v2/token") || path.startsWith("/api/");
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

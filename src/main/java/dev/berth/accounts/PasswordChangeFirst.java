package dev.berth.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user whose password was set by someone else (the first start, a new user, a reset) chooses a
 * new one before anything else: every page but Profile sends them there, and that password is not
 * good for HTTP Basic (the API, {@code docker login}) until it is changed: the 401 of any refused
 * credentials (on {@code /v2/token} the registry's, which does not tell that the password was right).
 * Their access tokens are not that password and go on working (an administrator revokes them where
 * needed).
 */
class PasswordChangeFirst extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean due = BerthUser.current().filter(user -> user.passwordChangeRequired() && user.token().isEmpty()).isPresent();
		if (!due || allowed(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (AccessTokenLogin.BASIC_CLIENTS.matches(request)) {
			SecurityConfiguration.credentialsRefused(request, response);
			return;
		}
		String profile = request.getContextPath() + "/profile";
		if ("true".equals(request.getHeader("HX-Request"))) {
			response.setHeader("HX-Redirect", profile);
			return;
		}
		response.sendRedirect(profile);
	}

	private static boolean allowed(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/profile") || path.equals("/profile/password") || path.equals("/logout")
				|| path.equals("/login") || path.equals("/error") || path.startsWith("/css/") || path.startsWith("/js/")
				|| path.startsWith("/img/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
	}

}

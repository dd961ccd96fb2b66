package dev.berth.accounts;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a request authenticated with an access token may do with the JSON API: a pull-only token
 * reads only (GET, HEAD); no token manages tokens (a token never makes a wider one). 403 otherwise.
 */
class TokenLimits extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BerthUser user = BerthUser.current().orElse(null);
		if (user != null && user.token().isPresent()) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			boolean reads = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
			if (path.startsWith("/api/v1/tokens") || (path.startsWith("/api/") && !reads && !user.token().get().push())) {
				response.sendError(HttpStatus.FORBIDDEN.value());
				return;
			}
		}
		chain.doFilter(request, response);
	}

}

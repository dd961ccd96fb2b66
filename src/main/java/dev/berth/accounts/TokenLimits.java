package dev.berth.accounts;

import java.io.IOException;

import dev.berth.support.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * What a request authenticated with an access token may do with the JSON API: read (GET, HEAD).
 * A token is for pulls and pushes; sharing hands another account access to an image, which outlives
 * the token, and no token may do it, a pull-and-push one neither (sharing is Manage, which no token
 * scope names). No token lists, creates or revokes tokens, its own user's or the account's (a
 * token never makes a wider one). 403 otherwise, saying why.
 *
 * <p>
 * The addresses are matched as Spring MVC routes them: on the decoded path, so that
 * {@code /api/v1/%74okens} is {@code /api/v1/tokens} here as it is to the controller.
 */
class TokenLimits extends OncePerRequestFilter {

	private static final RequestMatcher API = pathPattern("/api/**");

	private static final RequestMatcher TOKENS = new OrRequestMatcher(pathPattern("/api/v1/tokens/**"),
			pathPattern("/api/v1/account/tokens/**"));

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BerthUser user = BerthUser.current().orElse(null);
		if (user != null && user.token().isPresent()) {
			boolean reads = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
			if (TOKENS.matches(request) || (API.matches(request) && !reads)) {
				request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, TOKENS.matches(request)
						? new ProblemException(HttpStatus.FORBIDDEN, "password_required", "token.api.tokens")
						: new ProblemException(HttpStatus.FORBIDDEN, "token_read_only", "token.api.readOnly"));
				response.sendError(HttpStatus.FORBIDDEN.value());
				return;
			}
		}
		chain.doFilter(request, response);
	}

}

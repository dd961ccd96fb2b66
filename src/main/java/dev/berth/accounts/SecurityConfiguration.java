package dev.berth.accounts;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.berth.support.BusyException;
import dev.berth.support.ProblemException;
import dev.berth.support.RegistryErrors;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Browser pages use a form login and a session; the JSON API and the token endpoint also take HTTP
 * Basic. CSRF stays on for every request that rides on the session cookie; its token is kept in a
 * cookie of its own, so a visitor has no session (and no row in the database) before logging in.
 * Pages of an account are for its users; the Administration pages for the platform operator (to
 * anybody else they do not exist: 404); Profile for everybody who is logged in. Every password
 * login goes through {@link LoginAttempts} (throttling, disabled users and accounts); a user whose
 * password was set by someone else must choose a new one first ({@link PasswordChangeFirst}).
 * <p>
 * One class on purpose: the filter chain and its answers (login form, Basic, htmx, API,
 * administration) must be read together to see who may reach what.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottle.Settings.class)
public class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
			+ " form-action 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(),"
			+ " clipboard-read=(), clipboard-write=(self)";

	/** The header the pages' htmx requests carry the CSRF token in (the layout's {@code <body hx-headers>}). */
	static final String CSRF_HEADER = "X-CSRF-TOKEN";

	/** The longest address (path and query) a visitor is sent back to after the login. */
	static final int MAX_RETURN_ADDRESS = 2048;

	static final String[] PUBLIC = { "/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
			"/actuator/health", "/actuator/health/*", "/v2/token", "/registry/**" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<LoginAttempts> loginAttempts,
			ObjectProvider<AccessTokens> accessTokens,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> pages) throws Exception {
		RequestMatcher api = pathPattern("/api/**");
		RequestMatcher administration = pathPattern("/administration/**");
		RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
		// A client of the API or the registry: Basic credentials, checked on this very request (they are
		// read on those addresses only, AccessTokenLogin). With the session cookie as well, the request
		// rides on the session (Spring's Basic filter does not check the password again for the
		// session's own user), so it needs the CSRF token as any other.
		RequestMatcher basicWithoutSession = request -> AccessTokenLogin.BASIC_CLIENTS.matches(request)
				&& hasBasicCredentials(request) && request.getRequestedSessionId() == null;
		// Nothing of an anonymous visitor is kept on the server: the CSRF token and the page to return
		// to after the login live in cookies, so no session row is written before a login.
		CookieRequestCache returnTo = new CookieRequestCache();
		returnTo.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && !api.matches(request)
				&& !htmx.matches(request) && fitsACookie(request));
		returnTo.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setHeaderName(CSRF_HEADER);
		csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
		http.authorizeHttpRequests(requests -> requests
			// The management server (its own port, loopback by default) serves health and metrics only.
			.requestMatchers(SecurityConfiguration::onManagementServer)
			.permitAll()
			.requestMatchers(PUBLIC)
			.permitAll()
			.requestMatchers(administration)
			.hasRole("OPERATOR")
			.requestMatchers("/", "/profile", "/profile/**", "/logout")
			.authenticated()
			.anyRequest()
			.hasRole("USER"))
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter(TypedLoginName.PARAMETER)
				.passwordParameter(RacedLogins.PASSWORD_PARAMETER)
				.successHandler(new LoginSucceeded(returnTo))
				.failureHandler(SecurityConfiguration::loginFailed)
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::basicRefused)
				// An access token as the Basic password is checked as a token (AccessTokenLogin).
				.withObjectPostProcessor(new ObjectPostProcessor<BasicAuthenticationFilter>() {
					@Override
					public <O extends BasicAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationConverter(AccessTokenLogin.converter());
						return filter;
					}
				}))
			// Requests that carry their own credentials (API clients, the registry) cannot be forged by a page.
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.csrfTokenRequestHandler(new GarbledCsrfTokens())
				.ignoringRequestMatchers(basicWithoutSession, pathPattern("/registry/**"), pathPattern("/v2/token")))
			.requestCache(cache -> cache.requestCache(returnTo))
			// The API's 401 goes through the error page, which answers with a problem detail.
			// Everything the pages load comes from the console itself; no inline script or style.
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
				.crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN)))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(SecurityConfiguration::unauthorized, api)
				.defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(), htmx)
				.defaultAuthenticationEntryPointFor(SecurityConfiguration::toLogin, AnyRequestMatcher.INSTANCE)
				.defaultAccessDeniedHandlerFor(SecurityConfiguration::administrationHidden, administration)
				.defaultAccessDeniedHandlerFor(SecurityConfiguration::apiRefused, api)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> refused(request, response, ex, pages.getObject()),
						AnyRequestMatcher.INSTANCE))
			.addFilterAfter(new PasswordChangeFirst(), AuthorizationFilter.class)
			.addFilterAfter(new TokenLimits(), PasswordChangeFirst.class);
		loginAttempts.ifAvailable(attempts -> {
			List<AuthenticationProvider> providers = new ArrayList<>();
			providers.add(attempts.provider());
			accessTokens.ifAvailable(tokens -> providers.add(AccessTokenLogin.provider(tokens)));
			http.authenticationManager(new ProviderManager(providers));
		});
		return http.build();
	}

	/**
	 * An API request that sends a session cookie (a stale one left in a client's cookie jar, say) is
	 * held to the CSRF token a page sends, whatever credentials it has: its 403 says so, rather than
	 * "You may not do this", which reads as a missing permission.
	 */
	private static void apiRefused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, ServletException {
		if (ex instanceof CsrfException) {
			if (request.getRequestedSessionId() == null) {
				// No cookie, so no credentials either (those with them are exempt): the 401 a client without them gets.
				credentialsRefused(request, response);
				return;
			}
			request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
					new ProblemException(HttpStatus.FORBIDDEN, "csrf", "problem.403.apiWithSession", CSRF_HEADER));
		}
		new AccessDeniedHandlerImpl().handle(request, response, ex);
	}

	private static boolean onManagementServer(HttpServletRequest request) {
		return WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()) instanceof
				WebServerApplicationContext context && "management".equals(context.getServerNamespace());
	}

	/**
	 * Whether the page's address is short enough to return to through a cookie (Base64 makes it a
	 * third longer, and a response's headers must stay within the container's 8 KB); a longer one is
	 * no page a link leads to, and the login then goes to the home page.
	 */
	private static boolean fitsACookie(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI().length() + ((query != null) ? query.length() : 0) <= MAX_RETURN_ADDRESS;
	}

	static boolean hasBasicCredentials(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	}

	private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		credentialsRefused(request, response);
	}

	/**
	 * 401 to a client whose credentials do not get it in: on {@code /v2/token} the registry's own
	 * error body, the same for a wrong password, a password that must be changed first, a malformed,
	 * unknown, revoked or expired token, a disabled user or account (no hint which); a problem detail
	 * elsewhere.
	 */
	static void credentialsRefused(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Berth\"");
		refuse(request, response, HttpStatus.UNAUTHORIZED, "authentication required");
	}

	private static final RequestMatcher TOKEN_ENDPOINT = pathPattern(RegistryErrors.TOKEN_PATH);

	/**
	 * Basic credentials that did not check out: 401; too many failed logins of the name or the
	 * client address: 429 with Retry-After; credentials that could not be checked because the
	 * console is overloaded (no database connection in time): 503, never a false 401.
	 */
	private static void basicRefused(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		if (ex instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
			refuse(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"too many failed logins: retry after " + throttled.retryAfterSeconds() + " seconds");
			return;
		}
		if (ex instanceof InternalAuthenticationServiceException) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BusyException.RETRY_AFTER.toSeconds()));
			refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "service unavailable");
			return;
		}
		unauthorized(request, response, ex);
	}

	/**
	 * A refusal in the registry's error format on {@code /v2/token} (docker and skopeo show its
	 * message), else through the error page (a problem detail).
	 */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String registryMessage) throws IOException {
		if (TOKEN_ENDPOINT.matches(request)) {
			RegistryErrors.write(response, status, registryMessage);
			return;
		}
		response.sendError(status.value());
	}

	/**
	 * A page needs a login: the login form, which says so when the browser's session has ended (timed
	 * out, or ended by a password change, a reset or a disable on any node).
	 */
	private static void toLogin(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		boolean ended = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
		response.sendRedirect(request.getContextPath() + (ended ? "/login?expired" : "/login"));
	}

	/**
	 * The login form's answer: wrong credentials; too many failures (when to try again); a disabled
	 * user or account (only to who typed the right password); or (overloaded) try again shortly. The
	 * form comes back with the name that was typed ({@link TypedLoginName}).
	 */
	private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		String query;
		if (ex instanceof LoginThrottledException throttled) {
			query = "retry=" + throttled.retryAfterSeconds();
		}
		else if (ex instanceof DisabledLoginException disabled) {
			query = "disabled=" + (disabled.account() ? "account" : "user");
		}
		else if (ex instanceof InternalAuthenticationServiceException) {
			query = "busy";
		}
		else if (TokenSecret.looksLikeToken(request.getParameter("password"))) {
			// An access token pasted as the password: never valid here, and the page says why.
			query = "error=token";
		}
		else {
			query = "error";
		}
		TypedLoginName.remember(request, response);
		response.sendRedirect(request.getContextPath() + "/login?" + query);
	}

	/**
	 * A page of an account refused: 403. To the operator, who may reach none of them, an address that
	 * no page answers is a 404 as for anybody else, not "this is for the users of an account".
	 */
	private static void refused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex,
			HandlerMapping pages) throws IOException, ServletException {
		if (BerthUser.current().filter(BerthUser::operator).isPresent() && !answered(request, pages)) {
			response.sendError(HttpStatus.NOT_FOUND.value());
			return;
		}
		new AccessDeniedHandlerImpl().handle(request, response, ex);
	}

	/** Whether a controller answers the request's address (with this method or another). */
	private static boolean answered(HttpServletRequest request, HandlerMapping pages) {
		boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
		if (!parsed) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			return pages.getHandler(request) != null;
		}
		catch (Exception ex) {
			// A method or media type the address does not take: the address exists.
			return true;
		}
		finally {
			if (!parsed) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

	/** The Administration pages do not exist for anybody but the operator. */
	private static void administrationHidden(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException ex) throws IOException, jakarta.servlet.ServletException {
		if (BerthUser.current().filter(BerthUser::operator).isPresent()) {
			new AccessDeniedHandlerImpl().handle(request, response, ex);
			return;
		}
		response.sendError(HttpStatus.NOT_FOUND.value());
	}

	/**
	 * BCrypt for passwords (any stored hash names its algorithm and its cost); BCrypt reads at most
	 * 72 bytes, so a longer password is hashed with Argon2id. {@code berth.passwords.bcrypt-strength}
	 * is the cost of the hashes written from now on (2^strength rounds): 10, Spring Security's
	 * default, takes tens of milliseconds a check.
	 */
	@Bean
	RememberingPasswordEncoder passwordEncoder(Clock clock,
			@Value("${berth.passwords.bcrypt-strength:10}") int bcryptStrength) {
		if (bcryptStrength < 4 || bcryptStrength > 31) {
			throw new IllegalStateException(
					"berth.passwords.bcrypt-strength must be from 4 to 31 (BCrypt's log2 of its rounds), not "
							+ bcryptStrength);
		}
		String bcrypt = "bcrypt";
		String argon2 = "argon2@SpringSecurity_v5_8";
		Map<String, PasswordEncoder> encoders = Map.of(bcrypt, new BCryptPasswordEncoder(bcryptStrength), argon2,
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		return new RememberingPasswordEncoder(new DelegatingPasswordEncoder(bcrypt, encoders),
				new DelegatingPasswordEncoder(argon2, encoders), clock);
	}

	/**
	 * No observations of Spring Security's own: with Actuator present it would time every filter of
	 * the chain, every authorization and every authentication on every request, a fifth of a
	 * {@code /v2/token} request's CPU (bench/RESULTS.md). Requests are still timed as a whole, by
	 * address pattern and status ({@code http_server_requests}: a refusal is its 401, 403 or 404).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Around the session filter, so that the login's session is saved when the user is read again. */
	@Bean
	FilterRegistrationBean<RacedLogins> racedLogins(UserDetailsService users, PasswordEncoder passwords,
			ObjectProvider<UserSessions> sessions) {
		FilterRegistrationBean<RacedLogins> registration = new FilterRegistrationBean<>(
				new RacedLogins(users, passwords, sessions));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
		return registration;
	}

	@Bean
	LoginThrottle loginThrottle(LoginThrottle.Settings settings, Clock clock) {
		return new LoginThrottle(settings, clock);
	}

	/** After the login form: a new password first when one is due, else where the user was going. */
	static final class LoginSucceeded extends SavedRequestAwareAuthenticationSuccessHandler {

		private final RequestCache returnTo;

		LoginSucceeded(RequestCache returnTo) {
			this.returnTo = returnTo;
			setDefaultTargetUrl("/");
			setRequestCache(returnTo);
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				org.springframework.security.core.Authentication authentication)
				throws IOException, jakarta.servlet.ServletException {
			if (authentication.getPrincipal() instanceof BerthUser user) {
				request.setAttribute(RacedLogins.LOGGED_IN,
						new RacedLogins.LoggedIn(user.getUsername(), request.getSession().getId()));
			}
			TypedLoginName.forget(request, response);
			SavedRequest saved = this.returnTo.getRequest(request, response);
			boolean tampered = saved != null && saved.getRedirectUrl().chars().anyMatch(Character::isISOControl);
			if (tampered) {
				// Only a tampered cookie holds a line break, and a redirect to it was a 500.
				this.returnTo.removeRequest(request, response);
			}
			boolean passwordDue = authentication.getPrincipal() instanceof BerthUser user && user.passwordChangeRequired();
			if (passwordDue || tampered) {
				clearAuthenticationAttributes(request);
				getRedirectStrategy().sendRedirect(request, response, passwordDue ? "/profile" : "/");
				return;
			}
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

}

package dev.berth.accounts;

import java.io.IOException;
import java.time.Clock;

import dev.berth.support.BusyException;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.WebApplicationContextUtils;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Browser pages use a form login and a session; the JSON API also takes HTTP Basic. CSRF stays on
 * for every request that rides on the session cookie.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
			+ " form-action 'self'; frame-ancestors 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(),"
			+ " clipboard-read=(), clipboard-write=(self)";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		RequestMatcher api = pathPattern("/api/**");
		RequestMatcher htmx = new RequestHeaderRequestMatcher("HX-Request", "true");
		RequestMatcher basicAuthorization = request -> {
			String header = request.getHeader("Authorization");
			return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
		};
		http.authorizeHttpRequests(requests -> requests
			// The management server (its own port, loopback by default) serves health and metrics only.
			.requestMatchers(SecurityConfiguration::onManagementServer)
			.permitAll()
			.requestMatchers("/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
					"/actuator/health", "/actuator/health/*", "/v2/token", "/registry/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/images", false)
				.failureHandler(SecurityConfiguration::loginFailed)
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			.httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::basicRefused))
			// Requests that carry their own credentials (API clients, the registry) cannot be forged by a page.
			.csrf(csrf -> csrf.ignoringRequestMatchers(basicAuthorization, pathPattern("/registry/**"),
					pathPattern("/v2/token")))
			// The API's 401 goes through the error page, which answers with a problem detail.
			// Everything the pages load comes from the console itself; no inline script or style.
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
				.crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN)))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(SecurityConfiguration::unauthorized, api)
				.defaultAuthenticationEntryPointFor(new HxRefreshHeaderAuthenticationEntryPoint(), htmx)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						request -> true));
		return http.build();
	}

	private static boolean onManagementServer(HttpServletRequest request) {
		return WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()) instanceof
				WebServerApplicationContext context && "management".equals(context.getServerNamespace());
	}

	private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Berth\"");
		response.sendError(HttpStatus.UNAUTHORIZED.value());
	}

	/**
	 * Basic credentials that did not check out: 401; credentials that could not be checked
	 * because the console is overloaded (no database connection in time): 503, never a false 401.
	 */
	private static void basicRefused(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		if (ex instanceof InternalAuthenticationServiceException) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(BusyException.RETRY_AFTER.toSeconds()));
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			return;
		}
		unauthorized(request, response, ex);
	}

	/** The login form's answer: wrong credentials, or (overloaded) try again shortly. */
	private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		boolean busy = ex instanceof InternalAuthenticationServiceException;
		response.sendRedirect(request.getContextPath() + (busy ? "/login?busy" : "/login?error"));
	}

	@Bean
	PasswordEncoder passwordEncoder(Clock clock) {
		return new RememberingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
	}

}

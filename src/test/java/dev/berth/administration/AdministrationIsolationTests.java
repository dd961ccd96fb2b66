package dev.berth.administration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.berth.sharing.SharingTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Administration is the operator's alone: every administration URL (pages, htmx twins, forms,
 * with and without a CSRF token) × every demo user is a 404, as if it did not exist; the operator
 * gets the pages. No request here changes anything (the operator's forms are sent incomplete).
 */
class AdministrationIsolationTests extends SharingTestBase {

	static final List<String> DEMO_USERS = List.of("alice", "bob", "carol", "dave", "erin");

	static final List<String> PAGES = List.of("/administration", "/administration/accounts",
			"/administration/accounts?q=ac&region=eu-west-1&status=active&sort=created&page=2",
			"/administration/accounts/new", "/administration/accounts/acme", "/administration/accounts/globex",
			"/administration/accounts/acme/disable", "/administration/accounts/acme/enable",
			"/administration/accounts/acme/delete", "/administration/accounts/no-such-account",
			"/administration/activity", "/administration/activity?account=acme&kind=logins&page=2",
			"/administration/no-such-page");

	static final List<String> FORMS = List.of("/administration/accounts", "/administration/accounts/acme/disable",
			"/administration/accounts/acme/enable", "/administration/accounts/acme/delete",
			"/administration/accounts/umbrella/delete");

	@Autowired
	MockMvc mvc;

	static Stream<Arguments> requests() {
		List<Arguments> requests = new ArrayList<>();
		for (String page : PAGES) {
			requests.add(Arguments.of("GET " + page, (Request) () -> get(page)));
			requests.add(Arguments.of("GET (htmx) " + page, (Request) () -> get(page).header("HX-Request", "true")));
		}
		for (String form : FORMS) {
			requests.add(Arguments.of("POST " + form, (Request) () -> post(form).with(csrf())));
			requests.add(Arguments.of("POST (no CSRF token) " + form, (Request) () -> post(form)));
			requests.add(Arguments.of("POST (htmx) " + form,
					(Request) () -> post(form).with(csrf()).header("HX-Request", "true")));
		}
		return requests.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void everyDemoUserThenNotFound(String name, Request request) throws Exception {
		for (String user : DEMO_USERS) {
			int status = this.mvc.perform(request.build().with(loggedInAs(user))).andReturn().getResponse().getStatus();
			assertThat(status).as("%s as %s", name, user).isEqualTo(404);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void operatorThenTheAdministrationAndNothingChanged(String name, Request request) throws Exception {
		int status = this.mvc.perform(request.build().with(loggedInAs("admin"))).andReturn().getResponse().getStatus();
		if (name.contains("no-such") || name.contains("(no CSRF token)")) {
			assertThat(status).as(name).isIn(403, 404);
		}
		else {
			assertThat(status).as(name).isIn(200, 302);
		}
		assertThat(this.jdbc.sql("select count(*) from account where disabled_at is not null or deleted_at is not null")
			.query(Integer.class)
			.single()).isZero();
	}

	/**
	 * The operator reaches no page of an account: 403, whose page says why. An address that no page
	 * answers is a 404 for the operator as for anybody (it was that 403 too).
	 */
	@ParameterizedTest(name = "GET {0} as the operator → {1}")
	@CsvSource({ "/images, 403", "/organizations/acme-apps, 403", "/activity, 403", "/account/users, 403",
			"/no-such-page, 404", "/images-of-nobody, 404", "/organizations/acme-apps/no/such/page, 404" })
	void operatorOutsideTheAdministrationThenRefusedOrNotFound(String page, int expected) throws Exception {
		int status = this.mvc.perform(get(page).with(loggedInAs("admin"))).andReturn().getResponse().getStatus();
		assertThat(status).isEqualTo(expected);
	}

	interface Request {

		MockHttpServletRequestBuilder build();

	}

}

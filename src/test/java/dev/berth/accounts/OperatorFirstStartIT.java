package dev.berth.accounts;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.berth.BerthApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start outside the demo: the operator {@code admin} gets the password of
 * BERTH_ADMIN_PASSWORD, or a random one written to the log once, and must choose a new one at the
 * first login; a later start creates no second operator and logs no password.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorFirstStartIT {

	static final Pattern LOGGED = Pattern.compile("Created the platform operator 'admin' with the password (\\S+) ");

	@TempDir
	Path data;

	private ConfigurableApplicationContext start(Path folder, String... more) {
		String[] arguments = { "--spring.profiles.active=prod", "--berth.data-dir=" + folder,
				"--spring.datasource.url=jdbc:h2:file:" + folder.resolve("db/berth"), "--server.port=0",
				"--server.address=127.0.0.1", "--berth.registry.managed=false", "--server.shutdown=immediate",
				"--logging.level.dev.berth=info" };
		String[] all = new String[arguments.length + more.length];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		System.arraycopy(more, 0, all, arguments.length, more.length);
		return new SpringApplicationBuilder(BerthApplication.class).run(all);
	}

	@Test
	void withoutAPasswordThenARandomOneLoggedOnceThatMustBeChangedAndARestartCreatesNoOther(CapturedOutput output)
			throws Exception {
		String password;
		try (ConfigurableApplicationContext first = start(this.data.resolve("random"))) {
			Matcher logged = LOGGED.matcher(output.getOut());
			assertThat(logged.find()).as("the password in the log").isTrue();
			password = logged.group(1);
			assertThat(password).hasSize(20);
			assertThat(login(first, "admin", password)).endsWith("/profile");
			assertThat(login(first, "admin", "not the password")).endsWith("/login?error");
		}
		int before = output.getOut().length();
		try (ConfigurableApplicationContext again = start(this.data.resolve("random"), "--berth.admin.password=ignored now")) {
			assertThat(output.getOut().substring(before)).doesNotContain("Created the platform operator");
			assertThat(login(again, "admin", password)).endsWith("/profile");
		}
	}

	@Test
	void withBerthAdminPasswordThenThatOneAndNotLogged(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start(this.data.resolve("configured"),
				"--berth.admin.password=the operator's first one")) {
			assertThat(output.getOut()).contains("with the password of BERTH_ADMIN_PASSWORD")
				.doesNotContain("the operator's first one");
			assertThat(login(context, "admin", "the operator's first one")).endsWith("/profile");
		}
	}

	/** Logs in with the form, as a browser does; returns where the console sends the user. */
	private static String login(ConfigurableApplicationContext context, String user, String password)
			throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String base = "http://127.0.0.1:" + port;
		String page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).isTrue();
		String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(302);
		return answer.headers().firstValue("Location").orElse("");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

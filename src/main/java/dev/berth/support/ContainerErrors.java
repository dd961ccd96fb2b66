package dev.berth.support;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat's answer to a request it refuses before the console sees it: a path with a broken escape
 * ({@code /images/%zz}), characters a URL may not hold unencoded ({@code ?q={x}}), or a request
 * line or headers past 8 KB. Tomcat's own page ("HTTP Status 400 – Bad Request" in its grey and
 * blue) is replaced by the console's words in the client's form: a problem detail on the JSON API,
 * the registry's error body on {@code /v2/…}, and a plain page elsewhere (and for a request line
 * too broken to tell its path) that links back to the console. No server name or version is shown, and the page carries the console's security
 * headers. Installed as the host's error report valve ({@link WebConfiguration}).
 */
public class ContainerErrors extends ErrorReportValve {

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
			<title>%1$d · Berth</title></head>
			<body><main><h1>%1$d</h1><p>%2$s</p><p><a href="/">Back to Berth</a></p></main></body></html>
			""";

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// Only an error Tomcat or a sendError reported: a status the console set on an empty answer
		// on purpose (the registry's notifications get a bare 401) stays as it is.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		String path = String.valueOf(request.getRequestURI());
		String text = text(status);
		String body;
		if (path.startsWith("/api/")) {
			response.setContentType("application/problem+json");
			body = "{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status + ",\"detail\":\""
					+ text + "\",\"code\":\"" + Problems.codeOf(HttpStatusCode.valueOf(status)) + "\"}";
		}
		else if (path.startsWith("/v2/")) {
			response.setContentType("application/json");
			body = "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"" + text + "\"}]}";
		}
		else {
			response.setContentType("text/html;charset=UTF-8");
			response.setHeader("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
			response.setHeader("X-Frame-Options", "DENY");
			body = PAGE.formatted(status, text);
		}
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setCharacterEncoding("UTF-8");
		try {
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone, or the answer was begun elsewhere: nothing more to say.
		}
	}

	private static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/** Plain words, no client's input repeated (it may be anything). */
	private static String text(int status) {
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return "That request was not understood: its address or its headers are not valid (a broken %-escape, "
					+ "characters that must be encoded, or more than 8 KB).";
		}
		if (status == HttpStatus.CONTENT_TOO_LARGE.value()) {
			return "The request is too large.";
		}
		return "The console could not finish this request.";
	}

}

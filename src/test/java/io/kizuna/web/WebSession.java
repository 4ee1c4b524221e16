package io.kizuna.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser without a browser: cookies, the sign-in form and CSRF tokens, as a person's session uses them. */
final class WebSession {

	static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private String csrf;

	WebSession(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	static WebSession signedIn(int port, String email, String password) {
		WebSession session = new WebSession(port);
		if (!session.signIn(email, password)) {
			throw new IllegalStateException("sign-in failed for " + email);
		}
		return session;
	}

	/** True when the form lands signed in; afterwards the session's CSRF token is known. */
	boolean signIn(String email, String password) {
		String token = token(get("/login").body());
		HttpResponse<String> response = post("/login", "username=" + encode(email) + "&password=" + encode(password),
				token);
		boolean ok = response.statusCode() == 302
				&& !response.headers().firstValue("Location").orElse("").contains("error");
		if (ok) {
			// The token changes with the sign-in; every page's sign-out form carries the new one.
			csrf = token(get("/").body());
		}
		return ok;
	}

	String csrf() {
		return csrf;
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	/** A form post with this session's CSRF token. */
	HttpResponse<String> post(String path, String form) {
		return post(path, form, csrf);
	}

	HttpResponse<String> post(String path, String form, String token) {
		String body = token == null ? form : (form.isEmpty() ? "" : form + "&") + "_csrf=" + encode(token);
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A multipart form post (a file upload) with this session's CSRF token. */
	HttpResponse<String> upload(String path, java.util.Map<String, String> fields, String fileName, String content) {
		String boundary = "kizuna-" + java.util.UUID.randomUUID();
		StringBuilder body = new StringBuilder();
		java.util.Map<String, String> all = new java.util.LinkedHashMap<>(fields);
		all.put("_csrf", csrf);
		all.forEach((name, value) -> body.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
			.append(value).append("\r\n"));
		body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n").append(content).append("\r\n--")
			.append(boundary).append("--\r\n");
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
	}

	HttpResponse<String> send(String method, String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-CSRF-TOKEN", csrf == null ? "" : csrf)
			.method(method, HttpRequest.BodyPublishers.ofString(csrf == null ? "" : "_csrf=" + encode(csrf))));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String token(String page) {
		Matcher input = CSRF_INPUT.matcher(page);
		if (!input.find()) {
			throw new IllegalStateException("no CSRF token on the page: " + page.substring(0, Math.min(page.length(), 300)));
		}
		Matcher value = VALUE.matcher(input.group());
		if (!value.find()) {
			throw new IllegalStateException("no CSRF token value in " + input.group());
		}
		return value.group(1);
	}
}

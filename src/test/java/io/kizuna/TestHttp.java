package io.kizuna;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for tests that talk to the running application as real clients do. */
public final class TestHttp {

	public static final String WRITE_KEY = "wk_test_write_key";

	public static final String API_TOKEN = "kzt_test_api_token";

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public TestHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
	}

	/** POSTs a Segment call with a write key. */
	public HttpResponse<String> segment(String path, String json, String writeKey) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("Authorization", basic(writeKey))
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public HttpResponse<String> segment(String path, String json) {
		return segment(path, json, WRITE_KEY);
	}

	public HttpResponse<String> get(String path) {
		return get(path, API_TOKEN);
	}

	/** A request with no Authorization header at all, as an anonymous client sends it. */
	public HttpResponse<String> getWithoutToken(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public HttpResponse<String> get(String path, String token) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
	}

	public HttpResponse<String> send(String method, String path, String json) {
		return send(method, path, json, API_TOKEN);
	}

	public HttpResponse<String> send(String method, String path, String json, String token) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json)));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url(String path) {
		return base + path;
	}
}

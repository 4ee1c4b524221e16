package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInIT {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	JdbcClient jdbc;

	@Test
	void signInWorksAndPagesNeedIt() throws Exception {
		String email = user();
		HttpClient browser = browser();
		assertThat(get(browser, "/").statusCode()).as("redirect to sign-in").isEqualTo(302);
		assertThat(signIn(browser, email, "correct-horse-battery")).isTrue();
		HttpResponse<String> home = get(browser, "/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).as("pages are in the workspace's language (en here) until the user picks one")
			.contains("<h1>Portfolio</h1>");
	}

	@Test
	void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() throws Exception {
		String email = user();
		String other = user();
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(browser(), email, "wrong-password-" + i)).isFalse();
		}
		assertThat(signIn(browser(), email, "correct-horse-battery")).as("locked").isFalse();
		assertThat(signIn(browser(), other, "correct-horse-battery")).as("other accounts are not").isTrue();
		assertThat(jdbc.sql("select count(*) from audit_log where action = 'sign_in.locked' and target = ?")
			.param(email)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void parallelGuessesAreAllCountedSoTheLimitCannotBeRaced() throws Exception {
		String email = user();
		List<CompletableFuture<Boolean>> guesses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			int n = i;
			guesses.add(CompletableFuture.supplyAsync(() -> {
				try {
					return signIn(browser(), email, "guess-" + n);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		for (CompletableFuture<Boolean> guess : guesses) {
			assertThat(guess.get()).isFalse();
		}
		assertThat(jdbc.sql("select attempts from sign_in_attempt where attempt_key = ?")
			.param("account:" + email)
			.query(Integer.class)
			.single()).isEqualTo(12);
		assertThat(signIn(browser(), email, "correct-horse-battery")).isFalse();
	}

	private String user() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("si-" + run, "SI", "JPY", "Asia/Tokyo", "en")).id();
		String email = "person-" + run + "@example.com";
		workspaces.createUser(workspace, email, "Person " + run, "correct-horse-battery", Role.CSM);
		return email;
	}

	private HttpClient browser() {
		return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
	}

	private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Signs in through the form, CSRF token and all; true when it lands signed in. */
	private boolean signIn(HttpClient browser, String email, String password) throws Exception {
		Matcher csrf = CSRF.matcher(get(browser, "/login").body());
		assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
		String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() == 302 && !response.headers().firstValue("Location").orElse("").contains("error");
	}
}

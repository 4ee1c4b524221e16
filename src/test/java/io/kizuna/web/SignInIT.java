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

import java.time.Duration;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
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
	UserManagement people;

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

	@Test
	void aJapaneseBrowserSeesKizunasSignInPageAndItsErrorInJapanese() throws Exception {
		String email = user();
		ChromeDriver chromium = Browser.start("ja");
		try {
			chromium.get("http://127.0.0.1:" + port + "/login");
			assertThat(chromium.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ja");
			assertThat(chromium.findElement(By.tagName("h1")).getText()).isEqualTo("サインイン");
			assertThat(chromium.getPageSource()).doesNotContain("Please sign in", "default-ui.css");
			assertThat(chromium.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("メールアドレス");
			chromium.findElement(By.id("username")).sendKeys(email);
			chromium.findElement(By.id("password")).sendKeys("wrong-password");
			chromium.findElement(By.cssSelector("button[type=submit]")).click();
			new WebDriverWait(chromium, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("signin-error")).isEmpty());
			assertThat(chromium.findElement(By.id("signin-error")).getText())
				.isEqualTo("メールアドレスまたはパスワードが正しくありません。確認してもう一度お試しください。");
			Browser.screenshot(chromium, "signin-ja-error");
			Browser.signIn(chromium, port, email, "correct-horse-battery");
			assertThat(chromium.getCurrentUrl()).doesNotContain("/login");
		}
		finally {
			chromium.quit();
		}
	}

	@Test
	void anEnglishBrowserSeesItInEnglishAndTheLockSaysForHowLong() throws Exception {
		String email = user();
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(browser(), email, "wrong-password-" + i)).isFalse();
		}
		ChromeDriver chromium = Browser.start("en-US");
		try {
			chromium.get("http://127.0.0.1:" + port + "/login");
			assertThat(chromium.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
			assertThat(chromium.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
			Browser.screenshot(chromium, "signin-en");
			chromium.findElement(By.id("username")).sendKeys(email);
			chromium.findElement(By.id("password")).sendKeys("correct-horse-battery");
			chromium.findElement(By.cssSelector("button[type=submit]")).click();
			new WebDriverWait(chromium, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("signin-error")).isEmpty());
			// The window is five minutes from the first attempt, a few seconds ago: five minutes, rounded up.
			// The number and its unit are held together by a no-break space.
			assertThat(chromium.findElement(By.id("signin-error")).getText().replace('\u00a0', ' '))
				.isEqualTo("Too many failed attempts. Try again in 5 minutes.");
			assertThat(chromium.getCurrentUrl()).contains("error=locked", "minutes=5");
			Browser.screenshot(chromium, "signin-en-locked");
			chromium.get("http://127.0.0.1:" + port + chromium.getCurrentUrl().replaceFirst("^https?://[^/]+", "")
					+ "&lang=ja");
			assertThat(chromium.findElement(By.id("signin-error")).getText())
				.isEqualTo("サインインの失敗が続いたため、一時的にロックされています。5分後にもう一度お試しください。");
			Browser.screenshot(chromium, "signin-ja-locked");
		}
		finally {
			chromium.quit();
		}
	}

	@Test
	void theLanguageComesFromTheBrowserUntilThePersonPicksOneAndThePageKeepsTheAppsHeaders() throws Exception {
		HttpClient browser = browser();
		HttpResponse<String> english = send(browser, "/login", "en-GB,en;q=0.9,ja;q=0.5");
		assertThat(english.body()).contains("<html lang=\"en\">", "<h1>Sign in</h1>");
		assertThat(english.headers().firstValue("Content-Security-Policy").orElse(""))
			.contains("default-src 'self'", "frame-ancestors 'none'", "form-action 'self'");
		assertThat(english.headers().firstValue("Content-Type").orElse("")).contains("text/html", "UTF-8");
		assertThat(send(browser(), "/login", "fr-FR,ja;q=0.8,en;q=0.5").body()).as("the first of ja and en accepted")
			.contains("<h1>サインイン</h1>");
		assertThat(send(browser(), "/login", "fr-FR").body()).as("neither: Japanese").contains("<h1>サインイン</h1>");
		assertThat(get(browser(), "/login").body()).as("no header: Japanese").contains("<h1>サインイン</h1>");
		assertThat(send(browser, "/login?lang=ja", "en").body()).contains("<h1>サインイン</h1>");
		assertThat(send(browser, "/login", "en").body()).as("the chosen language is remembered over the browser's")
			.contains("<h1>サインイン</h1>");
		assertThat(send(browser(), "/login?logout", "en").body()).contains("You have signed out.");
		assertThat(send(browser(), "/login?error=locked&minutes=100000", "en").body())
			.as("a hand-made link cannot claim a longer lock").contains("Try again in 60\u00a0minutes.");
	}

	@Test
	void theSignInPageAnswersInTheLanguageAskedForAndSignedOutRedirectsKeepIt() throws Exception {
		for (String[] page : new String[][] { { "ja", "サインイン" }, { "en", "Sign in" } }) {
			HttpResponse<String> signIn = send(browser(), "/login?lang=" + page[0], page[0].equals("ja") ? "en" : "ja");
			assertThat(signIn.statusCode()).as("/login?lang=" + page[0]).isEqualTo(200);
			assertThat(signIn.body()).contains("<html lang=\"" + page[0] + "\">", "<h1>" + page[1] + "</h1>");
		}
		// An anonymous visitor on an English page is sent to the English sign-in page.
		HttpResponse<String> anonymous = send(browser(), "/accounts?lang=en", "ja");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login?lang=en");
		assertThat(send(browser(), "/accounts", "ja").headers().firstValue("Location").orElse(""))
			.as("no ?lang, none added").endsWith("/login");
		assertThat(send(browser(), "/accounts?lang=xx", "ja").headers().firstValue("Location").orElse(""))
			.as("an unknown language is not carried").endsWith("/login");
		// Sign-out: the language the person was using, the workspace's (en) when they never picked one ...
		String email = user();
		HttpClient english = browser();
		assertThat(signIn(english, email, "correct-horse-battery")).isTrue();
		assertThat(signOut(english)).endsWith("/login?logout&lang=en");
		assertThat(send(english, "/login?logout&lang=en", "ja").body()).contains("<h1>Sign in</h1>", "You have signed out.");
		// ... and the one they picked when they did.
		HttpClient japanese = browser();
		assertThat(get(japanese, "/login?lang=ja").statusCode()).isEqualTo(200);
		assertThat(signIn(japanese, email, "correct-horse-battery")).isTrue();
		assertThat(signOut(japanese)).endsWith("/login?logout&lang=ja");
		// In a real browser too: an English link opened signed out leads to the English sign-in page.
		ChromeDriver chromium = Browser.start("ja");
		try {
			chromium.get("http://127.0.0.1:" + port + "/accounts?lang=en");
			assertThat(chromium.getCurrentUrl()).endsWith("/login?lang=en");
			assertThat(chromium.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
			assertThat(chromium.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
		}
		finally {
			chromium.quit();
		}
	}

	/** Signs out through the page's form (CSRF token and all); where the sign-out redirects to. */
	private String signOut(HttpClient browser) throws Exception {
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
			.matcher(get(browser, "/").body());
		assertThat(csrf.find()).as("the page's sign-out form carries a CSRF token").isTrue();
		String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
		HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/logout"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		return response.headers().firstValue("Location").orElse("");
	}

	private HttpResponse<String> send(HttpClient browser, String path, String acceptLanguage) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Accept-Language", acceptLanguage)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String user() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("si-" + run, "SI", "JPY", "Asia/Tokyo", "en")).id();
		String email = "person-" + run + "@example.com";
		people.createUser(workspace, email, "Person " + run, "correct-horse-battery", Role.CSM);
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

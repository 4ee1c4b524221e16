package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.kizuna.TestWorkspace;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.AuditEntry;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Changing one's own password (current + new twice, 12–128 characters), and an admin's reset: a generated password
 * shown once, with which the user can only reach the password page until they have chosen their own. In a real
 * browser, Japanese and English.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordIT {

	static final String NEW_PASSWORD = "a-new-password-of-mine";

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	AuditTrail audit;

	TestWorkspace own;

	@BeforeAll
	void workspace() {
		own = TestWorkspace.create(workspaces, people, accessKeys, "passwords", "ja");
	}

	@Test
	void aPersonChangesTheirOwnPasswordAndMistakesAreExplainedInJapanese() throws Exception {
		String csm = own.user(people, "csm-own", Role.CSM);
		ChromeDriver browser = Browser.start("ja");
		try {
			Browser.signIn(browser, port, csm, TestWorkspace.PASSWORD);
			browser.findElement(By.id("nav-password")).click();
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("パスワードの変更");
			change(browser, "wrong-password-000", NEW_PASSWORD, NEW_PASSWORD);
			assertThat(browser.findElement(By.id("password-errors")).getText()).contains("現在のパスワードが正しくありません");
			change(browser, TestWorkspace.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x");
			assertThat(browser.findElement(By.id("password-errors")).getText()).contains("一致しません");
			Browser.screenshot(browser, "password-error-ja");
			change(browser, TestWorkspace.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
			assertThat(browser.findElement(By.id("password-changed")).getText()).isEqualTo("パスワードを変更しました。");
			Browser.screenshot(browser, "password-changed-ja");
		}
		finally {
			browser.quit();
		}
		assertThat(new WebSession(port).signIn(csm, TestWorkspace.PASSWORD)).as("the old password").isFalse();
		assertThat(new WebSession(port).signIn(csm, NEW_PASSWORD)).as("the new password").isTrue();
		assertThat(audit.page(own.id(), new AuditQuery("user.password_changed", csm, 0, 10)).items()).hasSize(1);
	}

	@Test
	void theServerHoldsThePolicyWhateverTheFormSays() {
		String support = own.user(people, "support-policy", Role.SUPPORT);
		WebSession session = WebSession.signedIn(port, support, TestWorkspace.PASSWORD);
		String tooShort = "current=" + WebSession.encode(TestWorkspace.PASSWORD) + "&password=short&repeat=short";
		assertThat(session.post("/password", tooShort).body()).contains("password-errors", "12～128");
		String same = "current=" + WebSession.encode(TestWorkspace.PASSWORD) + "&password="
				+ WebSession.encode(TestWorkspace.PASSWORD) + "&repeat=" + WebSession.encode(TestWorkspace.PASSWORD);
		assertThat(session.post("/password", same).body()).contains("現在のものと同じです");
		assertThat(new WebSession(port).signIn(support, TestWorkspace.PASSWORD)).as("unchanged").isTrue();
	}

	@Test
	void anAdminResetsAPasswordShownOnceAndTheUserMustChangeItAtTheNextSignIn() throws Exception {
		String viewer = own.user(people, "viewer-reset", Role.VIEWER);
		long viewerId = people.findUser(viewer).orElseThrow().id();
		String generated;
		ChromeDriver admin = Browser.start("en");
		try {
			Browser.signIn(admin, port, own.adminEmail(), own.password());
			admin.get("http://127.0.0.1:" + port + "/settings?lang=en");
			admin.findElement(By.cssSelector("button.reset-password[data-user='" + viewer + "']")).click();
			generated = new WebDriverWait(admin, Duration.ofSeconds(10))
				.until(d -> d.findElement(By.id("reset-password")).getText());
			assertThat(admin.findElement(By.id("reset-password-shown")).getText()).contains("shown only this once");
			Browser.screenshot(admin, "password-reset-en");
			admin.get("http://127.0.0.1:" + port + "/settings?lang=en");
			assertThat(admin.getPageSource()).as("shown once").doesNotContain(generated);
		}
		finally {
			admin.quit();
		}
		assertThat(generated).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
		assertThat(audit.page(own.id(), new AuditQuery("user.password_reset", own.adminEmail(), 0, 10)).items())
			.extracting(AuditEntry::target).containsExactly(viewer);
		assertThat(people.passwordChangeRequired(viewer)).isTrue();

		ChromeDriver user = Browser.start("en");
		try {
			Browser.signIn(user, port, viewer, generated);
			assertThat(user.getCurrentUrl()).endsWith("/password");
			// The workspace's language (Japanese) until the person picks theirs.
			assertThat(user.findElement(By.id("password-required")).getText()).contains("管理者がパスワードをリセットしました");
			user.get("http://127.0.0.1:" + port + "/password?lang=en");
			assertThat(user.findElement(By.id("password-required")).getText()).contains("An admin reset your password");
			Browser.screenshot(user, "password-required-en");
			user.get("http://127.0.0.1:" + port + "/accounts?lang=en");
			assertThat(user.getCurrentUrl()).as("every page leads to the password page until it is changed")
				.endsWith("/password");
			change(user, generated, NEW_PASSWORD, NEW_PASSWORD);
			new WebDriverWait(user, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/password"));
			user.get("http://127.0.0.1:" + port + "/accounts?lang=en");
			assertThat(user.getCurrentUrl()).contains("/accounts");
		}
		finally {
			user.quit();
		}
		assertThat(people.passwordChangeRequired(viewer)).isFalse();
		assertThat(new WebSession(port).signIn(viewer, NEW_PASSWORD)).isTrue();
		WebSession session = WebSession.signedIn(port, viewer, NEW_PASSWORD);
		assertThat(session.post("/settings/users/" + viewerId + "/password", "").statusCode())
			.as("only admins reset passwords").isEqualTo(403);
	}

	private static void change(ChromeDriver browser, String current, String password, String repeat) {
		browser.findElement(By.id("current-password")).sendKeys(current);
		browser.findElement(By.id("new-password")).sendKeys(password);
		browser.findElement(By.id("repeat-password")).sendKeys(repeat);
		browser.findElement(By.id("password-save")).click();
		// The page is replaced by the answer: an element found just before may be gone when it is read.
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> d.findElements(By.id("current-password")).isEmpty()
				|| d.findElement(By.id("current-password")).getDomProperty("value").isEmpty());
	}
}

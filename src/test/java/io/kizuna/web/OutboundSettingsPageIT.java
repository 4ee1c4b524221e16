package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.TestWorkspace;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The outbound allow-list page, in a real browser in each language: it explains what the list is for without
 * naming features that do not exist yet (webhooks, playbooks), in the page's language only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboundSettingsPageIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@ParameterizedTest
	@CsvSource({ "ja, 外部送信の許可リスト, 公開アドレス", "en, Outbound allow-list, public internet addresses" })
	void explainsTheListWithoutPromisingFeaturesThatDoNotExist(String language, String title, String explained)
			throws Exception {
		TestWorkspace workspace = TestWorkspace.create(workspaces, people, accessKeys, "outbound", language);
		ChromeDriver browser = Browser.start(language);
		try {
			Browser.signIn(browser, port, workspace.adminEmail(), workspace.password());
			browser.get("http://127.0.0.1:" + port + "/settings/outbound");
			String page = browser.findElement(By.id("main")).getText();
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(title);
			assertThat(page).contains(explained, "10.0.0.0/8")
				.doesNotContainIgnoringCase("webhook")
				.doesNotContainIgnoringCase("playbook")
				.doesNotContain("プレイブック");
			if (language.equals("ja")) {
				assertThat(page).as("no English sentence on the Japanese page").doesNotContain("public", "the list");
			}
			Browser.screenshot(browser, "outbound-settings-" + language);
		}
		finally {
			browser.quit();
		}
	}
}

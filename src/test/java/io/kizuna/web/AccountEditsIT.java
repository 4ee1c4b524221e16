package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountEditing;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountNote;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.AuditEntry;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Account 360's edits in a real browser, as a CSM in Japanese and in English: owner, tier and stage, custom
 * attributes, the CSM's own notes and contacts' roles; each in the audit log and on the timeline. A viewer sees no
 * edit control and is refused by the server; nobody edits someone else's note.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountEditsIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	AccountManagement accounts;

	@Autowired
	AccountEditing editing;

	@Autowired
	AuditTrail audit;

	@Autowired
	io.kizuna.health.HealthScoring scoring;

	@Autowired
	io.kizuna.health.HealthQueries healthQueries;

	TestWorkspace own;

	String csm;

	String otherCsm;

	String viewer;

	ChromeDriver browser;

	@BeforeAll
	void start() throws Exception {
		own = TestWorkspace.create(workspaces, people, accessKeys, "edits", "ja");
		csm = own.user(people, "csm", Role.CSM);
		otherCsm = own.user(people, "csm2", Role.CSM);
		viewer = own.user(people, "viewer", Role.VIEWER);
		for (String id : List.of("edit-ja", "edit-en")) {
			accounts.saveAccount(own.id(), id, new AccountDraft("株式会社 編集 " + id, id + ".example.jp", null, "smb",
					user(csm).id(), "onboarding", null, Map.of("region", "関東")));
			accounts.saveSubscription(own.id(), "sub-" + id, new SubscriptionDraft(id, null, "Pro", 50_000L, "JPY", 10,
					"active", LocalDate.now().minusMonths(3), LocalDate.now().plusDays(45), null, null, null));
			accounts.saveContact(own.id(), "c-" + id, new ContactDraft("champ-" + id + "@example.jp", "山田 太郎", null, id,
					null, Map.of()));
			User other = user(otherCsm);
			accounts.addNote(own.id(), id, other.id(), other.displayName(), "他の人のメモ " + id);
		}
		browser = Browser.start();
		Browser.signIn(browser, port, csm, TestWorkspace.PASSWORD);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aCsmEditsTheAccountInJapanese() throws Exception {
		edit("edit-ja", "ja");
		assertThat(text("header-owner")).isEqualTo("csm2");
		assertThat(text("header-arr")).isEqualTo("￥600,000");
		assertThat(text("header-stage")).isEqualTo("活用定着中");
		assertThat(text("header-tier")).isEqualTo("中堅企業");
		assertThat(browser.findElement(By.cssSelector("ol.timeline")).getText())
			.contains("担当CSMの変更", "csm: csm → csm2", "ティアの変更", "中小企業 → 中堅企業", "属性の設定", "属性の削除",
					"メモの編集", "メモの削除", "役割の変更", "山田 太郎 を 未設定 → チャンピオン（推進者）");
		Browser.screenshot(browser, "account-edits-ja");
		screenshotOf("contacts", "account-edits-contacts-ja");
		screenshotOf("notes", "account-edits-notes-ja");
	}

	@Test
	void aCsmEditsTheAccountInEnglish() throws Exception {
		edit("edit-en", "en");
		assertThat(text("header-owner")).isEqualTo("csm2");
		assertThat(browser.findElement(By.cssSelector("ol.timeline")).getText())
			.contains("Owner changed", "csm: csm → csm2", "Tier changed", "SMB → Mid-market", "Attribute set", "Attribute removed",
					"Note edited", "Note deleted", "Role changed", "山田 太郎, Not set → Champion");
		Browser.screenshot(browser, "account-edits-en");
		screenshotOf("contacts", "account-edits-contacts-en");
		screenshotOf("notes", "account-edits-notes-en");
	}

	/** Every edit through the page's own forms, then the stored result and the audit log. */
	private void edit(String id, String lang) {
		open("/accounts/" + id + "?lang=" + lang);
		assertThat(text("header-owner")).isEqualTo("csm");
		assertThat(text("header-renewal")).isNotEqualTo("—");

		browser.findElement(By.cssSelector("#edit-profile summary")).click();
		new Select(browser.findElement(By.id("owner-select"))).selectByVisibleText("csm2");
		screenshotQuietly("profile", "account-edit-profile-" + lang);
		submitAndWait(By.id("owner-save"), "profile-saved");
		assertThat(accounts.account(own.id(), id).ownerUserId()).isEqualTo(user(otherCsm).id());

		browser.findElement(By.cssSelector("#edit-profile summary")).click();
		new Select(browser.findElement(By.id("tier-input"))).selectByValue("mid-market");
		new Select(browser.findElement(By.id("stage-input"))).selectByValue("adopting");
		submitAndWait(By.id("profile-save"), "profile-saved");
		assertThat(accounts.account(own.id(), id).tier()).isEqualTo("mid-market");
		assertThat(accounts.account(own.id(), id).lifecycleStage()).isEqualTo("adopting");

		replace(By.id("attribute-key"), "契約窓口");
		replace(By.id("attribute-value"), "情報システム部");
		submitAndWait(By.id("attribute-save"), "attributes-saved");
		replace(By.id("attribute-key"), "契約窓口");
		replace(By.id("attribute-value"), "総務部");
		submitAndWait(By.id("attribute-save"), "attributes-saved");
		assertThat(accounts.account(own.id(), id).attributes()).containsEntry("契約窓口", "総務部");
		submitAndWait(By.cssSelector("tr.attribute[data-key=region] button.attribute-remove"), "attributes-saved");
		assertThat(accounts.account(own.id(), id).attributes()).doesNotContainKey("region").containsKey("契約窓口");

		browser.findElement(By.id("note-body")).sendKeys("最初のメモ");
		browser.findElement(By.id("note-save")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> accounts.notes(own.id(), id, 10).size() == 2);
		AccountNote mine = accounts.notes(own.id(), id, 10).get(0);
		AccountNote theirs = accounts.notes(own.id(), id, 10).get(1);
		open("/accounts/" + id + "?lang=" + lang);
		assertThat(browser.findElements(By.cssSelector("li.note[data-note='" + theirs.id() + "'] details.note-edit")))
			.as("no edit controls on someone else's note").isEmpty();
		browser.findElement(By.cssSelector("li.note[data-note='" + mine.id() + "'] details.note-edit summary")).click();
		replace(By.id("note-edit-" + mine.id()), "書き直したメモ");
		screenshotQuietly("notes", "account-edit-note-" + lang);
		submitAndWait(By.cssSelector("li.note[data-note='" + mine.id() + "'] button.note-edit-save"), "notes-saved");
		assertThat(accounts.notes(own.id(), id, 10).get(0).body()).isEqualTo("書き直したメモ");
		assertThat(accounts.notes(own.id(), id, 10).get(0).editedAt()).isNotNull();
		browser.findElement(By.cssSelector("li.note[data-note='" + mine.id() + "'] details.note-edit summary")).click();
		submitAndWait(By.cssSelector("li.note[data-note='" + mine.id() + "'] button.note-delete"), "notes-saved");
		assertThat(accounts.notes(own.id(), id, 10)).extracting(AccountNote::id).containsExactly(theirs.id());

		new Select(browser.findElement(By.cssSelector("tr.contact[data-contact='c-" + id + "'] select.contact-role-select")))
			.selectByValue("champion");
		submitAndWait(By.cssSelector("tr.contact[data-contact='c-" + id + "'] button.contact-role-save"), "contacts-saved");
		assertThat(accounts.findContact(own.id(), "c-" + id).orElseThrow().accountRole()).isEqualTo("champion");
		assertThat(accounts.markedChampionsLastSeen(own.id())).containsKey(accounts.account(own.id(), id).id());
		// A job title from Segment traits (identify's title) is another field: it never unmarks the champion.
		accounts.saveContact(own.id(), "c-" + id, new ContactDraft(null, null, "CTO", null, null, Map.of()));
		assertThat(accounts.findContact(own.id(), "c-" + id).orElseThrow())
			.satisfies(c -> assertThat(c.role()).isEqualTo("CTO"))
			.satisfies(c -> assertThat(c.accountRole()).isEqualTo("champion"));

		List<AuditEntry> entries = audit.page(own.id(), new AuditQuery(null, csm, 0, 200)).items().stream()
			.filter(entry -> id.equals(entry.target()))
			.toList();
		assertThat(entries).extracting(AuditEntry::action)
			.contains("account.owner_changed", "account.tier_changed", "account.stage_changed", "account.attribute_set",
					"account.attribute_removed", "account_note.edited", "account_note.deleted", "contact.role_changed");
		assertThat(entries).filteredOn(entry -> entry.action().equals("account.owner_changed"))
			.singleElement()
			.satisfies(entry -> assertThat(entry.detail()).contains("\"to\": " + user(otherCsm).id()));
	}

	@Test
	void aViewerSeesNoEditControlAndIsRefusedByTheServer() throws Exception {
		ChromeDriver viewerBrowser = Browser.start("ja");
		try {
			Browser.signIn(viewerBrowser, port, viewer, TestWorkspace.PASSWORD);
			viewerBrowser.get("http://127.0.0.1:" + port + "/accounts/edit-ja?lang=ja");
			assertThat(viewerBrowser.findElements(By.cssSelector("#main form"))).as("no form at all for a viewer").isEmpty();
			Browser.screenshot(viewerBrowser, "account-viewer-ja");
			viewerBrowser.get("http://127.0.0.1:" + port + "/accounts/edit-ja?lang=en");
			assertThat(viewerBrowser.findElements(By.cssSelector("#main form"))).isEmpty();
			Browser.screenshot(viewerBrowser, "account-viewer-en");
		}
		finally {
			viewerBrowser.quit();
		}
		WebSession session = WebSession.signedIn(port, viewer, TestWorkspace.PASSWORD);
		String page = session.get("/accounts/edit-ja?lang=ja").body();
		assertThat(page).contains("id=\"header-owner\"")
			.doesNotContain("owner-form", "profile-form", "attribute-form", "contact-role-select", "note-edit",
					"attribute-remove", "note-body");
		long note = accounts.notes(own.id(), "edit-ja", 10).get(0).id();
		for (String[] call : List.of(new String[] { "/accounts/edit-ja/owner", "ownerUserId=" + user(viewer).id() },
				new String[] { "/accounts/edit-ja/profile", "tier=enterprise" },
				new String[] { "/accounts/edit-ja/attributes", "key=by-viewer&value=x" },
				new String[] { "/accounts/edit-ja/attributes/remove", "key=region" },
				new String[] { "/accounts/edit-ja/contact-roles", "contact=c-edit-ja&role=user" },
				new String[] { "/accounts/edit-ja/notes/" + note, "body=viewer" },
				new String[] { "/accounts/edit-ja/notes/" + note + "/delete", "" })) {
			assertThat(session.post(call[0], call[1]).statusCode()).as(call[0]).isEqualTo(403);
		}
		assertThat(accounts.account(own.id(), "edit-ja").attributes()).doesNotContainKey("by-viewer");
		assertThat(audit.page(own.id(), new AuditQuery(null, viewer, 0, 50)).items())
			.allMatch(entry -> entry.action().startsWith("sign_in."));
	}

	@Test
	void nobodyEditsOrDeletesSomeoneElsesNote() {
		User other = user(otherCsm);
		accounts.saveAccount(own.id(), "edit-notes", AccountDraft.named("メモの顧客"));
		AccountNote theirs = accounts.addNote(own.id(), "edit-notes", other.id(), other.displayName(), "csm2 だけのメモ");
		WebSession session = WebSession.signedIn(port, csm, TestWorkspace.PASSWORD);
		assertThat(session.post("/accounts/edit-notes/notes/" + theirs.id(), "body=" + WebSession.encode("乗っ取り"))
			.statusCode()).isEqualTo(403);
		assertThat(session.post("/accounts/edit-notes/notes/" + theirs.id() + "/delete", "").statusCode()).isEqualTo(403);
		assertThat(accounts.notes(own.id(), "edit-notes", 50)).filteredOn(n -> n.id() == theirs.id())
			.singleElement()
			.satisfies(n -> assertThat(n.body()).isEqualTo("csm2 だけのメモ"));
	}

	@Test
	void contactRolesAreTheWorkspacesOwnWithTheirLabels() throws Exception {
		// A workspace of its own: the other tests read the standard roles.
		TestWorkspace roles = TestWorkspace.create(workspaces, people, accessKeys, "roles", "ja");
		accounts.saveAccount(roles.id(), "r-1", AccountDraft.named("役割の顧客"));
		accounts.saveContact(roles.id(), "r-1-c", new ContactDraft(null, "佐藤 花子", null, "r-1", null, Map.of()));
		WebSession admin = WebSession.signedIn(port, roles.adminEmail(), roles.password());
		assertThat(admin.get("/settings?lang=ja").body()).contains("id=\"contact-roles\"", "champion | チャンピオン（推進者） | Champion");
		String list = "champion | 推進役 | Sponsor\nbudget ｜ 予算責任者 ｜ Budget owner";
		assertThat(admin.post("/settings/contact-roles", "roles=" + WebSession.encode(list)).statusCode()).isEqualTo(302);
		assertThat(editing.contactRoles(roles.id())).extracting(r -> r.code()).containsExactly("champion", "budget");
		assertThat(admin.get("/accounts/r-1?lang=ja").body()).contains("予算責任者", "推進役");
		assertThat(admin.get("/accounts/r-1?lang=en").body()).contains("Budget owner", "Sponsor");
		assertThat(admin.post("/settings/contact-roles", "roles=" + WebSession.encode("Bad Code | x | y")).statusCode())
			.isEqualTo(302);
		assertThat(editing.contactRoles(roles.id())).as("an invalid list changes nothing").hasSize(2);
		assertThat(audit.page(roles.id(), new AuditQuery("contact_roles.changed", null, 0, 10)).items()).hasSize(1);
		ChromeDriver lead = Browser.start("ja");
		try {
			Browser.signIn(lead, port, roles.adminEmail(), roles.password());
			for (String lang : List.of("ja", "en")) {
				lead.get("http://127.0.0.1:" + port + "/settings?lang=" + lang);
				assertThat(lead.findElement(By.id("contact-roles-text")).getDomProperty("value")).contains("budget | 予算責任者 | Budget owner");
				lead.executeScript("document.getElementById('contact-roles').scrollIntoView()");
				Browser.screenshot(lead, "settings-contact-roles-" + lang);
			}
		}
		finally {
			lead.quit();
		}
	}

	private void screenshotQuietly(String id, String name) {
		try {
			screenshotOf(id, name);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void screenshotOf(String id, String name) throws java.io.IOException {
		browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
		Browser.screenshot(browser, name);
	}

	/** "Champion gone" uses the role when it is set: no usage names anyone, the marked champion left 20 days ago. */
	@Test
	void aMarkedChampionWhoStoppedComingRaisesChampionGone() {
		accounts.saveAccount(own.id(), "edit-champ", AccountDraft.named("チャンピオン不在の顧客"));
		accounts.saveSubscription(own.id(), "sub-edit-champ", new SubscriptionDraft("edit-champ", null, "Pro", 10_000L, "JPY",
				0, "active", LocalDate.now().minusMonths(6), null, null, null, null));
		accounts.saveContact(own.id(), "champ-c", new ContactDraft(null, "鈴木 一郎", null, "edit-champ", null, Map.of()));
		java.time.Instant left = java.time.Instant.now().minus(Duration.ofDays(20));
		accounts.recordActivity(own.id(), Map.of("champ-c", new java.time.Instant[] { left, left }));
		scoring.recompute(own.id(), scoring.today(own.id()));
		assertThat(championGone()).as("nobody marked, no usage: nothing known").isEmpty();

		editing.setContactRole(own.id(), "edit-champ", "champ-c", "champion", user(csm));
		scoring.recompute(own.id(), scoring.today(own.id()));
		assertThat(championGone()).singleElement()
			.satisfies(signal -> assertThat(signal.evidence()).containsEntry("marked", "true")
				.containsKey("last_active"));
		assertThat(((Number) championGone().get(0).evidence().get("days_inactive")).longValue()).isBetween(18L, 21L);
	}

	private List<io.kizuna.health.HealthSignal> championGone() {
		return healthQueries.accountHealth(own.id(), "edit-champ", java.util.Locale.JAPANESE)
			.signals()
			.stream()
			.filter(signal -> signal.kind().code().equals("champion_gone"))
			.toList();
	}

	private User user(String email) {
		return people.findUser(email).orElseThrow();
	}

	private void open(String path) {
		browser.get("http://127.0.0.1:" + port + path);
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private void replace(By field, String value) {
		WebElement input = browser.findElement(field);
		input.clear();
		input.sendKeys(value);
	}

	/** Submits through htmx (the main part is swapped) and waits for the part's "saved" message. */
	private void submitAndWait(By button, String savedId) {
		browser.findElement(button).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(d -> !d.findElements(By.id(savedId)).isEmpty());
		assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus on what was saved, not lost to <body>")
			.isEqualTo(savedId);
		// The message is a flash: the next edit must wait for its own.
		browser.executeScript("var e = document.getElementById(arguments[0]); if (e) { e.remove(); }", savedId);
	}
}

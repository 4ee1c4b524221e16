package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.TestWorkspace;
import io.kizuna.knowledge.ArticleDraft;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.TranslationDraft;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.TicketDraft;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17 in a real browser, ja and en: an editor writes a Markdown article in the editor form, saves and publishes
 * it (its script does not survive); an anonymous visitor finds it in the help center with an inflected query, sees the
 * match marked, opens it and rates it; a draft and an internal article stay out of the portal; an agent sees the
 * article suggested on a ticket about it and inserts its help-center link into the reply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KnowledgeBrowserIT {

	/** A message code or a missing message (Thymeleaf's ??code_ja??) on the screen. */
	static final Pattern RAW_CODE = Pattern.compile("\\?\\?|\\b(knowledge|help|support|nav)\\.[a-z]");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	KnowledgeManagement knowledge;

	@Autowired
	SupportDesk desk;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ja", "en" })
	void anArticleIsWrittenPublishedFoundRatedAndSuggested(String language) throws Exception {
		boolean ja = "ja".equals(language);
		TestWorkspace ws = TestWorkspace.create(workspaces, people, keys, "kbbrowser", language);
		String editor = ws.user(people, "editor", Role.CSM);
		String agent = ws.user(people, "agent", Role.SUPPORT);
		String title = ja ? "プランを解約する方法" : "How to cancel your plan";
		String body = ja ? """
				## 解約の手順

				管理画面の請求設定からいつでも解約することができます。

				- 設定を開く
				- 「解約する」を押す

				詳しくは[料金ページ](https://example.com/pricing)をご覧ください。

				<script>document.body.setAttribute('data-pwned', '1')</script>
				""" : """
				## Step by step

				You can cancel your plan at any time in the billing settings.

				- Open the settings
				- Press the cancel button

				See the [pricing page](https://example.com/pricing) for details.

				<script>document.body.setAttribute('data-pwned', '1')</script>
				""";
		// the same words in a draft and in an internal (published) article: neither may reach the portal
		String draftTitle = ja ? "解約の手順（下書き）" : "Draft: cancel your plan";
		knowledge.create(ws.id(), new ArticleDraft(null, "public", List.of()), language,
				new TranslationDraft(draftTitle, null, null, ja ? "解約する前に確認してください。" : "Check this before you cancel your plan."),
				"test");
		String internalTitle = ja ? "社内向け：解約の引き止め手順" : "Internal: when a customer wants to cancel the plan";
		long internal = knowledge.create(ws.id(), new ArticleDraft(null, "internal", List.of()), language,
				new TranslationDraft(internalTitle, null, null,
						ja ? "解約するプランの顧客に割引を案内します。" : "Offer a discount before they cancel the plan."), "test").id();
		knowledge.setStatus(ws.id(), internal, "published");
		knowledge.refreshIndex();

		String base = "http://127.0.0.1:" + port;
		ChromeDriver staff = Browser.start(language);
		ChromeDriver visitor = Browser.start(language);
		try {
			WebDriverWait wait = new WebDriverWait(staff, Duration.ofSeconds(15));

			// 1. the editor writes the article in the form, saves it and publishes it
			Browser.signIn(staff, port, editor, TestWorkspace.PASSWORD);
			staff.get(base + "/knowledge/new");
			assertThat(staff.findElement(By.tagName("h1")).getText()).isEqualTo(ja ? "記事を作成" : "New article");
			assertInLanguage(staff, ja);
			staff.findElement(By.id("title")).sendKeys(title);
			staff.findElement(By.id("body")).sendKeys(body);
			new Select(staff.findElement(By.id("visibility"))).selectByValue("public");
			Browser.screenshot(staff, "knowledge-editor-new-" + language);
			staff.findElement(By.id("save")).click();
			wait.until(d -> !d.findElements(By.id("saved")).isEmpty());
			Matcher saved = Pattern.compile("/knowledge/(\\d+)\\?").matcher(staff.getCurrentUrl());
			assertThat(saved.find()).as("the saved article's address %s", staff.getCurrentUrl()).isTrue();
			long article = Long.parseLong(saved.group(1));
			assertThat(staff.findElement(By.tagName("h1")).getText()).isEqualTo(title);
			assertThat(staff.findElement(By.id("saved")).getText()).isEqualTo(ja ? "保存しました。" : "Saved.");
			assertThat(staff.findElement(By.id("article-status")).getText()).isEqualTo(ja ? "状態: 下書き" : "Status: Draft");
			assertThat(staff.findElement(By.id("body")).getDomProperty("value")).contains(ja ? "## 解約の手順" : "## Step by step",
					"- ", "](https://example.com/pricing)");
			staff.findElement(By.id("publish")).click();
			wait.until(d -> !d.findElements(By.id("unpublish")).isEmpty());
			assertThat(staff.findElement(By.id("article-status")).getText())
				.isEqualTo(ja ? "状態: 公開中" : "Status: Published");
			assertThat(staff.findElement(By.id("view-public")).getDomAttribute("href"))
				.isEqualTo("/help/" + ws.slug() + "/articles/" + article + "?lang=" + language);
			assertInLanguage(staff, ja, body, editor);
			Browser.screenshot(staff, "knowledge-editor-published-" + language);

			staff.get(base + "/knowledge?status=published");
			WebElement row = staff.findElement(By.id("article-" + article));
			assertThat(row.findElement(By.tagName("a")).getText()).isEqualTo(title);
			assertThat(row.findElements(By.tagName("td")).get(1).getText()).isEqualTo(ja ? "公開中" : "Published");
			assertThat(staff.findElement(By.id("articles")).getText()).doesNotContain(draftTitle);
			assertInLanguage(staff, ja);
			Browser.screenshot(staff, "knowledge-list-" + language);

			// 2. an anonymous visitor finds it in the help center, opens it and rates it
			WebDriverWait visitorWait = new WebDriverWait(visitor, Duration.ofSeconds(15));
			visitor.get(base + "/help/" + ws.slug() + "?lang=" + language);
			assertThat(visitor.findElement(By.tagName("h1")).getText())
				.isEqualTo(ja ? "どのようなことでお困りですか？" : "How can we help?");
			assertThat(visitor.findElements(By.cssSelector("#articles li a"))).extracting(WebElement::getText)
				.containsExactly(title);
			assertInLanguage(visitor, ja, "kbbrowser " + ws.slug());
			Browser.screenshot(visitor, "help-home-" + language);
			String query = ja ? "解約できない" : "cancelled";
			visitor.findElement(By.id("q")).sendKeys(query);
			visitor.findElement(By.cssSelector("form.search button[type=submit]")).click();
			visitorWait.until(d -> d.getCurrentUrl().contains("/search"));
			assertThat(visitor.findElement(By.tagName("h1")).getText())
				.isEqualTo(ja ? "「解約できない」の検索結果" : "Results for \"cancelled\"");
			List<WebElement> hits = visitor.findElements(By.cssSelector("#results > li"));
			assertThat(hits).extracting(h -> h.findElement(By.tagName("a")).getText()).containsExactly(title);
			List<String> marked = hits.get(0).findElements(By.cssSelector(".snippet mark")).stream()
				.map(WebElement::getText).toList();
			assertThat(marked).isNotEmpty()
				.allSatisfy(m -> assertThat(m.toLowerCase()).contains(ja ? "解約" : "cancel"));
			assertThat(visitor.findElement(By.id("main")).getText()).doesNotContain(draftTitle, internalTitle);
			assertInLanguage(visitor, ja, "kbbrowser " + ws.slug());
			Browser.screenshot(visitor, "help-search-" + language);

			hits.get(0).findElement(By.tagName("a")).click();
			visitorWait.until(d -> !d.findElements(By.id("article-body")).isEmpty());
			assertThat(visitor.findElement(By.cssSelector("article h1")).getText()).isEqualTo(title);
			WebElement rendered = visitor.findElement(By.id("article-body"));
			assertThat(rendered.findElement(By.tagName("h2")).getText()).isEqualTo(ja ? "解約の手順" : "Step by step");
			assertThat(rendered.findElements(By.cssSelector("ul > li"))).extracting(WebElement::getText)
				.containsExactly(ja ? "設定を開く" : "Open the settings", ja ? "「解約する」を押す" : "Press the cancel button");
			WebElement link = rendered.findElement(By.cssSelector("a[href='https://example.com/pricing']"));
			assertThat(link.getText()).isEqualTo(ja ? "料金ページ" : "pricing page");
			assertThat(rendered.getDomProperty("innerHTML")).doesNotContainIgnoringCase("<script")
				.doesNotContain("data-pwned");
			assertThat(visitor.findElements(By.cssSelector("script"))).isEmpty();
			assertThat(visitor.findElement(By.tagName("body")).getDomAttribute("data-pwned")).isNull();
			assertInLanguage(visitor, ja, "kbbrowser " + ws.slug());
			// the draft and the internal article are not there by their address either
			visitor.get(base + "/help/" + ws.slug() + "/articles/" + internal + "?lang=" + language);
			assertThat(visitor.findElements(By.id("article-body"))).isEmpty();
			visitor.navigate().back();
			visitorWait.until(d -> !d.findElements(By.id("article-body")).isEmpty());

			String reason = ja ? "solved" : "incomplete";
			new Select(visitor.findElement(By.id("reason"))).selectByValue(reason);
			visitor.findElement(By.id("comment")).sendKeys(ja ? "手順どおりに解約できました。" : "A screenshot would help.");
			visitor.findElement(By.id(ja ? "helpful-yes" : "helpful-no")).click();
			visitorWait.until(d -> !d.findElements(By.id("thanks")).isEmpty());
			assertThat(visitor.findElement(By.id("thanks")).getText())
				.isEqualTo(ja ? "ご意見ありがとうございます。" : "Thank you for your feedback.");
			assertThat(visitor.findElements(By.id("helpful-yes"))).as("rated once: the question is not asked again").isEmpty();
			assertInLanguage(visitor, ja, "kbbrowser " + ws.slug());
			Browser.screenshot(visitor, "help-article-rated-" + language);
			Map<String, Object> rating = jdbc.sql("""
					select helpful, reason, comment from knowledge_feedback where workspace_id = :ws and article_id = :id""")
				.param("ws", ws.id().value()).param("id", article).query().singleRow();
			assertThat(rating).containsEntry("helpful", ja).containsEntry("reason", reason);

			// 3. an agent sees the article suggested on a ticket about it and inserts its link into the reply
			staff.manage().deleteAllCookies();
			Browser.signIn(staff, port, agent, TestWorkspace.PASSWORD);
			long ticket = desk.create(ws.id(), new TicketDraft(ja ? "プランを解約したい" : "I want to cancel my plan",
					ja ? "解約の手続きを教えてください。" : "Please tell me how to cancel.", "customer@example.jp",
					ja ? "山田 太郎" : "Sam Lee", null, null, null, List.of(), "api"), null).id();
			staff.get(base + "/support/tickets/" + ticket);
			wait.until(d -> !d.findElements(By.cssSelector("#suggestion-list #suggested-articles, #suggestion-list #no-suggestions"))
				.isEmpty());
			WebElement suggestion = staff.findElement(By.id("suggestion-" + article));
			WebElement suggested = suggestion.findElement(By.tagName("a"));
			String path = "/help/" + ws.slug() + "/articles/" + article + "?lang=" + language;
			assertThat(suggested.getText()).isEqualTo(title);
			assertThat(suggested.getDomAttribute("href")).isEqualTo(path);
			assertThat(staff.findElement(By.id("suggested-articles")).getText()).doesNotContain(draftTitle);
			// the internal article helps the agent, but its help-center address would tell the customer "not found"
			WebElement staffOnly = staff.findElement(By.id("suggestion-" + internal));
			assertThat(staffOnly.findElement(By.tagName("a")).getDomAttribute("href"))
				.isEqualTo("/knowledge/" + internal + "?lang=" + language);
			assertThat(staffOnly.findElements(By.cssSelector("button.insert-link"))).isEmpty();
			assertThat(staffOnly.findElement(By.cssSelector(".chip.internal")).getText())
				.isEqualTo(ja ? "社内のみ（顧客には送れません）" : "Internal: not for customers");
			// a ticket that came by API has no live chat to answer
			assertThat(staff.findElements(By.id("ticket-chat"))).isEmpty();
			WebElement insert = suggestion.findElement(By.cssSelector("button.insert-link"));
			assertThat(insert.getText()).isEqualTo(ja ? "リンクを挿入" : "Insert link");
			WebElement reply = staff.findElement(By.cssSelector("#reply-form textarea[name=body]"));
			reply.sendKeys(ja ? "お問い合わせありがとうございます。" : "Thank you for writing.");
			insert.click();
			wait.until(d -> reply.getDomProperty("value").contains(path));
			assertThat(reply.getDomProperty("value")).isEqualTo((ja ? "お問い合わせありがとうございます。" : "Thank you for writing.")
					+ "\n" + title + "\n" + base + path + "\n");
			assertInLanguage(staff, ja, "customer@example.jp", reply.getDomProperty("value"), "Admin " + ws.slug(), "editor", "agent");
			// "insert text" puts the article itself, as plain text without its markup or script, into the reply
			WebElement insertText = suggestion.findElement(By.cssSelector("button.insert-text"));
			assertThat(insertText.getText()).isEqualTo(ja ? "本文を挿入" : "Insert text");
			assertThat(staffOnly.findElements(By.cssSelector("button.insert-text"))).isEmpty();
			reply.clear();
			insertText.click();
			String step = ja ? "管理画面の請求設定からいつでも解約することができます。" : "You can cancel your plan at any time in the billing settings.";
			wait.until(d -> reply.getDomProperty("value").contains(step));
			assertThat(reply.getDomProperty("value")).startsWith(title + "\n\n" + (ja ? "解約の手順" : "Step by step") + "\n")
				.contains(ja ? "- 設定を開く" : "- Open the settings").contains("(https://example.com/pricing)")
				.doesNotContain("<script", "##", "data-pwned");
			// an internal article's text is not served for a reply, even asked for by address
			assertThat((String) staff.executeAsyncScript("var done = arguments[arguments.length - 1];"
					+ "fetch('/support/tickets/" + ticket + "/suggestions/" + internal + "/text?lang=" + language
					+ "').then(function (r) { done(String(r.status)); });")).isEqualTo("404");
			staff.executeScript("document.getElementById('reply-title').scrollIntoView()");
			Browser.screenshot(staff, "knowledge-ticket-suggestion-" + language);
			// the inserted address is the one the customer opens
			visitor.get(base + path);
			assertThat(visitor.findElement(By.cssSelector("article h1")).getText()).isEqualTo(title);
		}
		finally {
			staff.quit();
			visitor.quit();
		}
	}

	/**
	 * The page's text has no message code, and a ja page no English word but the product's names and the language
	 * switch, once the data shown on it (the article's Markdown, addresses, the workspace's name) is taken out.
	 */
	private static void assertInLanguage(ChromeDriver driver, boolean ja, String... data) {
		String text = driver.findElement(By.tagName("body")).getText();
		assertThat(RAW_CODE.matcher(text).find()).as("a raw message code on %s:%n%s", driver.getCurrentUrl(), text)
			.isFalse();
		if (ja) {
			for (String shown : data) {
				for (String line : shown.split("\n")) {
					text = line.isBlank() ? text : text.replace(line, " ");
				}
			}
			List<String> english = Pattern.compile("[A-Za-z]{2,}").matcher(text).results().map(r -> r.group())
				.filter(w -> !List.of("Kizuna", "LTV", "Markdown", "API", "SLA", "English").contains(w))
				.distinct()
				.toList();
			assertThat(english).as("English on the Japanese page %s:%n%s", driver.getCurrentUrl(), text).isEmpty();
		}
	}
}

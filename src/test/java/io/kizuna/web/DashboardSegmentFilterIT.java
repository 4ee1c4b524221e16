package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.HealthScoring;
import io.kizuna.revenue.Renewals;
import io.kizuna.segments.SegmentDraft;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portfolio and revenue dashboards narrowed to a saved segment ({@code ?segment=<key>}, as the accounts list):
 * figures, lists and charts over its members only, in Japanese and English; the REST revenue reports likewise; a
 * segment the workspace does not have (unknown, or another workspace's) is a 404, never everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSegmentFilterIT {

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	SegmentManagement segments;

	@Autowired
	HealthScoring scoring;

	@Autowired
	Renewals renewals;

	TestWorkspace ws;

	TestWorkspace other;

	LocalDate today;

	WebSession admin;

	/**
	 * Two enterprise accounts (100,000 and 50,000 a month, the first renewing in 30 days) and one SMB account (20,000
	 * a month, renewing in 60 days), all since four months ago; the segment "ent" is the enterprise accounts. Another
	 * workspace has a segment "elsewhere" of its own.
	 */
	@BeforeAll
	void workspace() {
		ws = TestWorkspace.create(workspaces, people, accessKeys, "dashseg", "en");
		other = TestWorkspace.create(workspaces, people, accessKeys, "dashseg-o", "en");
		today = renewals.today(ws.id());
		LocalDate start = today.withDayOfMonth(1).minusMonths(4);
		subscribed("ent-a", "Alpha KK", "enterprise", 100_000, start, today.plusDays(30));
		subscribed("ent-b", "Beta KK", "enterprise", 50_000, start, today.plusDays(200));
		subscribed("smb-c", "Gamma KK", "smb", 20_000, start, today.plusDays(60));
		scoring.recompute(ws.id(), today);
		segments.create(ws.id(), new SegmentDraft("ent", "Enterprise accounts", "tier = \"enterprise\""));
		segments.create(ws.id(), new SegmentDraft("nobody", "Nobody", "tier = \"none-such\""));
		segments.create(other.id(), new SegmentDraft("elsewhere", "Elsewhere", "tier = \"smb\""));
		admin = WebSession.signedIn(port, ws.adminEmail(), TestWorkspace.PASSWORD);
	}

	private void subscribed(String id, String name, String tier, long mrr, LocalDate start, LocalDate termEnd) {
		accounts.saveAccount(ws.id(), id, new AccountDraft(name, null, null, tier, null, null, null, Map.of()));
		accounts.saveSubscription(ws.id(), "sub-" + id, new SubscriptionDraft(id, "app", "Standard", mrr, "JPY", 1,
				"active", start, termEnd, null, null, start));
	}

	@Test
	void thePortfolioShowsTheSegmentsMembersOnly() {
		String all = admin.get("/?lang=en").body();
		assertThat(text(all, "tile-accounts")).isEqualTo("3 / 3");
		assertThat(text(all, "tile-arr")).isEqualTo("¥2,040,000");
		assertThat(text(all, "tile-renewals")).isEqualTo("2");
		assertThat(all).doesNotContain("id=\"portfolio-segment-shown\"");

		String ent = admin.get("/?segment=ent&lang=en").body();
		assertThat(text(ent, "tile-accounts")).isEqualTo("2 / 2");
		assertThat(text(ent, "tile-mrr")).isEqualTo("¥150,000");
		assertThat(text(ent, "tile-arr")).isEqualTo("¥1,800,000");
		assertThat(text(ent, "tile-renewals")).as("Gamma renews in 60 days but is no member").isEqualTo("1");
		assertThat(text(ent, "portfolio-segment-shown"))
			.isEqualTo("Figures for the accounts of the segment “Enterprise accounts” only (computed for each view).");
		assertThat(section(ent, "top-risk")).contains("Alpha KK", "Beta KK").doesNotContain("Gamma KK");
		assertThat(section(ent, "next-renewals")).contains("Alpha KK").doesNotContain("Gamma KK");
		assertThat(ent).as("the picker offers the workspace's segments, the chosen one selected")
			.containsPattern("<option value=\"ent\"[^>]*selected[^>]*>Enterprise accounts</option>")
			.contains(">All accounts</option>")
			.doesNotContain("Elsewhere");
		// the MRR chart's months are the members' MRR: 150,000 at every month end since the start
		assertThat(attribute(ent, "mrr-chart", "data-chart")).contains("\"closing\":150000")
			.doesNotContain("\"closing\":170000");

		String ja = admin.get("/?segment=ent&lang=ja").body();
		assertThat(text(ja, "portfolio-segment-shown"))
			.isEqualTo("セグメント「Enterprise accounts」のアカウントだけの数値です（表示のたびに集計）。");
		assertThat(ja).contains(">すべてのアカウント</option>");

		String empty = admin.get("/?segment=nobody&lang=en").body();
		assertThat(text(empty, "tile-accounts")).isEqualTo("0 / 0");
		assertThat(text(empty, "tile-arr")).isEqualTo("¥0");
	}

	@Test
	void theRevenueDashboardShowsTheSegmentsMembersOnly() {
		String all = admin.get("/revenue?lang=en").body();
		assertThat(text(all, "tile-mrr")).isEqualTo("¥170,000");
		assertThat(text(all, "tile-renewal-arr")).isEqualTo("¥1,440,000");

		String ent = admin.get("/revenue?segment=ent&lang=en").body();
		assertThat(text(ent, "tile-mrr")).isEqualTo("¥150,000");
		assertThat(text(ent, "tile-renewal-arr")).as("only Alpha renews within 90 days").isEqualTo("¥1,200,000");
		assertThat(section(ent, "renewals")).contains("Alpha KK").doesNotContain("Gamma KK");
		assertThat(section(ent, "mrr-months")).contains("¥150,000").doesNotContain("¥170,000");
		assertThat(attribute(ent, "logo-cohort-chart", "data-chart")).contains("\"accounts\":2")
			.doesNotContain("\"accounts\":3");
		assertThat(ent).as("the cohort form keeps the segment")
			.containsPattern("<form[^>]*id=\"cohort-form\"[^>]*>\\s*<input type=\"hidden\" name=\"segment\" value=\"ent\">");
		assertThat(text(ent, "revenue-segment-shown"))
			.isEqualTo("Figures for the accounts of the segment “Enterprise accounts” only.");
		String ja = admin.get("/revenue?segment=ent&by=tier&lang=ja").body();
		assertThat(text(ja, "revenue-segment-shown")).isEqualTo("セグメント「Enterprise accounts」のアカウントだけの数値です。");
		assertThat(text(ja, "tile-mrr")).isEqualTo("￥150,000");
		assertThat(ja).contains("<input type=\"hidden\" name=\"by\" value=\"tier\">");
	}

	@Test
	void anUnknownOrAnotherWorkspacesSegmentIsNotFound() {
		for (String path : new String[] { "/?segment=none-such", "/?segment=elsewhere", "/revenue?segment=none-such",
				"/revenue?segment=elsewhere" }) {
			assertThat(admin.get(path).statusCode()).as(path).isEqualTo(404);
		}
		assertThat(admin.get("/?segment=").statusCode()).as("an empty choice is every account").isEqualTo(200);
		YearMonth month = YearMonth.from(today);
		for (String path : new String[] { "/api/v1/revenue/mrr?from=" + month.minusMonths(1) + "&to=" + month,
				"/api/v1/revenue/cohorts?from=" + month.minusMonths(4) + "&to=" + month,
				"/api/v1/revenue/renewals", "/api/v1/revenue/renewals/forecast" }) {
			String join = path.contains("?") ? "&" : "?";
			assertThat(api(path + join + "segment=none-such").statusCode()).as(path).isEqualTo(404);
			HttpResponse<String> foreign = api(path + join + "segment=elsewhere");
			assertThat(foreign.statusCode()).as(path).isEqualTo(404);
			assertThat(foreign.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
			assertThat(api(path + join + "segment=ent").statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void theRestReportsAcceptTheSegmentToo() {
		YearMonth last = YearMonth.from(today).minusMonths(1);
		String month = "from=" + last + "&to=" + last;
		assertThat(json("/api/v1/revenue/mrr?" + month + "&segment=ent").get(0).get("closingMrr").get("minorUnits")
			.asLong()).isEqualTo(150_000);
		assertThat(json("/api/v1/revenue/mrr?" + month).get(0).get("closingMrr").get("minorUnits").asLong())
			.isEqualTo(170_000);
		JsonNode due = json("/api/v1/revenue/renewals?withinDays=90&segment=ent");
		assertThat(due).hasSize(1);
		assertThat(due.get(0).get("accountExternalId").asString()).isEqualTo("ent-a");
		assertThat(json("/api/v1/revenue/renewals?withinDays=90")).hasSize(2);
		JsonNode forecast = json("/api/v1/revenue/renewals/forecast?months=6&segment=ent").get("months");
		assertThat(forecast).hasSize(1);
		assertThat(forecast.get(0).get("renewals").asInt()).isEqualTo(1);
		String cohortMonths = "from=" + YearMonth.from(today).minusMonths(4) + "&to=" + last;
		assertThat(json("/api/v1/revenue/cohorts?" + cohortMonths + "&segment=ent").get(0).get("accounts").asInt())
			.isEqualTo(2);
		assertThat(json("/api/v1/revenue/cohorts?" + cohortMonths).get(0).get("accounts").asInt()).isEqualTo(3);
	}

	private JsonNode json(String path) {
		HttpResponse<String> response = api(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private HttpResponse<String> api(String path) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(new TestHttp(port).url(path)))
					.header("Authorization", "Bearer " + ws.apiToken())
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String text(String html, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
		assertThat(matcher.find()).as(id + " on the page").isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1)).strip();
	}

	private static String attribute(String html, String id, String name) {
		Matcher matcher = Pattern.compile("<[^>]*id=\"" + id + "\"[^>]*>").matcher(html);
		assertThat(matcher.find()).as(id + " on the page").isTrue();
		Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(matcher.group());
		assertThat(value.find()).as(name + " of " + id).isTrue();
		return HtmlUtils.htmlUnescape(value.group(1));
	}

	/** The element with the id up to the end of its table. */
	private static String section(String html, String id) {
		int at = html.indexOf("id=\"" + id + "\"");
		assertThat(at).as(id + " on the page").isNotNegative();
		return html.substring(at, html.indexOf("</table>", at));
	}
}

package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The renewal calendar and forecast on a crafted workspace, relative to its today T. Upcoming: up (green, T+10,
 * 10,000/month, owned by Hanako), down (red, T+40, 5,000), unscored (T+60, 2,000), gone (canceled, T+20) and later
 * (T+200). Past outcomes, due at T−100: ten green accounts of which nine renewed, two red of which one renewed.
 * Health snapshots are written as the scoring job would have written them then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RenewalsIT {

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
	Renewals renewals;

	@Autowired
	JdbcClient jdbc;

	WorkspaceId workspace;

	LocalDate today;

	long owner;

	@BeforeEach
	void history() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("renew-" + run, "Renewals", "JPY", "Asia/Tokyo", "ja")).id();
		owner = people.createUser(workspace, "hanako-" + run + "@example.com", "Hanako", "a-long-password-1",
				Role.CSM).id();
		today = renewals.today(workspace);
		upcoming("up", 10_000, 10, "active", "green");
		upcoming("down", 5_000, 40, "past_due", "red");
		upcoming("unscored", 2_000, 60, "active", null);
		upcoming("gone", 7_000, 20, "canceled", "green");
		upcoming("later", 9_000, 200, "active", "green");
		for (int i = 0; i < 10; i++) {
			past("g" + i, "green", i < 9);
		}
		past("r0", "red", true);
		past("r1", "red", false);
	}

	@Test
	void theCalendarListsLiveRenewalsInTheWindowWithHealthAndOwner() {
		List<Renewal> due = renewals.upcoming(workspace, today, 90);
		assertThat(due).extracting(Renewal::accountExternalId).containsExactly("up", "down", "unscored");
		Renewal up = due.get(0);
		assertThat(up.renewsOn()).isEqualTo(today.plusDays(10));
		assertThat(up.arrMinor()).isEqualTo(120_000);
		assertThat(up.healthBand()).isEqualTo("green");
		assertThat(up.healthScore()).isEqualTo(80.0);
		assertThat(up.ownerName()).isEqualTo("Hanako");
		assertThat(due.get(1).healthBand()).isEqualTo("red");
		assertThat(due.get(2).healthBand()).isNull();
		assertThat(renewals.upcoming(workspace, today, 30)).extracting(Renewal::accountExternalId)
			.containsExactly("up");
	}

	@Test
	void theForecastWeighsArrByTheObservedOrPriorRenewalRateOfEachBand() {
		RenewalForecast forecast = renewals.forecast(workspace, today, 3);
		var green = forecast.probabilities().stream().filter(p -> p.band().equals("green")).findFirst().orElseThrow();
		assertThat(green.outcomes()).isEqualTo(10);
		assertThat(green.renewed()).isEqualTo(9);
		assertThat(green.probability()).isCloseTo(0.9, within(1e-12));
		assertThat(green.source()).isEqualTo("observed");
		var red = forecast.probabilities().stream().filter(p -> p.band().equals("red")).findFirst().orElseThrow();
		assertThat(red.outcomes()).isEqualTo(2);
		assertThat(red.source()).as("two outcomes are too few").isEqualTo("prior");
		assertThat(red.probability()).isEqualTo(Renewals.PRIOR.get("red"));

		long arr = forecast.months().stream().mapToLong(RenewalForecast.Month::arrMinor).sum();
		long expected = forecast.months().stream().mapToLong(RenewalForecast.Month::expectedArrMinor).sum();
		// Three months from this month's start cover T+10 and T+40 always, T+60 whenever it falls before the end.
		boolean unscoredIn = !YearMonth.from(today.plusDays(60)).isAfter(YearMonth.from(today).plusMonths(2));
		assertThat(arr).isEqualTo(120_000 + 60_000 + (unscoredIn ? 24_000 : 0));
		assertThat(expected).isEqualTo(Math.round(120_000 * 0.9) + Math.round(60_000 * Renewals.PRIOR.get("red"))
				+ (unscoredIn ? Math.round(24_000 * Renewals.PRIOR.get("none")) : 0));
		assertThat(forecast.months().stream().mapToLong(RenewalForecast.Month::priorArrMinor).sum())
			.as("the ARR weighed by the prior: red's (two outcomes) and the unscored one's (none)")
			.isEqualTo(60_000 + (unscoredIn ? 24_000 : 0));
		assertThat(forecast.months()).allSatisfy(m -> assertThat(m.month()).isBetween(YearMonth.from(today),
				YearMonth.from(today).plusMonths(2)));
	}

	@Test
	void restServesBothAndRefusesBadWindows() {
		TestHttp http = new TestHttp(port);
		String token = accessKeys.issueApiToken(workspace, "read", TokenScope.READ).secret();
		HttpResponse<String> due = http.get("/api/v1/revenue/renewals?withinDays=45", token);
		assertThat(due.statusCode()).as(due.body()).isEqualTo(200);
		JsonNode body = JsonMapper.builder().build().readTree(due.body());
		assertThat(body.size()).isEqualTo(2);
		assertThat(body.get(0).get("healthBand").asString()).isEqualTo("green");
		HttpResponse<String> forecast = http.get("/api/v1/revenue/renewals/forecast?months=2", token);
		assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
		assertThat(forecast.body()).contains("\"source\":\"prior\"", "\"source\":\"observed\"");
		for (String bad : List.of("/renewals?withinDays=-1", "/renewals?withinDays=9999", "/renewals?withinDays=x",
				"/renewals/forecast?months=0", "/renewals/forecast?months=25")) {
			HttpResponse<String> refused = http.get("/api/v1/revenue" + bad, token);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
		}
		String other = accessKeys.issueApiToken(workspaces.findBySlug("default").orElseThrow().id(), "other",
				TokenScope.READ).secret();
		assertThat(http.get("/api/v1/revenue/renewals?withinDays=45", other).body()).doesNotContain("\"up\"");
	}

	private void upcoming(String id, long mrr, int inDays, String status, String band) {
		accounts.saveAccount(workspace, id, new AccountDraft(id, null, null, null, id.equals("up") ? owner : null,
				null, null, null));
		accounts.saveSubscription(workspace, "sub-" + id, new SubscriptionDraft(id, null, "Annual", mrr, "JPY", 1,
				status, today.minusDays(300), today.plusDays(inDays), null, null, today.minusDays(300)));
		if (band != null) {
			snapshot(id, today.minusDays(1), band);
		}
	}

	private void past(String id, String band, boolean renewed) {
		LocalDate due = today.minusDays(100);
		accounts.saveAccount(workspace, id, AccountDraft.named(id));
		accounts.saveSubscription(workspace, "sub-" + id, new SubscriptionDraft(id, null, "Annual", 1_000L, "JPY", 1,
				"active", due.minusDays(365), due, null, null, due.minusDays(365)));
		accounts.saveSubscription(workspace, "sub-" + id, renewed
				? new SubscriptionDraft(id, null, "Annual", 1_000L, "JPY", 1, "active", null, due.plusDays(365), null,
						null, due.plusDays(1))
				: new SubscriptionDraft(id, null, "Annual", 1_000L, "JPY", 1, "canceled", null, null, due, "budget",
						due));
		snapshot(id, due.minusDays(40), band);
	}

	private void snapshot(String account, LocalDate day, String band) {
		long id = accounts.account(workspace, account).id();
		jdbc.sql("""
				insert into health_snapshot (workspace_id, account_id, day, scorecard_id, score, band, measures)
				values (?, ?, ?, 0, ?, ?, '[]')""")
			.params(workspace.value(), id, day, band.equals("green") ? 80 : 30, band)
			.update();
	}
}

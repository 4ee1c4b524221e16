package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.TrackedMessage;
import io.kizuna.usage.UsageIngestion;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@SpringBootTest
@RecordApplicationEvents
class HealthScoringIT {

	// The built-in kinds by their stored codes: what a client of the API or a stored row names them.
	static final SignalKind PAYING_IDLE = SignalKind.fromCode("paying_idle");

	static final SignalKind SEATS_UNUSED = SignalKind.fromCode("seats_unused");

	static final SignalKind ONBOARDING_STALLED = SignalKind.fromCode("onboarding_stalled");

	static final SignalKind USAGE_FALLING = SignalKind.fromCode("usage_falling");

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UsageIngestion ingestion;

	@Autowired
	UsageRollups rollups;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthQueries queries;

	@Autowired
	HealthAdministration administration;

	@Autowired
	HealthBacktest backtest;

	@Autowired
	ApplicationEvents events;

	@Autowired
	SignalRules signalRules;

	@Autowired
	org.springframework.context.MessageSource messageSource;

	WorkspaceId workspace;

	LocalDate day;

	List<TrackedMessage> messages = new ArrayList<>();

	@BeforeEach
	void workspace() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("health-" + run, "Health " + run, "JPY", "Asia/Tokyo", "en")).id();
		administration.saveSettings(workspace, new HealthSettings(List.of("Report Created", "Integration Connected"),
				SignalThresholds.defaults()));
		day = LocalDate.now(TOKYO).minusDays(1);
	}

	@Test
	void scoresExplainThemselvesAndSignalsFollowTheData() {
		subscribed("healthy", 10, day.minusDays(200));
		for (int d = 1; d <= 60; d++) {
			for (int u = 0; u < 8; u++) {
				activity("healthy", "h" + u, day.minusDays(d - 1), 3, u % 2 == 0 ? "Report Created" : "Integration Connected");
			}
		}
		subscribed("idle", 10, day.minusDays(200));
		for (int d = 40; d <= 60; d++) {
			activity("idle", "i1", day.minusDays(d), 5, "Report Created");
		}
		accounts.saveAccount(workspace, "nodata", AccountDraft.named("No Data KK"));
		subscribed("stalled", 5, day.minusDays(20));
		subscribed("falling", 4, day.minusDays(200));
		for (int d = 15; d <= 28; d++) {
			for (int u = 0; u < 4; u++) {
				activity("falling", "f" + u, day.minusDays(d), 4, "Report Created");
			}
		}
		activity("falling", "f0", day.minusDays(2), 3, "Report Created");
		flush();

		RescoreResult result = scoring.recompute(workspace, day);
		assertThat(result.accounts()).isEqualTo(5);

		AccountHealth healthy = queries.accountHealth(workspace, "healthy", Locale.ENGLISH);
		AccountHealth idle = queries.accountHealth(workspace, "idle", Locale.ENGLISH);
		assertThat(healthy.band()).isEqualTo("green");
		assertThat(idle.band()).isEqualTo("red");
		assertThat(healthy.score()).isGreaterThan(idle.score());
		for (String account : List.of("healthy", "idle", "stalled", "falling")) {
			AccountHealth health = queries.accountHealth(workspace, account, Locale.ENGLISH);
			double sum = health.measures().stream().mapToDouble(m -> m.contribution() == null ? 0 : m.contribution()).sum();
			assertThat(sum).as(account).isCloseTo(health.score(), within(0.01));
		}
		assertThat(measure(healthy, "seat_utilization").raw()).isEqualTo(0.8);
		assertThat(measure(healthy, "adoption_breadth").raw()).isEqualTo(1.0);
		assertThat(measure(idle, "days_since_active").raw()).isEqualTo(40.0);
		assertThat(measure(idle, "days_since_csm_touch").raw()).as("no notes: no data, not zero").isNull();

		AccountHealth nodata = queries.accountHealth(workspace, "nodata", Locale.ENGLISH);
		assertThat(nodata.score()).isNull();
		assertThat(nodata.measures()).allSatisfy(m -> assertThat(m.raw()).isNull());

		assertThat(kinds(healthy)).isEmpty();
		assertThat(kinds(idle)).contains(PAYING_IDLE, SEATS_UNUSED);
		assertThat(kinds(queries.accountHealth(workspace, "stalled", Locale.ENGLISH)))
			.contains(ONBOARDING_STALLED);
		assertThat(kinds(queries.accountHealth(workspace, "falling", Locale.ENGLISH))).contains(USAGE_FALLING);
		assertThat(idle.signals().get(0).recommendedAction()).isNotBlank();
		assertThat(queries.accountHealth(workspace, "idle", Locale.JAPANESE).measures().get(0).label())
			.isEqualTo("最終利用からの日数");

		assertThat(queries.atRisk(workspace, new AtRiskQuery(null, null, null, null, null, 0, 10)).items())
			.extracting(AtRiskAccount::externalId)
			.startsWith("idle")
			.doesNotContain("nodata");
		var green = queries.atRisk(workspace, new AtRiskQuery(null, null, "green", null, null, 0, 10)).items();
		assertThat(green).extracting(AtRiskAccount::externalId).contains("healthy").doesNotContain("idle", "stalled");
		assertThat(green).allSatisfy(row -> assertThat(row.band()).isEqualTo("green"));
		assertThat(queries.atRisk(workspace, new AtRiskQuery(null, null, null, PAYING_IDLE, null, 0, 10))
			.items()).extracting(AtRiskAccount::externalId).contains("idle").doesNotContain("healthy");
	}

	@Test
	void bandChangesAreEventsAndSignalsResolveWhenTheConditionClears() {
		subscribed("drifter", 3, day.minusDays(200));
		for (int d = 35; d <= 95; d++) {
			for (int u = 0; u < 3; u++) {
				activity("drifter", "d" + u, day.minusDays(d), 4, u == 0 ? "Report Created" : "Integration Connected");
			}
		}
		flush();
		scoring.recompute(workspace, day.minusDays(35));
		scoring.recompute(workspace, day);
		// One event per run carries every account's change (never one event per account).
		assertThat(events.stream(HealthBandsChanged.class)
			.filter(e -> e.workspaceId().equals(workspace))
			.flatMap(e -> e.changes().stream())
			.map(e -> e.previousBand() + "→" + e.band())).containsExactly("green→red");
		assertThat(events.stream(SignalsRaised.class)
			.flatMap(e -> e.signals().stream())
			.filter(e -> e.kind().equals(PAYING_IDLE))).hasSize(1);
		io.kizuna.shared.AccountId drifter = new io.kizuna.shared.AccountId(
				accounts.findAccount(workspace, "drifter").orElseThrow().id());
		assertThat(events.stream(SignalsRaised.class)
			.flatMap(e -> e.signals().stream())
			.filter(e -> e.kind().equals(PAYING_IDLE)))
			.allSatisfy(e -> assertThat(e.accountId()).as("the internal id, typed").isEqualTo(drifter));
		assertThat(events.stream(HealthBandsChanged.class)
			.filter(e -> e.workspaceId().equals(workspace))
			.flatMap(e -> e.changes().stream()))
			.allSatisfy(e -> assertThat(e.accountId()).isEqualTo(drifter));

		for (int u = 0; u < 3; u++) {
			activity("drifter", "d" + u, day, 5, "Report Created");
		}
		flush();
		scoring.recompute(workspace, day);
		assertThat(events.stream(SignalsResolved.class)
			.flatMap(e -> e.signals().stream())
			.filter(e -> e.kind().equals(PAYING_IDLE))).hasSize(1);
		assertThat(kinds(queries.accountHealth(workspace, "drifter", Locale.ENGLISH)))
			.doesNotContain(PAYING_IDLE);
	}

	@Test
	void daysAreCutInTheWorkspaceTimeZone() {
		subscribed("late", 1, day.minusDays(100));
		subscribed("early", 1, day.minusDays(100));
		// 23:59 in Tokyo on the scored day counts; 00:01 the next day does not.
		event("late", "l", day.atTime(LocalTime.of(23, 59)).atZone(TOKYO).toInstant(), "Login");
		event("early", "e", day.plusDays(1).atTime(LocalTime.of(0, 1)).atZone(TOKYO).toInstant(), "Login");
		flush();
		scoring.recompute(workspace, day);
		assertThat(measure(queries.accountHealth(workspace, "late", Locale.ENGLISH), "days_since_active").raw()).isZero();
		assertThat(measure(queries.accountHealth(workspace, "early", Locale.ENGLISH), "days_since_active").raw())
			.isEqualTo(100.0);
	}

	@Test
	void badScorecardsAreRefusedAndNeverBreakScoring() {
		ScoringRule linear = ScoringRule.linear(0, 1);
		assertThatThrownBy(() -> administration.createScorecard(workspace, "Bad", "smb", new ScorecardDefinition(
				List.of(new WeightedMeasure("seat_utilization", -1, linear), new WeightedMeasure("nope", 1, linear),
						new WeightedMeasure("depth", 1, ScoringRule.bands(List.of(5.0, 2.0), List.of(0.0, 50.0, 100.0))),
						new WeightedMeasure("usage_trend", 1, ScoringRule.linear(1, 1))),
				40, 70)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.errors()).anySatisfy(
					e -> assertThat(e).contains("weight: must be 0 or more"))
				.anySatisfy(e -> assertThat(e).contains("unknown 'nope'"))
				.anySatisfy(e -> assertThat(e).contains("ascending"))
				.anySatisfy(e -> assertThat(e).contains("from and to must differ")));
		assertThatThrownBy(() -> administration.createScorecard(workspace, "Zero", "smb",
				new ScorecardDefinition(List.of(new WeightedMeasure("depth", 0, linear)), 40, 70)))
			.hasMessageContaining("invalid scorecard");
		assertThatThrownBy(() -> administration.createScorecard(workspace, "Bands", "smb",
				new ScorecardDefinition(List.of(new WeightedMeasure("depth", 1, linear)), 80, 70)))
			.isInstanceOf(InvalidInputException.class);

		Scorecard smb = administration.createScorecard(workspace, "SMB", "smb",
				new ScorecardDefinition(List.of(new WeightedMeasure("subscription_status", 1, linear)), 40, 70));
		accounts.saveAccount(workspace, "small", new AccountDraft("Small", null, null, "smb", null, null, null, null));
		subscribed("small", 1, day.minusDays(10));
		scoring.recompute(workspace, day);
		AccountHealth small = queries.accountHealth(workspace, "small", Locale.ENGLISH);
		assertThat(small.score()).isEqualTo(100.0);
		assertThat(small.measures()).extracting(AccountHealth.ExplainedMeasure::measure)
			.containsExactly("subscription_status");
		assertThat(administration.scorecards(workspace)).extracting(Scorecard::id).contains(smb.id()).hasSize(2);
	}

	@Test
	void backtestSeparatesKnownChurnersFromStayers() {
		LocalDate cutoff = day.minusDays(120);
		for (int i = 0; i < 3; i++) {
			subscribed("stayer-" + i, 5, cutoff.minusDays(200));
			subscribed("churner-" + i, 5, cutoff.minusDays(200));
			for (int d = 1; d <= 40; d++) {
				for (int u = 0; u < 4; u++) {
					activity("stayer-" + i, "s" + i + u, cutoff.minusDays(d), 3, "Report Created");
				}
			}
			activity("churner-" + i, "c" + i, cutoff.minusDays(35 + i), 2, "Login");
			accounts.saveSubscription(workspace, "sub-churner-" + i, new SubscriptionDraft(null, null, null, null, null,
					null, "canceled", null, null, null, "not used", cutoff.plusDays(30)));
		}
		flush();
		BacktestReport report = backtest.run(workspace, cutoff, cutoff, 7, 90);
		BacktestReport.ScorecardResult standard = report.scorecards().get(0);
		assertThat(standard.observations()).isEqualTo(6);
		assertThat(standard.churned()).isEqualTo(3);
		assertThat(standard.rocAuc()).isEqualTo(1.0);
		assertThat(standard.recallAtK()).isEqualTo(1.0 / 3);
		assertThat(standard.precisionAtK()).isEqualTo(1.0);
		assertThat(standard.churnRateByBand()).containsEntry("red", 1.0).containsEntry("green", 0.0);

		assertThatThrownBy(() -> backtest.run(workspace, day.minusDays(10), day, 7, 90))
			.hasMessageContaining("outcome");
	}

	@Test
	void theBuiltInRulesKeepTheirStoredCodesAndSpeakJapaneseAndEnglish() {
		assertThat(signalRules.kinds()).extracting(SignalKind::code)
			.containsExactly("paying_idle", "seats_unused", "key_feature_not_adopted", "usage_falling",
					"onboarding_stalled", "champion_gone", "renewal_at_risk", "support_spike", "survey_detractor", "sentiment_falling");
		// support's rule is held to the same: both languages, in words
		for (SignalKind kind : signalRules.kinds()) {
			for (String key : List.of(kind.titleKey(), kind.actionKey())) {
				String ja = messageSource.getMessage(key, null, Locale.JAPANESE);
				String en = messageSource.getMessage(key, null, Locale.ENGLISH);
				assertThat(ja).as(key).isNotBlank().isNotEqualTo(en).matches(".*[\\u3040-\\u30ff\\u4e00-\\u9fff].*");
				assertThat(en).as(key).isNotBlank().matches("[\\x20-\\x7e]+");
			}
		}
	}

	private void subscribed(String account, int seats, LocalDate start) {
		if (accounts.findAccount(workspace, account).isEmpty()) {
			accounts.saveAccount(workspace, account, AccountDraft.named(account + " KK"));
		}
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, "app", "Standard",
				3000L * seats, "JPY", seats, "active", start, start.plusYears(2), null, null, start));
	}

	private void activity(String account, String user, LocalDate on, int count, String name) {
		for (int i = 0; i < count; i++) {
			event(account, user, on.atTime(10, i).atZone(TOKYO).toInstant(), name);
		}
	}

	private void event(String account, String user, Instant at, String name) {
		messages.add(new TrackedMessage("track", UUID.randomUUID().toString(), account + "-" + user, null, account, name,
				at, at, null, null, null, null));
	}

	private void flush() {
		for (int i = 0; i < messages.size(); i += 5000) {
			ingestion.ingest(workspace, messages.subList(i, Math.min(messages.size(), i + 5000)));
		}
		messages.clear();
		io.kizuna.usage.PendingRollups.awaitFolded(rollups, jdbc, workspace);
	}

	private static AccountHealth.ExplainedMeasure measure(AccountHealth health, String code) {
		return health.measures().stream().filter(m -> m.measure().equals(code)).findFirst().orElseThrow();
	}

	private static List<SignalKind> kinds(AccountHealth health) {
		return health.signals().stream().map(HealthSignal::kind).toList();
	}
}

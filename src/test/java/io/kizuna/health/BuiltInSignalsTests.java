package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountState;
import io.kizuna.accounts.SubscriptionStatus;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.AccountUsage;
import org.junit.jupiter.api.Test;

/**
 * Each latent-bottleneck signal at its threshold and one step short of it, with the default thresholds (idle 14
 * days, seats below 30 % of at least 3, key features after 30 days, usage halved from at least 20 events,
 * onboarding 14 days, champion away 14 days, renewal within 90 days and a 10-point drop). As of 2026-06-01, so
 * "yesterday", the last day the windows cover, is 2026-05-31.
 */
class BuiltInSignalsTests {

	private static final SignalKind PAYING_IDLE = new SignalKind(BuiltInSignals.PAYING_IDLE);

	private static final SignalKind SEATS_UNUSED = new SignalKind(BuiltInSignals.SEATS_UNUSED);

	private static final SignalKind KEY_FEATURE_NOT_ADOPTED = new SignalKind(BuiltInSignals.KEY_FEATURE_NOT_ADOPTED);

	private static final SignalKind USAGE_FALLING = new SignalKind(BuiltInSignals.USAGE_FALLING);

	private static final SignalKind ONBOARDING_STALLED = new SignalKind(BuiltInSignals.ONBOARDING_STALLED);

	private static final SignalKind CHAMPION_GONE = new SignalKind(BuiltInSignals.CHAMPION_GONE);

	private static final SignalKind RENEWAL_AT_RISK = new SignalKind(BuiltInSignals.RENEWAL_AT_RISK);

	private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

	private static final SignalThresholds T = SignalThresholds.defaults();

	/** The seven built-in rule beans, as the application context makes them. */
	private static SignalRules builtIn() {
		BuiltInSignals signals = new BuiltInSignals();
		return new SignalRules(List.of(signals.payingIdle(), signals.seatsUnused(), signals.keyFeatureNotAdopted(),
				signals.usageFalling(), signals.onboardingStalled(), signals.championGone(), signals.renewalAtRisk()));
	}

	/** A live account that raises nothing: no MRR, no seats, no start, no renewal. */
	private static AccountState quiet(long id) {
		return state(id, SubscriptionStatus.ACTIVE, 0, 0, null, null);
	}

	private static AccountState state(long id, SubscriptionStatus status, long mrr, int seats, LocalDate started,
			LocalDate renewal) {
		return new AccountState(id, "a-" + id, "A" + id, null, null, status, mrr, "JPY", seats, started, renewal, null,
				null);
	}

	private static AccountUsage usage(long id, LocalDate lastActive, LocalDate firstActive, long events14,
			long eventsPrev14, int activeUsers30, int keyFeaturesEver, String champion, LocalDate championLast) {
		return new AccountUsage(id, lastActive, firstActive, 0, 0, events14, eventsPrev14, activeUsers30, 0, 0,
				keyFeaturesEver, champion, championLast);
	}

	private static List<DetectedSignal> detect(AccountState state, AccountUsage usage, List<String> keyFeatures,
			AccountScore score, Double earlier) {
		ScoringInput input = new ScoringInput(new WorkspaceId(1), AS_OF, Map.of(state.accountId(), state),
				usage == null ? Map.of() : Map.of(state.accountId(), usage), keyFeatures);
		// Made per call, not once per class: PIT attributes what a static initializer runs to no test.
		return builtIn().detect(new SignalInput(input, T, score == null ? Map.of() : Map.of(state.accountId(), score),
				earlier == null ? Map.of() : Map.of(state.accountId(), earlier)));
	}

	private static List<DetectedSignal> detect(AccountState state, AccountUsage usage) {
		return detect(state, usage, List.of(), null, null);
	}

	private static String severity(List<DetectedSignal> signals, SignalKind kind) {
		return signals.stream().filter(s -> s.kind().equals(kind)).map(DetectedSignal::severity).findFirst().orElse(null);
	}

	@Test
	void aQuietAccountRaisesNothing() {
		assertThat(detect(quiet(1), null)).isEmpty();
	}

	@Test
	void payingButIdleFrom14DaysHighFrom28() {
		AccountState paying = state(1, SubscriptionStatus.ACTIVE, 5000, 0, null, null);
		assertThat(detect(paying, usage(1, LocalDate.of(2026, 5, 18), null, 0, 0, 0, 0, null, null))).isEmpty();
		List<DetectedSignal> fourteen = detect(paying, usage(1, LocalDate.of(2026, 5, 17), null, 0, 0, 0, 0, null, null));
		assertThat(fourteen).singleElement().satisfies(s -> {
			assertThat(s.accountId()).isEqualTo(1);
			assertThat(s.kind()).isEqualTo(PAYING_IDLE);
			assertThat(s.severity()).isEqualTo("medium");
			assertThat(s.evidence()).containsExactly(Map.entry("days_idle", 14L), Map.entry("mrr_minor", 5000L),
					Map.entry("last_active", "2026-05-17"));
		});
		assertThat(severity(detect(paying, usage(1, LocalDate.of(2026, 5, 4), null, 0, 0, 0, 0, null, null)),
				PAYING_IDLE)).isEqualTo("medium");
		assertThat(severity(detect(paying, usage(1, LocalDate.of(2026, 5, 3), null, 0, 0, 0, 0, null, null)),
				PAYING_IDLE)).isEqualTo("high");
		// no usage ever: idle since the subscription started
		AccountState started = state(1, SubscriptionStatus.ACTIVE, 5000, 0, LocalDate.of(2026, 5, 17), null);
		assertThat(detect(started, null)).extracting(DetectedSignal::kind).contains(PAYING_IDLE);
		AccountState startedLater = state(1, SubscriptionStatus.ACTIVE, 5000, 0, LocalDate.of(2026, 5, 18), null);
		assertThat(detect(startedLater, null)).extracting(DetectedSignal::kind).doesNotContain(PAYING_IDLE);
		// not paying: idle is no signal
		assertThat(detect(quiet(1), usage(1, LocalDate.of(2026, 1, 1), null, 0, 0, 0, 0, null, null))).isEmpty();
	}

	@Test
	void seatsUnusedBelow30PercentHighBelow15OfAtLeastThreeSeats() {
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 10, null, null), usage(1, null, null, 0, 0, 3, 0, null, null)))
			.isEmpty();
		List<DetectedSignal> two = detect(state(1, SubscriptionStatus.ACTIVE, 0, 10, null, null),
				usage(1, null, null, 0, 0, 2, 0, null, null));
		assertThat(two).singleElement().satisfies(s -> {
			assertThat(s.kind()).isEqualTo(SEATS_UNUSED);
			assertThat(s.severity()).isEqualTo("medium");
			assertThat(s.evidence()).containsExactly(Map.entry("active_users_30d", 2), Map.entry("seats", 10),
					Map.entry("ratio", 0.2));
		});
		assertThat(severity(detect(state(1, SubscriptionStatus.ACTIVE, 0, 20, null, null),
				usage(1, null, null, 0, 0, 3, 0, null, null)), SEATS_UNUSED)).isEqualTo("medium");
		assertThat(severity(detect(state(1, SubscriptionStatus.ACTIVE, 0, 20, null, null),
				usage(1, null, null, 0, 0, 2, 0, null, null)), SEATS_UNUSED)).isEqualTo("high");
		List<DetectedSignal> third = detect(state(1, SubscriptionStatus.ACTIVE, 0, 3, null, null), null);
		assertThat(severity(third, SEATS_UNUSED)).isEqualTo("high");
		// the ratio is kept to two decimals: 2 of 7 = 0.2857…
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 7, null, null), usage(1, null, null, 0, 0, 2, 0, null, null))
			.get(0)
			.evidence()).containsEntry("ratio", 0.29);
		// two seats are too few to judge
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 2, null, null), null)).isEmpty();
	}

	@Test
	void keyFeatureNotAdoptedAfterThirtyDays() {
		List<String> two = List.of("Report Created", "Dashboard Shared");
		AccountState thirtyDays = state(1, SubscriptionStatus.ACTIVE, 0, 0, LocalDate.of(2026, 5, 2), null);
		AccountState twentyNine = state(1, SubscriptionStatus.ACTIVE, 0, 0, LocalDate.of(2026, 5, 3), null);
		AccountUsage none = usage(1, LocalDate.of(2026, 5, 31), LocalDate.of(2026, 5, 2), 0, 0, 0, 0, null, null);
		AccountUsage one = usage(1, LocalDate.of(2026, 5, 31), LocalDate.of(2026, 5, 2), 0, 0, 0, 1, null, null);
		AccountUsage both = usage(1, LocalDate.of(2026, 5, 31), LocalDate.of(2026, 5, 2), 0, 0, 0, 2, null, null);
		List<DetectedSignal> signals = detect(thirtyDays, none, two, null, null);
		assertThat(signals).singleElement().satisfies(s -> {
			assertThat(s.kind()).isEqualTo(KEY_FEATURE_NOT_ADOPTED);
			assertThat(s.severity()).isEqualTo("medium");
			assertThat(s.evidence()).containsExactly(Map.entry("key_features_used", 0), Map.entry("key_features", 2));
		});
		assertThat(severity(detect(thirtyDays, one, two, null, null), KEY_FEATURE_NOT_ADOPTED)).isEqualTo("low");
		assertThat(detect(thirtyDays, both, two, null, null)).isEmpty();
		assertThat(detect(twentyNine, none, two, null, null)).isEmpty();
		assertThat(detect(thirtyDays, none, List.of(), null, null)).isEmpty();
		assertThat(detect(quiet(1), none, two, null, null)).isEmpty();
	}

	@Test
	void usageFallingBelowHalfOfAtLeastTwentyEventsHighBelowAQuarter() {
		AccountState s = quiet(1);
		assertThat(detect(s, usage(1, null, null, 10, 20, 0, 0, null, null))).isEmpty();
		List<DetectedSignal> nine = detect(s, usage(1, null, null, 9, 20, 0, 0, null, null));
		assertThat(nine).singleElement().satisfies(d -> {
			assertThat(d.kind()).isEqualTo(USAGE_FALLING);
			assertThat(d.severity()).isEqualTo("medium");
			assertThat(d.evidence()).containsExactly(Map.entry("events_last_14d", 9L), Map.entry("events_previous_14d", 20L));
		});
		assertThat(severity(detect(s, usage(1, null, null, 5, 20, 0, 0, null, null)), USAGE_FALLING))
			.isEqualTo("medium");
		assertThat(severity(detect(s, usage(1, null, null, 4, 20, 0, 0, null, null)), USAGE_FALLING))
			.isEqualTo("high");
		// a quarter of 22 is 5.5: 5 is below it (integer division would say 5 is not below 5)
		assertThat(severity(detect(s, usage(1, null, null, 5, 22, 0, 0, null, null)), USAGE_FALLING))
			.isEqualTo("high");
		assertThat(detect(s, usage(1, null, null, 0, 19, 0, 0, null, null))).isEmpty();
	}

	@Test
	void onboardingStalledWhenNoActivityInTheFirstFourteenDaysOfTheLastNinety() {
		LocalDate fourteenDaysAgo = LocalDate.of(2026, 5, 18);
		List<DetectedSignal> stalled = detect(state(1, SubscriptionStatus.TRIAL, 0, 0, fourteenDaysAgo, null),
				usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, null, null));
		assertThat(stalled).singleElement().satisfies(d -> {
			assertThat(d.kind()).isEqualTo(ONBOARDING_STALLED);
			assertThat(d.severity()).isEqualTo("high");
			assertThat(d.evidence()).containsExactly(Map.entry("started_on", "2026-05-18"), Map.entry("first_active", "null"),
					Map.entry("onboarding_days", 14));
		});
		assertThat(detect(state(1, SubscriptionStatus.TRIAL, 0, 0, LocalDate.of(2026, 5, 19), null), null)).isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.TRIAL, 0, 0, LocalDate.of(2026, 3, 3), null),
				usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, null, null))).isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.TRIAL, 0, 0, LocalDate.of(2026, 3, 4), null),
				usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, null, null)))
			.extracting(DetectedSignal::kind)
			.containsExactly(ONBOARDING_STALLED);
		LocalDate started = LocalDate.of(2026, 5, 1);
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, started, null),
				usage(1, LocalDate.of(2026, 5, 31), LocalDate.of(2026, 5, 14), 0, 0, 0, 0, null, null))).isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, started, null),
				usage(1, LocalDate.of(2026, 5, 31), LocalDate.of(2026, 5, 15), 0, 0, 0, 0, null, null)))
			.extracting(DetectedSignal::kind)
			.containsExactly(ONBOARDING_STALLED);
	}

	@Test
	void championGoneAfterFourteenDaysAway() {
		assertThat(detect(quiet(1), usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, "u-1", LocalDate.of(2026, 5, 18))))
			.isEmpty();
		assertThat(detect(quiet(1), usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, "u-1", LocalDate.of(2026, 5, 17))))
			.singleElement()
			.satisfies(d -> {
				assertThat(d.kind()).isEqualTo(CHAMPION_GONE);
				assertThat(d.severity()).isEqualTo("medium");
				assertThat(d.evidence()).containsExactly(Map.entry("user", "u-1"), Map.entry("days_inactive", 14L),
						Map.entry("last_active", "2026-05-17"));
			});
		assertThat(detect(quiet(1), usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, null, LocalDate.of(2026, 1, 1))))
			.isEmpty();
		assertThat(detect(quiet(1), usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, "u-1", null))).isEmpty();
	}

	/** A contact marked champion wins over the most active user, both ways: away while the top user is active, and back. */
	@Test
	void championGoneWatchesTheContactsMarkedChampionWhenThereAreAny() {
		AccountUsage topUserActive = usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, "u-1", LocalDate.of(2026, 5, 31));
		assertThat(detectWithChampions(quiet(1), topUserActive, LocalDate.of(2026, 5, 17)))
			.singleElement()
			.satisfies(d -> {
				assertThat(d.kind()).isEqualTo(CHAMPION_GONE);
				assertThat(d.evidence()).containsExactly(Map.entry("marked", "true"), Map.entry("days_inactive", 14L),
						Map.entry("last_active", "2026-05-17"));
			});
		assertThat(detectWithChampions(quiet(1), topUserActive, LocalDate.of(2026, 5, 18))).isEmpty();
		AccountUsage topUserGone = usage(1, LocalDate.of(2026, 5, 31), null, 0, 0, 0, 0, "u-1", LocalDate.of(2026, 1, 1));
		assertThat(detectWithChampions(quiet(1), topUserGone, LocalDate.of(2026, 5, 30))).as("the marked champion is here")
			.isEmpty();
		assertThat(detectWithChampions(quiet(1), topUserGone, null)).as("a marked champion never seen: nothing known")
			.isEmpty();
	}

	private static List<DetectedSignal> detectWithChampions(AccountState state, AccountUsage usage, LocalDate lastSeen) {
		Map<Long, LocalDate> champions = new java.util.HashMap<>();
		champions.put(state.accountId(), lastSeen);
		ScoringInput input = new ScoringInput(new WorkspaceId(1), AS_OF, Map.of(state.accountId(), state),
				Map.of(state.accountId(), usage), List.of(), champions);
		return builtIn().detect(new SignalInput(input, T, Map.of(), Map.of()));
	}

	@Test
	void renewalAtRiskWhenRedOrFallingTenPointsWithinNinetyDays() {
		AccountScore red = new AccountScore(1, 1, 30.0, HealthBand.fromCode("red"), List.of());
		AccountScore yellow = new AccountScore(1, 1, 50.0, HealthBand.fromCode("yellow"), List.of());
		LocalDate today = AS_OF;
		LocalDate lastDay = LocalDate.of(2026, 8, 30);
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, today), null, List.of(), red, null))
			.singleElement()
			.satisfies(d -> {
				assertThat(d.kind()).isEqualTo(RENEWAL_AT_RISK);
				assertThat(d.severity()).isEqualTo("high");
				assertThat(d.evidence()).containsExactly(Map.entry("renewal_on", "2026-06-01"), Map.entry("score", 30.0),
						Map.entry("score_30d_ago", "none"), Map.entry("band", "red"));
			});
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay), null, List.of(), red, null)).hasSize(1);
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, today.minusDays(1)), null, List.of(), red, null))
			.isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay.plusDays(1)), null, List.of(), red, null))
			.isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay), null, List.of(), yellow, 60.0))
			.singleElement()
			.satisfies(d -> assertThat(d.evidence()).containsEntry("score_30d_ago", 60.0));
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay), null, List.of(), yellow, 59.99)).isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay), null, List.of(), yellow, null)).isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay), null, List.of(),
				new AccountScore(1, 1, null, null, List.of()), 90.0)).isEmpty();
		assertThat(detect(state(1, SubscriptionStatus.ACTIVE, 0, 0, null, lastDay), null, List.of(), null, 90.0)).isEmpty();
	}

	@Test
	void canceledAndUnsubscribedAccountsRaiseNothing() {
		AccountUsage idle = usage(1, LocalDate.of(2026, 1, 1), null, 0, 100, 0, 0, "u-1", LocalDate.of(2026, 1, 1));
		AccountScore red = new AccountScore(1, 1, 10.0, HealthBand.fromCode("red"), List.of());
		assertThat(detect(state(1, SubscriptionStatus.CANCELED, 5000, 10, LocalDate.of(2026, 5, 1), AS_OF), idle,
				List.of("x"), red, null)).isEmpty();
		assertThat(detect(state(1, null, 5000, 10, LocalDate.of(2026, 5, 1), AS_OF), idle, List.of("x"), red, null)).isEmpty();
		// the same account live raises every signal
		assertThat(detect(state(1, SubscriptionStatus.PAST_DUE, 5000, 10, LocalDate.of(2026, 5, 1), AS_OF), idle,
				List.of("x"), red, null)).extracting(DetectedSignal::kind)
			.containsExactly(PAYING_IDLE, SEATS_UNUSED, KEY_FEATURE_NOT_ADOPTED, USAGE_FALLING,
					ONBOARDING_STALLED, CHAMPION_GONE, RENEWAL_AT_RISK);
	}

	@Test
	void theBuiltInKindsComeInTheirDocumentedOrder() {
		assertThat(builtIn().kinds()).extracting(SignalKind::code)
			.containsExactly("paying_idle", "seats_unused", "key_feature_not_adopted", "usage_falling",
					"onboarding_stalled", "champion_gone", "renewal_at_risk");
	}
}

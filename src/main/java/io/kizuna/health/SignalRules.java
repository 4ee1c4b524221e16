package io.kizuna.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountState;
import io.kizuna.usage.AccountUsage;

/** Evaluates every signal rule for every account; pure, so the same input always gives the same signals. */
final class SignalRules {

	private SignalRules() {
	}

	/**
	 * @param scores today's scores
	 * @param earlier each account's latest score about 30 days before, for "falling"
	 */
	static List<DetectedSignal> detect(ScoringInput input, SignalThresholds t, Map<Long, AccountScore> scores,
			Map<Long, Double> earlier) {
		List<DetectedSignal> signals = new ArrayList<>();
		LocalDate asOf = input.asOf();
		for (AccountState state : input.states().values()) {
			if (!state.live()) {
				continue;
			}
			long id = state.accountId();
			AccountUsage usage = input.usageOf(id);
			LocalDate lastActive = usage.lastActiveDay() != null ? usage.lastActiveDay() : state.firstStartedOn();
			long idle = lastActive == null ? 0 : ChronoUnit.DAYS.between(lastActive, asOf.minusDays(1));
			if (state.mrrMinor() > 0 && idle >= t.idleDays()) {
				signals.add(new DetectedSignal(id, SignalKind.PAYING_IDLE, idle >= 2L * t.idleDays() ? "high" : "medium",
						evidence("days_idle", idle, "mrr_minor", state.mrrMinor(), "last_active",
								String.valueOf(usage.lastActiveDay()))));
			}
			if (state.seats() >= t.seatsMinimum()) {
				double ratio = (double) usage.activeUsers30() / state.seats();
				if (ratio < t.seatsUnusedRatio()) {
					signals.add(new DetectedSignal(id, SignalKind.SEATS_UNUSED,
							ratio < t.seatsUnusedRatio() / 2 ? "high" : "medium", evidence("active_users_30d",
									usage.activeUsers30(), "seats", state.seats(), "ratio", round(ratio))));
				}
			}
			int features = input.keyFeatures().size();
			if (features > 0 && state.firstStartedOn() != null
					&& !state.firstStartedOn().isAfter(asOf.minusDays(t.keyFeatureGraceDays()))
					&& usage.keyFeaturesEverUsed() < features) {
				signals.add(new DetectedSignal(id, SignalKind.KEY_FEATURE_NOT_ADOPTED,
						usage.keyFeaturesEverUsed() == 0 ? "medium" : "low",
						evidence("key_features_used", usage.keyFeaturesEverUsed(), "key_features", features)));
			}
			if (usage.eventsPrev14() >= t.usageDropMinimumEvents()
					&& usage.events14() < t.usageDropRatio() * usage.eventsPrev14()) {
				signals.add(new DetectedSignal(id, SignalKind.USAGE_FALLING,
						usage.events14() < usage.eventsPrev14() / 4.0 ? "high" : "medium",
						evidence("events_last_14d", usage.events14(), "events_previous_14d", usage.eventsPrev14())));
			}
			LocalDate started = state.firstStartedOn();
			if (started != null && !started.isAfter(asOf.minusDays(t.onboardingDays()))
					&& started.isAfter(asOf.minusDays(90)) && (usage.firstActiveDay() == null
							|| !usage.firstActiveDay().isBefore(started.plusDays(t.onboardingDays())))) {
				signals.add(new DetectedSignal(id, SignalKind.ONBOARDING_STALLED, "high",
						evidence("started_on", started.toString(), "first_active", String.valueOf(usage.firstActiveDay()),
								"onboarding_days", t.onboardingDays())));
			}
			if (usage.championUserId() != null && usage.championLastActiveDay() != null) {
				long away = ChronoUnit.DAYS.between(usage.championLastActiveDay(), asOf.minusDays(1));
				if (away >= t.championInactiveDays()) {
					signals.add(new DetectedSignal(id, SignalKind.CHAMPION_GONE, "medium", evidence("user",
							usage.championUserId(), "days_inactive", away, "last_active",
							usage.championLastActiveDay().toString())));
				}
			}
			AccountScore score = scores.get(id);
			if (state.nextRenewalOn() != null && !state.nextRenewalOn().isBefore(asOf)
					&& !state.nextRenewalOn().isAfter(asOf.plusDays(t.renewalWindowDays())) && score != null
					&& score.score() != null) {
				Double before = earlier.get(id);
				boolean falling = before != null && before - score.score() >= t.renewalScoreDrop();
				if ("red".equals(score.band()) || falling) {
					signals.add(new DetectedSignal(id, SignalKind.RENEWAL_AT_RISK, "high",
							evidence("renewal_on", state.nextRenewalOn().toString(), "score", round(score.score()),
									"score_30d_ago", before == null ? "none" : round(before), "band", score.band())));
				}
			}
		}
		return signals;
	}

	private static Map<String, Object> evidence(Object... pairs) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			evidence.put((String) pairs[i], pairs[i + 1]);
		}
		return evidence;
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}
}

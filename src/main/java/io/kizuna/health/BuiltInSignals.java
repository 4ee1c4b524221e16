package io.kizuna.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.kizuna.accounts.AccountState;
import io.kizuna.usage.AccountUsage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.kizuna.health.SignalSeverity.HIGH;
import static io.kizuna.health.SignalSeverity.LOW;
import static io.kizuna.health.SignalSeverity.MEDIUM;

/**
 * The seven signals every workspace has, from the rollups and the customer model, with the workspace's
 * {@link SignalThresholds}. Their codes are the ones stored since the first release and must not change.
 */
@Configuration(proxyBeanMethods = false)
class BuiltInSignals {

	static final String PAYING_IDLE = "paying_idle";

	static final String SEATS_UNUSED = "seats_unused";

	static final String KEY_FEATURE_NOT_ADOPTED = "key_feature_not_adopted";

	static final String USAGE_FALLING = "usage_falling";

	static final String ONBOARDING_STALLED = "onboarding_stalled";

	static final String CHAMPION_GONE = "champion_gone";

	static final String RENEWAL_AT_RISK = "renewal_at_risk";

	/** A paid subscription and no active user for the idle threshold; high from twice that. */
	@Bean
	SignalRule payingIdle() {
		return rule(PAYING_IDLE, 10, (state, in) -> {
			SignalThresholds t = in.thresholds();
			AccountUsage usage = in.scoring().usageOf(state.accountId());
			LocalDate lastActive = usage.lastActiveDay() != null ? usage.lastActiveDay() : state.firstStartedOn();
			long idle = lastActive == null ? 0 : ChronoUnit.DAYS.between(lastActive, in.scoring().asOf().minusDays(1));
			if (state.mrrMinor() <= 0 || idle < t.idleDays()) {
				return null;
			}
			return new SignalFinding(idle >= 2L * t.idleDays() ? HIGH : MEDIUM, evidence("days_idle", idle, "mrr_minor",
					state.mrrMinor(), "last_active", String.valueOf(usage.lastActiveDay())));
		});
	}

	/** Few of the paid seats used in the last 30 days; high below half the ratio. */
	@Bean
	SignalRule seatsUnused() {
		return rule(SEATS_UNUSED, 20, (state, in) -> {
			SignalThresholds t = in.thresholds();
			if (state.seats() < t.seatsMinimum()) {
				return null;
			}
			AccountUsage usage = in.scoring().usageOf(state.accountId());
			double ratio = (double) usage.activeUsers30() / state.seats();
			if (ratio >= t.seatsUnusedRatio()) {
				return null;
			}
			return new SignalFinding(ratio < t.seatsUnusedRatio() / 2 ? HIGH : MEDIUM, evidence("active_users_30d",
					usage.activeUsers30(), "seats", state.seats(), "ratio", round(ratio)));
		});
	}

	/** Past the grace period and some key feature never used; medium when none ever was. */
	@Bean
	SignalRule keyFeatureNotAdopted() {
		return rule(KEY_FEATURE_NOT_ADOPTED, 30, (state, in) -> {
			int features = in.scoring().keyFeatures().size();
			AccountUsage usage = in.scoring().usageOf(state.accountId());
			if (features == 0 || state.firstStartedOn() == null
					|| state.firstStartedOn().isAfter(in.scoring().asOf().minusDays(in.thresholds().keyFeatureGraceDays()))
					|| usage.keyFeaturesEverUsed() >= features) {
				return null;
			}
			return new SignalFinding(usage.keyFeaturesEverUsed() == 0 ? MEDIUM : LOW,
					evidence("key_features_used", usage.keyFeaturesEverUsed(), "key_features", features));
		});
	}

	/** Events of the last 14 days below the drop ratio of the 14 before; high below a quarter. */
	@Bean
	SignalRule usageFalling() {
		return rule(USAGE_FALLING, 40, (state, in) -> {
			SignalThresholds t = in.thresholds();
			AccountUsage usage = in.scoring().usageOf(state.accountId());
			if (usage.eventsPrev14() < t.usageDropMinimumEvents()
					|| usage.events14() >= t.usageDropRatio() * usage.eventsPrev14()) {
				return null;
			}
			return new SignalFinding(usage.events14() < usage.eventsPrev14() / 4.0 ? HIGH : MEDIUM,
					evidence("events_last_14d", usage.events14(), "events_previous_14d", usage.eventsPrev14()));
		});
	}

	/** Started within 90 days, past the onboarding period, and nobody active within it. */
	@Bean
	SignalRule onboardingStalled() {
		return rule(ONBOARDING_STALLED, 50, (state, in) -> {
			int days = in.thresholds().onboardingDays();
			LocalDate asOf = in.scoring().asOf();
			LocalDate started = state.firstStartedOn();
			LocalDate firstActive = in.scoring().usageOf(state.accountId()).firstActiveDay();
			if (started == null || started.isAfter(asOf.minusDays(days)) || !started.isAfter(asOf.minusDays(90))
					|| firstActive != null && firstActive.isBefore(started.plusDays(days))) {
				return null;
			}
			return new SignalFinding(HIGH, evidence("started_on", started.toString(), "first_active",
					String.valueOf(firstActive), "onboarding_days", days));
		});
	}

	/**
	 * The account's champion has not been seen for the threshold: the contacts someone marked as champions when there
	 * are any (the most recently seen of them counts), else the most active user of the last 90 days. Last seen is
	 * the contact's latest activity, so a back-test on past days sees a marked champion as the contact is today.
	 */
	@Bean
	SignalRule championGone() {
		return rule(CHAMPION_GONE, 60, (state, in) -> {
			LocalDate yesterday = in.scoring().asOf().minusDays(1);
			if (in.scoring().markedChampions().containsKey(state.accountId())) {
				LocalDate seen = in.scoring().markedChampions().get(state.accountId());
				if (seen == null || seen.isAfter(yesterday)) {
					return null;
				}
				long away = ChronoUnit.DAYS.between(seen, yesterday);
				return away < in.thresholds().championInactiveDays() ? null
						: new SignalFinding(MEDIUM, evidence("marked", "true", "days_inactive", away, "last_active",
								seen.toString()));
			}
			AccountUsage usage = in.scoring().usageOf(state.accountId());
			if (usage.championUserId() == null || usage.championLastActiveDay() == null) {
				return null;
			}
			long away = ChronoUnit.DAYS.between(usage.championLastActiveDay(), yesterday);
			if (away < in.thresholds().championInactiveDays()) {
				return null;
			}
			return new SignalFinding(MEDIUM, evidence("user", usage.championUserId(), "days_inactive", away,
					"last_active", usage.championLastActiveDay().toString()));
		});
	}

	/** Renewing within the window and red, or the score fell by the threshold in 30 days. */
	@Bean
	SignalRule renewalAtRisk() {
		return rule(RENEWAL_AT_RISK, 70, (state, in) -> {
			SignalThresholds t = in.thresholds();
			LocalDate asOf = in.scoring().asOf();
			AccountScore score = in.scores().get(state.accountId());
			LocalDate renewal = state.nextRenewalOn();
			if (renewal == null || renewal.isBefore(asOf) || renewal.isAfter(asOf.plusDays(t.renewalWindowDays()))
					|| score == null || score.score() == null) {
				return null;
			}
			Double before = in.scoresMonthAgo().get(state.accountId());
			boolean falling = before != null && before - score.score() >= t.renewalScoreDrop();
			if (score.band() != HealthBand.RED && !falling) {
				return null;
			}
			return new SignalFinding(HIGH, evidence("renewal_on", renewal.toString(), "score", round(score.score()),
					"score_30d_ago", before == null ? "none" : round(before), "band", score.band() == null ? null : score.band().code()));
		});
	}

	/** A rule judged account by account, live accounts only. */
	private static SignalRule rule(String code, int order, BiFunction<AccountState, SignalInput, SignalFinding> check) {
		return new SignalRule() {

			@Override
			public String code() {
				return code;
			}

			@Override
			public int order() {
				return order;
			}

			@Override
			public Map<Long, SignalFinding> detect(SignalInput input) {
				Map<Long, SignalFinding> findings = new HashMap<>();
				for (AccountState state : input.scoring().states().values()) {
					SignalFinding finding = state.live() ? check.apply(state, input) : null;
					if (finding != null) {
						findings.put(state.accountId(), finding);
					}
				}
				return findings;
			}
		};
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

package io.kizuna.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import io.kizuna.accounts.AccountState;
import io.kizuna.accounts.SubscriptionStatus;
import io.kizuna.usage.AccountUsage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The measures every workspace has, computed from the rollups and the customer model. */
@Configuration(proxyBeanMethods = false)
class BuiltInMeasures {

	static final String SEAT_UTILIZATION = "seat_utilization";

	static final String DAYS_SINCE_ACTIVE = "days_since_active";

	static final String USAGE_TREND = "usage_trend";

	static final String ADOPTION_BREADTH = "adoption_breadth";

	static final String DEPTH = "depth";

	static final String SUBSCRIPTION_STATUS = "subscription_status";

	static final String RENEWAL_PROXIMITY = "renewal_proximity";

	static final String DAYS_SINCE_CSM_TOUCH = "days_since_csm_touch";

	/** Active users in the last 30 days per paid seat. */
	@Bean
	HealthMeasure seatUtilization() {
		return measure(SEAT_UTILIZATION, (state, in) -> state.live() && state.seats() > 0
				? (double) in.usageOf(state.accountId()).activeUsers30() / state.seats() : null);
	}

	/** Days since any user was active; an account never active counts from its first subscription. */
	@Bean
	HealthMeasure daysSinceActive() {
		return measure(DAYS_SINCE_ACTIVE, (state, in) -> {
			LocalDate last = in.usageOf(state.accountId()).lastActiveDay();
			LocalDate since = last != null ? last : state.firstStartedOn();
			return since == null ? null : (double) ChronoUnit.DAYS.between(since, in.asOf().minusDays(1));
		});
	}

	/** Events in the last 28 days relative to the 28 before, minus one: -0.5 means usage halved. */
	@Bean
	HealthMeasure usageTrend() {
		return measure(USAGE_TREND, (state, in) -> {
			AccountUsage usage = in.usageOf(state.accountId());
			if (usage.eventsPrev28() == 0) {
				return usage.events28() == 0 ? null : 1.0;
			}
			return Math.min(1.0, (double) usage.events28() / usage.eventsPrev28() - 1);
		});
	}

	/** Share of the workspace's key features used in the last 30 days; no data for a lapsed account with no usage. */
	@Bean
	HealthMeasure adoptionBreadth() {
		return measure(ADOPTION_BREADTH, (state, in) -> in.keyFeatures().isEmpty()
				|| !state.live() && !in.usage().containsKey(state.accountId()) ? null
						: (double) in.usageOf(state.accountId()).keyFeaturesUsed30() / in.keyFeatures().size());
	}

	/** Active days per active user in the last 30 days. */
	@Bean
	HealthMeasure depth() {
		return measure(DEPTH, (state, in) -> {
			AccountUsage usage = in.usageOf(state.accountId());
			return usage.activeUsers30() == 0 ? null : (double) usage.activeUserDays30() / usage.activeUsers30();
		});
	}

	/** 1 active, 0.7 trial (0.4 when it ends within a week), 0.2 past due, 0 canceled. */
	@Bean
	HealthMeasure subscriptionStatus() {
		return measure(SUBSCRIPTION_STATUS, (state, in) -> {
			if (state.status() == null) {
				return null;
			}
			if (state.status() == SubscriptionStatus.TRIAL) {
				boolean ending = state.trialEndsOn() != null && !state.trialEndsOn().isAfter(in.asOf().plusDays(7));
				return ending ? 0.4 : 0.7;
			}
			return switch (state.status()) {
				case ACTIVE -> 1.0;
				case PAST_DUE -> 0.2;
				default -> 0.0;
			};
		});
	}

	/** Days until the next renewal of a live subscription (negative when overdue). */
	@Bean
	HealthMeasure renewalProximity() {
		return measure(RENEWAL_PROXIMITY, (state, in) -> state.live() && state.nextRenewalOn() != null
				? (double) ChronoUnit.DAYS.between(in.asOf(), state.nextRenewalOn()) : null);
	}

	/** Days since a CSM last wrote a note on the account. */
	@Bean
	HealthMeasure daysSinceCsmTouch() {
		return measure(DAYS_SINCE_CSM_TOUCH, (state, in) -> state.lastNoteAt() == null ? null
				: (double) ChronoUnit.DAYS.between(
						state.lastNoteAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(), in.asOf()));
	}

	private static HealthMeasure measure(String code, BiFunction<AccountState, ScoringInput, Double> raw) {
		return new HealthMeasure() {

			@Override
			public String code() {
				return code;
			}

			@Override
			public Map<Long, Double> rawValues(ScoringInput input) {
				Map<Long, Double> values = new HashMap<>(input.states().size() * 2);
				for (AccountState state : input.states().values()) {
					Double value = raw.apply(state, input);
					if (value != null && !value.isNaN()) {
						values.put(state.accountId(), value);
					}
				}
				return values;
			}
		};
	}
}

package io.kizuna.journeys;

import java.util.List;

/**
 * A journey view's data (ADR 0080). {@code links}: the Sankey, unrolled by step (step 0 is the stage an account was
 * in when the period began, or its first stage; step k its k-th change in the period), so it has no cycles; paths are
 * cut after {@link #MAX_STEPS} steps ({@code cut} accounts). {@code transitions}: the same changes aggregated per
 * (from, to) pair, cycles and all — the table behind the chart. {@code times}: per stage, the days completed stays
 * lasted (median, 75th percentile) among stays that ended in the period. {@code stalled}: accounts of the cohort in a
 * stage now for longer than its threshold (its stall days, or else its 75th percentile over the whole history).
 */
public record Journey(List<Link> links, List<Transition> transitions, List<StageTime> times, List<Stall> stalls,
		List<StalledAccount> stalled, long accounts, long cut) {

	public static final int MAX_STEPS = 6;

	public record Link(int step, String from, String to, long accounts) {
	}

	public record Transition(String from, String to, long changes) {
	}

	public record StageTime(String stage, long stays, Double medianDays, Double p75Days) {
	}

	public record Stall(String stage, Integer thresholdDays, boolean fromSetting, long accounts) {
	}

	public record StalledAccount(String externalId, String name, String stage, long days, int thresholdDays) {
	}
}

package io.kizuna.support;

import java.util.List;

/**
 * CSAT results: per month and per agent, the surveys sent, answered, and the share of good answers (4-5 on the 1-5
 * scale, "good" on the other) as a percentage with one decimal, null when nobody answered.
 */
public record CsatReport(List<Row> months, List<Row> agents, Row total) {

	public CsatReport {
		months = List.copyOf(months);
		agents = List.copyOf(agents);
	}

	/** {@code key}: the month (YYYY-MM) or the agent's user id (null: no agent). */
	public record Row(String key, long sent, long answered, long good, Double percent) {
	}
}

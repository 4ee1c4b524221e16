package io.kizuna.health;

import java.util.Map;

/**
 * What a scoring run knows when its rules look for signals.
 *
 * @param scoring the accounts, their usage and the workspace's key features
 * @param thresholds the workspace's thresholds of the built-in rules
 * @param scores today's scores by account id
 * @param scoresMonthAgo each account's latest score about 30 days before, for a falling score
 */
public record SignalInput(ScoringInput scoring, SignalThresholds thresholds, Map<Long, AccountScore> scores,
		Map<Long, Double> scoresMonthAgo) {
}

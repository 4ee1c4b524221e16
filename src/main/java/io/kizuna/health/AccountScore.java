package io.kizuna.health;

import java.util.List;

/** An account's score on a day, null with band null when none of its measures had data. */
public record AccountScore(long accountId, long scorecardId, Double score, HealthBand band, List<MeasureResult> measures) {
}

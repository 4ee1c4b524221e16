package io.kizuna.health;

import java.time.LocalDate;
import java.util.Map;

/** What a scoring run did. */
public record RescoreResult(LocalDate day, int accounts, Map<String, Integer> bands, int bandChanges,
		int signalsRaised, int signalsResolved, long millis) {
}

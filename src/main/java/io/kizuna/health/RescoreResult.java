package io.kizuna.health;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a scoring run did.
 *
 * @param accounts the accounts scored, churned ones included
 * @param bands the live accounts by band ({@code none}: no score); churned accounts count in no band
 */
public record RescoreResult(LocalDate day, int accounts, Map<String, Integer> bands, int bandChanges,
		int signalsRaised, int signalsResolved, long millis) {
}

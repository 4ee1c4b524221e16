package io.kizuna.health;

import java.time.LocalDate;
import java.util.Map;

/** A signal as stored: open while {@code resolvedOn} is null. */
public record HealthSignal(long id, String accountExternalId, SignalKind kind, String severity,
		Map<String, Object> evidence, LocalDate detectedOn, LocalDate resolvedOn, String recommendedAction) {
}

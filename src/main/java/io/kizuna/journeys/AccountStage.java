package io.kizuna.journeys;

import java.time.Instant;

/** An account's stage now, since when, and whether it was set by hand (rules then leave it alone). */
public record AccountStage(String accountExternalId, String stage, Instant enteredAt, boolean held) {
}

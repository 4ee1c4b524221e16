package io.kizuna.accounts;

import java.time.LocalDate;

/**
 * One line of an account's timeline.
 *
 * @param kind its kind, shown through the message key {@code timeline.<kind>} of the contributing module
 * @param text what happened, already in the reader's language
 * @param amountMinor an amount in minor units of {@code currency}, or {@code null}
 */
public record TimelineEntry(LocalDate day, String kind, String text, Long amountMinor, String currency) {
}

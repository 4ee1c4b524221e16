package io.kizuna.usage;

import java.time.LocalDate;

/** One day of an account's usage. */
public record DailyUsage(LocalDate day, int events, int activeUsers) {
}

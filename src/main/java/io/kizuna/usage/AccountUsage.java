package io.kizuna.usage;

import java.time.LocalDate;

/**
 * An account's usage as known before a day ({@code asOf}), from the daily rollups: what health scoring reads.
 * Windows end the day before {@code asOf}; counts are 0 and days null where there was no activity.
 *
 * @param keyFeaturesUsed30 how many of the asked-for key features were used in the last 30 days
 * @param keyFeaturesEverUsed how many of them were ever used
 * @param championUserId the user with the most events in the last 90 days
 * @param championLastActiveDay that user's last active day
 */
public record AccountUsage(long accountId, LocalDate lastActiveDay, LocalDate firstActiveDay, long events28,
		long eventsPrev28, long events14, long eventsPrev14, int activeUsers30, int activeUserDays30,
		int keyFeaturesUsed30, int keyFeaturesEverUsed, String championUserId, LocalDate championLastActiveDay) {

	public static AccountUsage none(long accountId) {
		return new AccountUsage(accountId, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
	}
}

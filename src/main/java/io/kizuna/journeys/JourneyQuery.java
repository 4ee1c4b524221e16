package io.kizuna.journeys;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Which transitions a journey view shows: changes from {@code from} to {@code to} (days in the workspace's time zone,
 * both included) of the accounts of a cohort — signed up in a month, of a tier, on a plan (each optional).
 */
public record JourneyQuery(LocalDate from, LocalDate to, YearMonth signupMonth, String tier, String plan) {
}

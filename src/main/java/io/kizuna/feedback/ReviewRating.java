package io.kizuna.feedback;

import java.time.YearMonth;

/** The average rating of one source in one month, and how many reviews it averages. */
public record ReviewRating(String source, YearMonth month, double average, int reviews) {
}

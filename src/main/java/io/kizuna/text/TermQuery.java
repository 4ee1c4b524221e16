package io.kizuna.text;

import java.time.LocalDate;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;

/**
 * Which texts a view of terms reads: a source (null: all), the period {@code from}..{@code to} (its baseline is the
 * {@link #BASELINE_PERIODS} periods of the same length before it) and the accounts the account filters left (null:
 * every text, with or without an account).
 */
public record TermQuery(String source, LocalDate from, LocalDate to, Set<Long> accounts) {

	public static final int BASELINE_PERIODS = 6;

	public TermQuery {
		if (from == null || to == null || from.isAfter(to)) {
			throw new InvalidInputException("the period needs a start on or before its end");
		}
		if (from.plusDays(731).isBefore(to)) {
			throw new InvalidInputException("a period is at most two years");
		}
		if (source != null && !source.matches("[a-z_]{1,40}")) {
			throw new InvalidInputException("source: lower-case letters and underscores");
		}
		accounts = accounts == null ? null : Set.copyOf(accounts);
	}

	public long days() {
		return to.toEpochDay() - from.toEpochDay() + 1;
	}

	public LocalDate baselineFrom() {
		return from.minusDays(days() * BASELINE_PERIODS);
	}
}

package io.kizuna.revenue;

import java.time.YearMonth;
import java.util.regex.Pattern;

import io.kizuna.shared.InvalidInputException;

/**
 * Which cohorts to build: signup months {@code from}..{@code to} (observed through {@code to}), the measure the
 * retention ratios use, and an optional breakdown.
 *
 * @param breakdown {@code plan} (the plan of the account's largest subscription in its first month), {@code tier},
 * {@code attribute} (an account attribute, {@code attributeKey}) or null for none
 */
public record CohortQuery(YearMonth from, YearMonth to, Measure measure, Breakdown breakdown, String attributeKey) {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	public enum Measure {
		/** Accounts with MRR at the end of month k ÷ accounts in the cohort. */
		LOGO,
		/** MRR of the cohort at the end of month k ÷ its MRR at the end of month 0: above 1 with net expansion. */
		REVENUE
	}

	public enum Breakdown {
		PLAN, TIER, ATTRIBUTE
	}

	public CohortQuery {
		if (from == null || to == null || from.isAfter(to) || from.plusYears(10).isBefore(to)) {
			throw new InvalidInputException("months: from ≤ to, at most ten years");
		}
		if (measure == null) {
			measure = Measure.LOGO;
		}
		if (breakdown == Breakdown.ATTRIBUTE && (attributeKey == null || !KEY.matcher(attributeKey).matches())) {
			throw new InvalidInputException("by=attribute:<key>: a key of 1 to 64 letters, digits, '_', '.' or '-'");
		}
		if (breakdown != Breakdown.ATTRIBUTE) {
			attributeKey = null;
		}
	}

	/** Parses the REST/page parameters: from and to as YYYY-MM, measure logo|revenue, by plan|tier|attribute:key. */
	public static CohortQuery parse(String from, String to, String measure, String by) {
		YearMonth start;
		YearMonth end;
		try {
			start = YearMonth.parse(from == null ? "" : from);
			end = YearMonth.parse(to == null ? "" : to);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new InvalidInputException("from and to are months: YYYY-MM");
		}
		Measure m = switch (measure == null || measure.isBlank() ? "logo" : measure) {
			case "logo" -> Measure.LOGO;
			case "revenue" -> Measure.REVENUE;
			default -> throw new InvalidInputException("measure: logo or revenue");
		};
		if (by == null || by.isBlank()) {
			return new CohortQuery(start, end, m, null, null);
		}
		if (by.startsWith("attribute:")) {
			return new CohortQuery(start, end, m, Breakdown.ATTRIBUTE, by.substring("attribute:".length()));
		}
		return switch (by) {
			case "plan" -> new CohortQuery(start, end, m, Breakdown.PLAN, null);
			case "tier" -> new CohortQuery(start, end, m, Breakdown.TIER, null);
			default -> throw new InvalidInputException("by: plan, tier or attribute:<key>");
		};
	}
}

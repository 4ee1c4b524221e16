package io.kizuna.text.web;

import java.time.LocalDate;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.TermQuery;
import io.kizuna.text.TextAnalytics;

/** The filters of the text pages and the API, as they come in a request: each bounded, null for any. */
record TextFilters(String source, Integer days, String tier, String band, Long segment, String arr) {

	static final java.util.List<Integer> PERIODS = java.util.List.of(7, 14, 30, 90, 365);

	TextFilters {
		source = blank(source);
		tier = blank(tier);
		band = blank(band);
		arr = blank(arr);
		if (days == null) {
			days = 30;
		}
		if (!PERIODS.contains(days)) {
			throw new InvalidInputException("days: one of " + PERIODS);
		}
		if (tier != null && tier.length() > 100) {
			throw new InvalidInputException("tier: at most 100 characters");
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	TermQuery query(TextAnalytics analytics, WorkspaceId workspace) {
		LocalDate today = analytics.today(workspace);
		Set<Long> accounts = analytics.accountsMatching(workspace, tier, band, segment, arr);
		return new TermQuery(source, today.minusDays(days - 1), today, accounts);
	}
}

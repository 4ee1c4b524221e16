package io.kizuna.feedback.reviews;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.kizuna.feedback.ReviewRating;
import io.kizuna.feedback.Reviews;
import io.kizuna.shared.WorkspaceId;

/**
 * The ratings by source and month as the section and the page draw them: a table (months down, sources across,
 * empty where a source had no review that month, never a zero) and the same as chart series.
 */
final class ReviewRatingsModel {

	private ReviewRatingsModel() {
	}

	static Map<String, Object> of(Reviews reviews, WorkspaceId workspace, LocalDate today, int months) {
		List<ReviewRating> ratings = reviews.ratings(workspace, today, months);
		TreeSet<String> sources = new TreeSet<>();
		ratings.forEach(r -> sources.add(r.source()));
		List<YearMonth> monthList = new ArrayList<>();
		for (YearMonth m = YearMonth.from(today).minusMonths(months - 1L); !m.isAfter(YearMonth.from(today)); m = m.plusMonths(1)) {
			monthList.add(m);
		}
		Map<YearMonth, Map<String, ReviewRating>> table = new LinkedHashMap<>();
		monthList.forEach(m -> table.put(m, new LinkedHashMap<>()));
		ratings.forEach(r -> table.computeIfPresent(r.month(), (m, row) -> {
			row.put(r.source(), r);
			return row;
		}));
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("sources", List.copyOf(sources));
		model.put("months", monthList);
		model.put("table", table);
		model.put("total", ratings.stream().mapToInt(ReviewRating::reviews).sum());
		model.put("average", ratings.isEmpty() ? null
				: ratings.stream().mapToDouble(r -> r.average() * r.reviews()).sum()
						/ ratings.stream().mapToInt(ReviewRating::reviews).sum());
		return model;
	}
}

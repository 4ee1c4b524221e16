package io.kizuna.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * What searches and visits say over a period: the top queries with their click-through, the queries that found
 * nothing (content gaps: count and last seen), the articles by views and helpfulness, and help-center sessions per
 * month (the deflection base: joined with tickets once the support module exists).
 */
public record KnowledgeAnalytics(List<QueryStats> topQueries, List<Gap> gaps, List<ArticleStats> articles,
		List<MonthSessions> sessions) {

	public record QueryStats(String query, long searches, long clicks, double clickThrough) {
	}

	public record Gap(String query, long searches, Instant lastSeen) {
	}

	public record ArticleStats(long articleId, String title, long views, long helpful, long notHelpful) {
	}

	public record MonthSessions(String month, long sessions, long withSearch) {
	}
}

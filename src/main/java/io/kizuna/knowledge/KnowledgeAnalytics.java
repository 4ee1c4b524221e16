package io.kizuna.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * What searches and visits say over a period: the top queries with their click-through, the queries that found
 * nothing (content gaps: count and last seen), the queries after which the visitor still opened a ticket, the articles
 * by views and helpfulness, and help-center sessions per month with their deflection: a session is deflected when its
 * visitor opened no ticket through the web form within {@code within} days of its start, and undecided while those
 * days have not passed.
 */
public record KnowledgeAnalytics(List<QueryStats> topQueries, List<Gap> gaps, List<QueryBeforeTicket> ticketQueries,
		List<ArticleStats> articles, int within, List<MonthSessions> sessions) {

	public record QueryStats(String query, long searches, long clicks, double clickThrough) {
	}

	public record Gap(String query, long searches, Instant lastSeen) {
	}

	/** A public query and how many of its searches were followed by a ticket from the same visitor. */
	public record QueryBeforeTicket(String query, long searches, long followedByTicket, double share) {
	}

	public record ArticleStats(long articleId, String title, long views, long helpful, long notHelpful) {
	}

	/**
	 * Sessions started in a month: {@code deflected} = sessions − withTicket − undecided, and {@code deflectionRate} its
	 * share of the decided ones (null when none is decided yet).
	 */
	public record MonthSessions(String month, long sessions, long withSearch, long withTicket, long undecided,
			long deflected, Double deflectionRate) {
	}
}

package io.kizuna.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * What searches and visits say over a period: the top queries with their click-through, the queries that found
 * nothing (content gaps: count and last seen), the queries after which the visitor still opened a ticket, the articles
 * by views and helpfulness, and help-center sessions per month with their deflection: a session is deflected when its
 * visitor opened no ticket through the web form or the chat within {@code within} days of its start; sessions of the
 * last {@code within} days are still counting and stay out of the rate.
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
	 * Sessions started in a month: {@code withTicket} were followed by a ticket, {@code counting} started less than
	 * {@code within} days ago (their outcome is still open, with or without a ticket so far), {@code deflected} are the
	 * others without a ticket, and {@code deflectionRate} is their share of the sessions no longer counting (null when
	 * every session is).
	 */
	public record MonthSessions(String month, long sessions, long withSearch, long withTicket, long counting,
			long deflected, Double deflectionRate) {
	}
}

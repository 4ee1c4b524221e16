package io.kizuna.support;

import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;

/**
 * Where support finds help articles to suggest (extension point, a bean the knowledge base provides): to a customer
 * typing in the web form or the chat, and to an agent in a ticket's reply box. Support does not depend on the knowledge
 * base; without such a bean nothing is suggested (ADR 0119).
 */
public interface ArticleSuggestions {

	/**
	 * Up to {@code limit} articles for the text, best first: published ones, and only public ones when
	 * {@code publicOnly} (a customer). {@code session} is the visitor's session id for the knowledge base's analytics
	 * (null for agents). Never fails on odd text; answers nothing for a blank one.
	 */
	Suggestions suggest(WorkspaceId workspace, String text, boolean publicOnly, String session, int limit);

	/**
	 * The plain text of a published public article in the language asked (or its other one), for an agent to insert
	 * into a reply; empty for an internal, unpublished or unknown article, which a customer may not be sent.
	 */
	default Optional<String> publicText(WorkspaceId workspace, long articleId, String language) {
		return Optional.empty();
	}

	/** What was found, with the id of the logged search (0 when nothing was logged). */
	record Suggestions(List<SuggestedArticle> articles, long searchId) {

		public Suggestions {
			articles = List.copyOf(articles);
		}

		public static Suggestions none() {
			return new Suggestions(List.of(), 0);
		}
	}

	/**
	 * One suggestion: the article, the language version that matched, its title, a plain snippet, its help-center
	 * path (null for an internal article, which only agents may read: nothing to send a customer) and the agents'
	 * path to it.
	 */
	record SuggestedArticle(long id, String language, String title, String snippet, String publicPath,
			String agentPath) {

		public boolean isPublic() {
			return publicPath != null;
		}
	}
}

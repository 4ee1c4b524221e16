package io.kizuna.knowledge;

import java.util.List;

/**
 * What a search found, best first: each article once, in the language version that matched, with its snippet; a
 * suggestion when a word of the query is not in the knowledge base but a close one is; the id of the logged search
 * (for click-through).
 */
public record SearchResults(String query, List<Hit> hits, String didYouMean, long searchId) {

	public SearchResults {
		hits = List.copyOf(hits);
	}

	public record Hit(long articleId, String language, String title, List<SnippetPiece> snippet) {
	}
}

package io.kizuna.knowledge;

import java.util.Optional;
import java.util.stream.Collectors;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.ArticleSuggestions;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.stereotype.Component;

/**
 * The knowledge base's answer to support's {@link ArticleSuggestions}: the one search (so what a customer typed in the
 * form shows in the search analytics, with its session) and the help center's article address.
 */
@Component
class SupportArticleSuggestions implements ArticleSuggestions {

	private final KnowledgeManagement knowledge;

	private final WorkspaceManagement workspaces;

	SupportArticleSuggestions(KnowledgeManagement knowledge, WorkspaceManagement workspaces) {
		this.knowledge = knowledge;
		this.workspaces = workspaces;
	}

	@Override
	public Suggestions suggest(WorkspaceId workspace, String text, boolean publicOnly, String session, int limit) {
		if (text == null || text.isBlank()) {
			return Suggestions.none();
		}
		String query = text.length() > 120 ? text.substring(0, 120) : text;
		SearchResults results;
		try {
			results = knowledge.search(workspace, query, publicOnly ? Audience.PUBLIC : Audience.AGENT, session,
					Math.max(1, Math.min(limit, 10)));
		}
		catch (org.apache.lucene.search.IndexSearcher.TooManyClauses ex) {
			// a long text of many short words: suggest nothing rather than fail the page beside it
			return Suggestions.none();
		}
		String slug = workspaces.get(workspace).slug();
		return new Suggestions(results.hits().stream()
			.map(hit -> new SuggestedArticle(hit.articleId(), hit.language(), hit.title(),
					hit.snippet().stream().map(SnippetPiece::text).collect(Collectors.joining()),
					// an agent also finds internal articles: the help center would answer a customer "not found"
					publicOnly || knowledge.published(workspace, hit.articleId()).isPresent()
							? "/help/" + slug + "/articles/" + hit.articleId() + "?lang=" + hit.language() : null,
					"/knowledge/" + hit.articleId() + "?lang=" + hit.language()))
			.toList(), results.searchId());
	}

	@Override
	public Optional<String> publicText(WorkspaceId workspace, long articleId, String language) {
		return knowledge.published(workspace, articleId)
			.flatMap(article -> article.in(language))
			.map(shown -> shown.title() + "\n\n" + Markdown.replyText(shown.body()));
	}
}

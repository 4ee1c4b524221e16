package io.kizuna.knowledge.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.kizuna.knowledge.Article;
import io.kizuna.knowledge.ArticleDraft;
import io.kizuna.knowledge.ArticleVersion;
import io.kizuna.knowledge.Audience;
import io.kizuna.knowledge.Category;
import io.kizuna.knowledge.CategoryDraft;
import io.kizuna.knowledge.KnowledgeAnalytics;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.SearchResults;
import io.kizuna.knowledge.TranslationDraft;
import io.kizuna.knowledge.VersionDiff;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The knowledge base over REST: categories, articles and their translations, versions, search and analytics. */
@RestController
@RequestMapping("/api/v1/knowledge")
@Tag(name = "Knowledge base", description = "Articles in ja and en, their versions, categories, search and analytics")
class KnowledgeController {

	private final KnowledgeManagement knowledge;

	private final WorkspaceManagement workspaces;

	KnowledgeController(KnowledgeManagement knowledge, WorkspaceManagement workspaces) {
		this.knowledge = knowledge;
		this.workspaces = workspaces;
	}

	record ArticleBody(Long categoryId, String visibility, List<String> tags, String language, String title,
			String slug, String description, String body) {
	}

	record TranslationBody(String title, String slug, String description, String body) {
	}

	record StatusBody(String status) {
	}

	static long id(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new io.kizuna.shared.NotFoundException("No such object: " + value);
		}
	}

	@GetMapping("/categories")
	@Operation(summary = "List the categories and sections")
	List<Category> categories(@AuthenticationPrincipal ApiClient client) {
		return knowledge.categories(client.workspaceId());
	}

	@PostMapping("/categories")
	@Operation(summary = "Create a category (or a section, with a parentId)")
	ResponseEntity<Category> createCategory(@AuthenticationPrincipal ApiClient client, @RequestBody CategoryDraft body) {
		Category category = knowledge.createCategory(client.workspaceId(), body);
		return ResponseEntity.created(URI.create("/api/v1/knowledge/categories/" + category.id())).body(category);
	}

	@PutMapping("/categories/{id}")
	@Operation(summary = "Rename or move a category")
	Category updateCategory(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@RequestBody CategoryDraft body) {
		return knowledge.updateCategory(client.workspaceId(), id(id), body);
	}

	@DeleteMapping("/categories/{id}")
	@Operation(summary = "Delete an empty category")
	ResponseEntity<Void> deleteCategory(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
		knowledge.deleteCategory(client.workspaceId(), id(id));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/articles")
	@Operation(summary = "List articles, newest change first, filtered by status, visibility, category or tag")
	List<Article> articles(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String status,
			@RequestParam(required = false) String visibility, @RequestParam(required = false) Long category,
			@RequestParam(required = false) String tag, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") int offset) {
		return knowledge.list(client.workspaceId(), status, visibility, category, tag, limit, offset);
	}

	@PostMapping("/articles")
	@Operation(summary = "Create a draft article with its first language version")
	ResponseEntity<Article> create(@AuthenticationPrincipal ApiClient client, @RequestBody ArticleBody body) {
		Article article = knowledge.create(client.workspaceId(),
				new ArticleDraft(body.categoryId(), body.visibility(), body.tags()),
				body.language() == null ? "ja" : body.language(),
				new TranslationDraft(body.title(), body.slug(), body.description(), body.body()), "api");
		knowledge.refreshIndex();
		return ResponseEntity.created(URI.create("/api/v1/knowledge/articles/" + article.id())).body(article);
	}

	@GetMapping("/articles/{id}")
	@Operation(summary = "One article with its translations")
	Article article(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
		return knowledge.get(client.workspaceId(), id(id));
	}

	@PutMapping("/articles/{id}")
	@Operation(summary = "Change an article's category, visibility and tags")
	Article update(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @RequestBody ArticleBody body) {
		Article article = knowledge.update(client.workspaceId(), id(id),
				new ArticleDraft(body.categoryId(), body.visibility(), body.tags()));
		knowledge.refreshIndex();
		return article;
	}

	@PutMapping("/articles/{id}/translations/{language}")
	@Operation(summary = "Save a language version of an article (a new version in its history)")
	Article saveTranslation(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@PathVariable String language, @RequestBody TranslationBody body) {
		Article article = knowledge.saveTranslation(client.workspaceId(), id(id), language,
				new TranslationDraft(body.title(), body.slug(), body.description(), body.body()), "api");
		knowledge.refreshIndex();
		return article;
	}

	@DeleteMapping("/articles/{id}/translations/{language}")
	@Operation(summary = "Remove a language version of an article")
	Article deleteTranslation(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@PathVariable String language) {
		Article article = knowledge.deleteTranslation(client.workspaceId(), id(id), language);
		knowledge.refreshIndex();
		return article;
	}

	@PutMapping("/articles/{id}/status")
	@Operation(summary = "Publish, archive or return an article to draft")
	Article status(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @RequestBody StatusBody body) {
		Article article = knowledge.setStatus(client.workspaceId(), id(id), body.status());
		knowledge.refreshIndex();
		return article;
	}

	@DeleteMapping("/articles/{id}")
	@Operation(summary = "Delete an article with its history")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
		knowledge.delete(client.workspaceId(), id(id));
		knowledge.refreshIndex();
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/articles/{id}/versions/{language}")
	@Operation(summary = "The saved versions of one language of an article, newest first")
	List<ArticleVersion> versions(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@PathVariable String language) {
		return knowledge.versions(client.workspaceId(), id(id), language);
	}

	@GetMapping("/articles/{id}/versions/{language}/diff")
	@Operation(summary = "The line diff between two versions")
	VersionDiff diff(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @PathVariable String language,
			@RequestParam int from, @RequestParam int to) {
		return knowledge.diff(client.workspaceId(), id(id), language, from, to);
	}

	@PostMapping("/articles/{id}/versions/{language}/{version}/revert")
	@Operation(summary = "Save an old version as the newest one")
	Article revert(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @PathVariable String language,
			@PathVariable String version) {
		Article article = knowledge.revert(client.workspaceId(), id(id), language, (int) id(version), "api");
		knowledge.refreshIndex();
		return article;
	}

	record ImportResult(List<Long> created) {
	}

	@PostMapping(path = "/import", consumes = "multipart/form-data")
	@Operation(summary = "Import articles as drafts from Markdown or HTML files or a CSV of title, body, category")
	ImportResult importFiles(@AuthenticationPrincipal ApiClient client,
			@RequestParam("file") List<org.springframework.web.multipart.MultipartFile> files,
			@RequestParam(defaultValue = "ja") String language, @RequestParam(defaultValue = "public") String visibility)
			throws java.io.IOException {
		if (files.size() > 50) {
			throw new InvalidInputException("file: at most 50 files at once");
		}
		List<Long> created = new java.util.ArrayList<>();
		for (var file : files) {
			if (file.getSize() > 5_000_000) {
				throw new InvalidInputException("file: at most 5 MB each (" + file.getOriginalFilename() + ")");
			}
			created.addAll(knowledge.importFile(client.workspaceId(), file.getOriginalFilename(),
					new String(file.getBytes(), java.nio.charset.StandardCharsets.UTF_8), language, visibility, "api"));
		}
		knowledge.refreshIndex();
		return new ImportResult(created);
	}

	@GetMapping("/export")
	@Operation(summary = "Export every article with its translations as JSON")
	List<Article> export(@AuthenticationPrincipal ApiClient client) {
		return knowledge.export(client.workspaceId());
	}

	@GetMapping("/search")
	@Operation(summary = "Search published articles (internal ones included) with highlighted snippets")
	SearchResults search(@AuthenticationPrincipal ApiClient client, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "10") int limit) {
		return knowledge.search(client.workspaceId(), q, Audience.API, null, limit);
	}

	record SearchBody(String q, Integer limit) {
	}

	@PostMapping("/search")
	@Operation(summary = "Search with the query in the body (long queries; the same as GET /search)")
	SearchResults searchPosted(@AuthenticationPrincipal ApiClient client, @RequestBody SearchBody body) {
		return knowledge.search(client.workspaceId(), body.q() == null ? "" : body.q(), Audience.API, null,
				body.limit() == null ? 10 : body.limit());
	}

	@GetMapping("/analytics")
	@Operation(summary = "Top queries, queries without results, queries followed by a ticket, articles by views and "
			+ "helpfulness, help-center sessions and their deflection per month",
			description = "A session is deflected when its visitor opened no ticket through the web form or the chat within "
					+ "`within` days (1–90, default 7) of its start; sessions of the last `within` days are still counting "
					+ "and stay out of the rate.")
	KnowledgeAnalytics analytics(@AuthenticationPrincipal ApiClient client, @RequestParam(defaultValue = "30") int days,
			@RequestParam(defaultValue = "7") int within, @RequestParam(defaultValue = "ja") String language) {
		if (days < 1 || days > 366) {
			throw new InvalidInputException("days: 1 to 366");
		}
		return knowledge.analytics(client.workspaceId(), workspaces.get(client.workspaceId()).timeZone(), days, within,
				language.toLowerCase(Locale.ROOT));
	}
}

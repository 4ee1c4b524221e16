package io.kizuna.knowledge.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kizuna.knowledge.Article;
import io.kizuna.knowledge.Category;
import io.kizuna.knowledge.Feedback;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.SearchResults;
import io.kizuna.knowledge.Translation;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.PublicVisit;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public help center of a workspace, {@code /help/{workspace}}: no sign-in, server-rendered, only published
 * public articles of that workspace; in the visitor's language (?lang, else the browser's, else the workspace's), the
 * other language shown with a note when a translation is missing; titles, descriptions, canonical links and a
 * sitemap for search engines.
 */
@Controller
class HelpCenterController {

	private final KnowledgeManagement knowledge;

	private final WorkspaceManagement workspaces;

	HelpCenterController(KnowledgeManagement knowledge, WorkspaceManagement workspaces) {
		this.knowledge = knowledge;
		this.workspaces = workspaces;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model) {
		model.addAttribute("lang", language(null, null));
		return "knowledge/help-missing";
	}

	@ExceptionHandler(InvalidInputException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid(InvalidInputException ex, Model model) {
		model.addAttribute("lang", language(null, null));
		model.addAttribute("reason", ex.getMessage());
		return "knowledge/help-missing";
	}

	private Workspace workspace(String slug) {
		return workspaces.findBySlug(slug).orElseThrow(() -> new NotFoundException("No help center " + slug));
	}

	static String language(String asked, Workspace workspace) {
		if ("ja".equals(asked) || "en".equals(asked)) {
			return asked;
		}
		String current = LocaleContextHolder.getLocale().getLanguage();
		if ("ja".equals(current) || "en".equals(current)) {
			return current;
		}
		return workspace != null && "en".equals(workspace.locale().getLanguage()) ? "en" : "ja";
	}

	private void common(Model model, Workspace workspace, String lang, HttpServletRequest request) {
		model.addAttribute("workspace", workspace);
		model.addAttribute("lang", lang);
		model.addAttribute("other", "ja".equals(lang) ? "en" : "ja");
		model.addAttribute("base", "/help/" + workspace.slug());
		model.addAttribute("origin", UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
			.replacePath(null).replaceQuery(null).build().toUriString());
		LocaleContextHolder.setLocale(Locale.forLanguageTag(lang));
		model.addAttribute("categories", knowledge.categories(workspace.id()));
	}

	@GetMapping("/help/{workspace}")
	String home(@PathVariable("workspace") String slug, @RequestParam(required = false) String lang,
			@RequestParam(required = false) String category, Model model, HttpServletRequest request) {
		Workspace workspace = workspace(slug);
		String language = language(lang, workspace);
		common(model, workspace, language, request);
		Long chosen = null;
		if (category != null && !category.isBlank()) {
			Category found = knowledge.categories(workspace.id()).stream()
				.filter(c -> Long.toString(c.id()).equals(category))
				.findFirst()
				.orElseThrow(() -> new NotFoundException("No category " + category));
			chosen = found.id();
			model.addAttribute("category", found);
		}
		model.addAttribute("articles", knowledge.publishedInCategory(workspace.id(), chosen, 100));
		return "knowledge/help-home";
	}

	@GetMapping("/help/{workspace}/search")
	String search(@PathVariable("workspace") String slug, @RequestParam(required = false) String lang,
			@RequestParam(defaultValue = "") String q, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Workspace workspace = workspace(slug);
		String language = language(lang, workspace);
		common(model, workspace, language, request);
		SearchResults results = knowledge.searchHelpCenter(workspace.id(), q,
				q.isBlank() ? null : PublicVisit.of(request, response, workspace.slug()), 20);
		model.addAttribute("q", results.query());
		model.addAttribute("results", results);
		return "knowledge/help-search";
	}

	@GetMapping({ "/help/{workspace}/articles/{id}", "/help/{workspace}/articles/{id}/{slug}" })
	String article(@PathVariable("workspace") String slug, @PathVariable String id,
			@RequestParam(required = false) String lang, @RequestParam(required = false) String from,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Workspace workspace = workspace(slug);
		long articleId = KnowledgeController.id(id);
		Article article = knowledge.published(workspace.id(), articleId)
			.orElseThrow(() -> new NotFoundException("No article " + id));
		String language = language(lang, workspace);
		common(model, workspace, language, request);
		Translation shown = article.in(language).orElseThrow(() -> new NotFoundException("No article " + id));
		model.addAttribute("article", article);
		model.addAttribute("shown", shown);
		model.addAttribute("fallback", !shown.language().equals(language));
		model.addAttribute("html", KnowledgeManagement.html(shown.body()));
		model.addAttribute("description", shown.description() != null ? shown.description()
				: KnowledgeManagement.summary(shown.body(), 160));
		model.addAttribute("related", knowledge.related(workspace.id(), article, true, language, 5));
		model.addAttribute("reasons", KnowledgeManagement.REASONS);
		knowledge.viewed(workspace.id(), articleId, workspace.timeZone(),
				PublicVisit.of(request, response, workspace.slug()));
		if (from != null && from.matches("\\d{1,18}")) {
			knowledge.clicked(workspace.id(), Long.parseLong(from), articleId);
		}
		return "knowledge/help-article";
	}

	@PostMapping("/help/{workspace}/articles/{id}/feedback")
	String feedback(@PathVariable("workspace") String slug, @PathVariable String id,
			@RequestParam Map<String, String> form, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Workspace workspace = workspace(slug);
		long articleId = KnowledgeController.id(id);
		Article article = knowledge.published(workspace.id(), articleId)
			.orElseThrow(() -> new NotFoundException("No article " + id));
		String language = language(form.get("lang"), workspace);
		String helpful = form.getOrDefault("helpful", "");
		if (!helpful.equals("yes") && !helpful.equals("no")) {
			throw new InvalidInputException("helpful: yes or no");
		}
		String comment = form.get("comment");
		if (comment != null && comment.length() > 1000) {
			comment = comment.substring(0, 1000);
		}
		knowledge.rate(workspace.id(), article.id(), article.in(language).map(Translation::language).orElse(language),
				new Feedback(helpful.equals("yes"), form.get("reason"), comment),
				PublicVisit.of(request, response, workspace.slug()));
		return "redirect:/help/" + workspace.slug() + "/articles/" + article.id() + "?lang=" + language + "&thanks=1";
	}

	@GetMapping(path = "/help/{workspace}/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
	@ResponseBody
	ResponseEntity<String> sitemap(@PathVariable("workspace") String slug, HttpServletRequest request) {
		Workspace workspace = workspace(slug);
		String origin = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
			.replacePath(null).replaceQuery(null).build().toUriString();
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (Article article : knowledge.publishedInCategory(workspace.id(), null, 500)) {
			for (String language : article.translations().keySet()) {
				xml.append("  <url><loc>").append(origin).append("/help/").append(workspace.slug())
					.append("/articles/").append(article.id()).append("?lang=").append(language)
					.append("</loc><lastmod>")
					.append(article.updatedAt().toString(), 0, 10).append("</lastmod></url>\n");
			}
		}
		xml.append("</urlset>\n");
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml.toString());
	}

	static Optional<String> none() {
		return Optional.empty();
	}

	static List<String> languages() {
		return List.of("ja", "en");
	}
}

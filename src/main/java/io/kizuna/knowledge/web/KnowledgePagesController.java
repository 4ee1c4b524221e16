package io.kizuna.knowledge.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.kizuna.knowledge.Article;
import io.kizuna.knowledge.ArticleDraft;
import io.kizuna.knowledge.ArticleVersion;
import io.kizuna.knowledge.Audience;
import io.kizuna.knowledge.KnowledgeManagement;
import io.kizuna.knowledge.Translation;
import io.kizuna.knowledge.TranslationDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The agents' knowledge-base pages: the list with the one search box, the editor of an article's ja or en version
 * (settings, publishing, version history with diff and revert) and the search analytics.
 */
@Controller
class KnowledgePagesController {

	private final KnowledgeManagement knowledge;

	private final WorkspaceManagement workspaces;

	KnowledgePagesController(KnowledgeManagement knowledge, WorkspaceManagement workspaces) {
		this.knowledge = knowledge;
		this.workspaces = workspaces;
	}

	private static String uiLanguage() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "ja";
	}

	@GetMapping("/knowledge")
	String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) String status, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Workspace ws = workspaces.get(workspace);
		model.addAttribute("zone", ws.timeZone());
		model.addAttribute("slug", ws.slug());
		model.addAttribute("lang", uiLanguage());
		model.addAttribute("q", q);
		if (!q.isBlank()) {
			model.addAttribute("results", knowledge.search(workspace, q, Audience.AGENT, null, 20));
		}
		String chosen = status != null && KnowledgeManagement.STATUSES.contains(status) ? status : null;
		model.addAttribute("status", chosen);
		model.addAttribute("articles", knowledge.list(workspace, chosen, null, null, null, 200, 0));
		return "knowledge/list";
	}

	@GetMapping("/knowledge/new")
	String create(@AuthenticationPrincipal SignedInUser user, Model model) {
		return editor(model, user.user().workspaceId(), null, uiLanguage(), null, null);
	}

	@PostMapping("/knowledge")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		String language = "en".equals(form.get("language")) ? "en" : "ja";
		try {
			Article article = knowledge.create(workspace, draft(form), language, text(form), user.user().email());
			knowledge.refreshIndex();
			return "redirect:/knowledge/" + article.id() + "?lang=" + language + "&saved=1";
		}
		catch (InvalidInputException ex) {
			return editor(model, workspace, null, language, form, ex);
		}
	}

	@GetMapping("/knowledge/{id}")
	String show(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam(required = false) String lang, @RequestParam(required = false) Integer diff, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Article article = knowledge.find(workspace, id);
		String language = "en".equals(lang) || "ja".equals(lang) ? lang : article.in(uiLanguage()).map(Translation::language).orElse("ja");
		List<ArticleVersion> versions = knowledge.versions(workspace, article.id(), language);
		model.addAttribute("versions", versions);
		if (diff != null && versions.stream().anyMatch(v -> v.version() == diff) && diff > 1) {
			model.addAttribute("diff", knowledge.diff(workspace, article.id(), language, diff - 1, diff));
		}
		Workspace ws = workspaces.get(workspace);
		model.addAttribute("zone", ws.timeZone());
		model.addAttribute("slug", ws.slug());
		return editor(model, workspace, article, language, null, null);
	}

	private String editor(Model model, WorkspaceId workspace, Article article, String language,
			Map<String, String> form, InvalidInputException error) {
		model.addAttribute("article", article);
		model.addAttribute("language", language);
		model.addAttribute("other", "ja".equals(language) ? "en" : "ja");
		Translation translation = article == null ? null : article.translations().get(language);
		model.addAttribute("translation", translation);
		model.addAttribute("form", form);
		model.addAttribute("error", error);
		model.addAttribute("categories", knowledge.categories(workspace));
		model.addAttribute("lang", uiLanguage());
		// the version list shows times in the workspace's zone: also when a failed save re-renders the editor
		Workspace ws = workspaces.get(workspace);
		model.addAttribute("zone", ws.timeZone());
		model.addAttribute("slug", ws.slug());
		return "knowledge/editor";
	}

	@PostMapping("/knowledge/{id}")
	String update(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam Map<String, String> form, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Article article = knowledge.find(workspace, id);
		String language = "en".equals(form.get("language")) ? "en" : "ja";
		try {
			knowledge.update(workspace, article.id(), draft(form));
			knowledge.saveTranslation(workspace, article.id(), language, text(form), user.user().email());
			knowledge.refreshIndex();
			return "redirect:/knowledge/" + article.id() + "?lang=" + language + "&saved=1";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("versions", knowledge.versions(workspace, article.id(), language));
			return editor(model, workspace, article, language, form, ex);
		}
	}

	@PostMapping("/knowledge/{id}/status")
	String status(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "ja") String lang) {
		WorkspaceId workspace = user.user().workspaceId();
		Article article = knowledge.find(workspace, id);
		knowledge.setStatus(workspace, article.id(), status);
		knowledge.refreshIndex();
		return "redirect:/knowledge/" + article.id() + "?lang=" + ("en".equals(lang) ? "en" : "ja");
	}

	@PostMapping("/knowledge/{id}/revert")
	String revert(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam(defaultValue = "ja") String lang, @RequestParam(defaultValue = "0") int version) {
		WorkspaceId workspace = user.user().workspaceId();
		Article article = knowledge.find(workspace, id);
		String language = "en".equals(lang) ? "en" : "ja";
		knowledge.revert(workspace, article.id(), language, version, user.user().email());
		knowledge.refreshIndex();
		return "redirect:/knowledge/" + article.id() + "?lang=" + language + "&saved=1";
	}

	@GetMapping("/knowledge/analytics")
	String analytics(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "30") int days,
			@RequestParam(defaultValue = "7") int within, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Workspace ws = workspaces.get(workspace);
		int period = Math.max(1, Math.min(days, 366));
		int window = Math.max(1, Math.min(within, 90));
		model.addAttribute("days", period);
		model.addAttribute("zone", ws.timeZone());
		model.addAttribute("analytics", knowledge.analytics(workspace, ws.timeZone(), period, window, uiLanguage()));
		return "knowledge/analytics";
	}

	private static ArticleDraft draft(Map<String, String> form) {
		String category = form.getOrDefault("categoryId", "");
		Long categoryId;
		try {
			categoryId = category.isBlank() ? null : Long.valueOf(category);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("categoryId: not a category");
		}
		List<String> tags = Arrays.stream(form.getOrDefault("tags", "").split("[,、，]")).map(String::strip)
			.filter(t -> !t.isEmpty()).limit(21).toList();
		return new ArticleDraft(categoryId, form.getOrDefault("visibility", "public"), tags);
	}

	private static TranslationDraft text(Map<String, String> form) {
		return new TranslationDraft(form.get("title"), form.get("slug"), form.get("description"), form.get("body"));
	}
}

package io.kizuna.feedback.requests;

import java.util.List;
import java.util.Optional;

import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequest;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.PortalLinks;
import io.kizuna.feedback.RequestDraft;
import io.kizuna.feedback.VoteDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The public feature-request portal of a workspace, {@code /ideas/{workspace}}: server-rendered, works without
 * JavaScript, no session. Anyone sees the open requests of that workspace (titles, statuses, how many voted — never
 * who); a contact who came through a signed link (token {@code t}) also votes and submits, as themselves.
 */
@Controller
class RequestPortalController {

	private final FeatureRequests requests;

	private final PortalLinks links;

	private final WorkspaceManagement workspaces;

	RequestPortalController(FeatureRequests requests, PortalLinks links, WorkspaceManagement workspaces) {
		this.requests = requests;
		this.links = links;
		this.workspaces = workspaces;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model) {
		model.addAttribute("lang", language(null, null));
		return "feedback/request-portal-missing";
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

	private Workspace workspace(String slug) {
		return workspaces.findBySlug(slug).orElseThrow(() -> new NotFoundException("No portal " + slug));
	}

	@GetMapping("/ideas/{slug}")
	String portal(@PathVariable String slug, @RequestParam(required = false) String lang,
			@RequestParam(required = false) String t, @RequestParam(required = false) String done, Model model) {
		Workspace workspace = workspace(slug);
		return render(model, workspace, language(lang, workspace), t, done, null, null);
	}

	private String render(Model model, Workspace workspace, String lang, String token, String done,
			InvalidInputException error, String[] form) {
		LocaleContextHolder.setLocale(java.util.Locale.forLanguageTag(lang));
		Optional<PortalLinks.Voter> voter = links.voter(workspace.id(), token);
		List<FeatureRequest> open = requests.board(workspace.id(), BoardSort.VOTES, null, null, null, 100, 0).stream()
			.filter(r -> !"declined".equals(r.status())).toList();
		model.addAttribute("workspace", workspace);
		model.addAttribute("lang", lang);
		model.addAttribute("other", "ja".equals(lang) ? "en" : "ja");
		model.addAttribute("requests", open);
		model.addAttribute("statusLabels", requests.statusLabels(workspace.id(), java.util.Locale.forLanguageTag(lang)));
		model.addAttribute("voter", voter.map(v -> v.contact()).orElse(null));
		model.addAttribute("token", voter.isPresent() ? token : null);
		model.addAttribute("badToken", token != null && !token.isBlank() && voter.isEmpty());
		model.addAttribute("voted", voter.map(v -> open.stream().filter(r -> requests.voted(workspace.id(), r.id(),
				v.contact().id())).map(FeatureRequest::id).toList()).orElse(List.of()));
		model.addAttribute("done", done);
		model.addAttribute("error", error);
		model.addAttribute("form", form);
		model.addAttribute("base", "/ideas/" + workspace.slug());
		return "feedback/request-portal";
	}

	@PostMapping("/ideas/{slug}/requests/{id}/vote")
	String vote(@PathVariable String slug, @PathVariable String id, @RequestParam(required = false) String t,
			@RequestParam(required = false) String lang, Model model, HttpServletResponse response) {
		Workspace workspace = workspace(slug);
		String language = language(lang, workspace);
		PortalLinks.Voter voter = links.voter(workspace.id(), t).orElse(null);
		if (voter == null) {
			return forbidden(model, workspace, language, t, response);
		}
		long requestId = RequestPagesController.id(id);
		requests.vote(workspace.id(), requestId, new VoteDraft(null, voter.contact().externalId(), language, "portal",
				null, null), voter.contact().name());
		return "redirect:/ideas/" + workspace.slug() + "?lang=" + language + "&t=" + t + "&done=voted#request-" + requestId;
	}

	@PostMapping("/ideas/{slug}/requests")
	String submit(@PathVariable String slug, @RequestParam(required = false) String t,
			@RequestParam(required = false) String lang, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String description, Model model, HttpServletResponse response) {
		Workspace workspace = workspace(slug);
		String language = language(lang, workspace);
		PortalLinks.Voter voter = links.voter(workspace.id(), t).orElse(null);
		if (voter == null) {
			return forbidden(model, workspace, language, t, response);
		}
		try {
			FeatureRequest created = requests.create(workspace.id(), new RequestDraft(title, description, null, List.of()),
					voter.contact().name() == null ? voter.contact().email() : voter.contact().name());
			requests.vote(workspace.id(), created.id(), new VoteDraft(null, voter.contact().externalId(), language,
					"portal", null, null), voter.contact().name());
			return "redirect:/ideas/" + workspace.slug() + "?lang=" + language + "&t=" + t + "&done=submitted#request-"
					+ created.id();
		}
		catch (InvalidInputException ex) {
			return render(model, workspace, language, t, null, ex, new String[] { title, description });
		}
	}

	/** A vote or a request without a valid link: 403, and the page says the link is needed. */
	private String forbidden(Model model, Workspace workspace, String language, String token,
			HttpServletResponse response) {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		return render(model, workspace, language, token, null, null, null);
	}
}

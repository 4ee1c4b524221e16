package io.kizuna.support.web;

import java.util.List;
import java.util.Locale;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.PublicVisit;
import io.kizuna.support.ArticleSuggestions;
import io.kizuna.support.FormSubmission;
import io.kizuna.support.PublicChannels;
import io.kizuna.support.Ticket;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletRequest;
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
 * The public web form {@code /contact/{workspace}}: server-rendered, works without script (htmx adds the article
 * suggestions while the subject is typed), a honeypot field, bounded fields; a visit that opened a suggested article
 * and sent nothing counts as deflected.
 */
@Controller
class WebFormController {

	private final PublicChannels channels;

	private final WorkspaceManagement workspaces;

	WebFormController(PublicChannels channels, WorkspaceManagement workspaces) {
		this.channels = channels;
		this.workspaces = workspaces;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model) {
		model.addAttribute("lang", language(null, null));
		return "support/public-missing";
	}

	private Workspace openForm(String slug) {
		Workspace workspace = workspaces.findBySlug(slug).orElseThrow(() -> new NotFoundException("no form " + slug));
		if (!channels.formOpen(workspace.id())) {
			throw new NotFoundException("no form " + slug);
		}
		return workspace;
	}

	static String language(String asked, Workspace workspace) {
		if ("ja".equals(asked) || "en".equals(asked)) {
			LocaleContextHolder.setLocale(Locale.forLanguageTag(asked));
			return asked;
		}
		String current = LocaleContextHolder.getLocale().getLanguage();
		if ("ja".equals(current) || "en".equals(current)) {
			return current;
		}
		return workspace != null && "en".equals(workspace.locale().getLanguage()) ? "en" : "ja";
	}

	private void common(Model model, Workspace workspace, String lang) {
		model.addAttribute("workspace", workspace);
		model.addAttribute("lang", lang);
		model.addAttribute("other", "ja".equals(lang) ? "en" : "ja");
		model.addAttribute("base", "/contact/" + workspace.slug());
		model.addAttribute("max", java.util.Map.of("name", PublicChannels.MAX_NAME, "email", PublicChannels.MAX_EMAIL,
				"subject", PublicChannels.MAX_SUBJECT, "body", PublicChannels.MAX_BODY));
	}

	@GetMapping("/contact/{workspace}")
	String form(@PathVariable("workspace") String slug, @RequestParam(required = false) String lang, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Workspace workspace = openForm(slug);
		common(model, workspace, language(lang, workspace));
		// the help center's session when the visitor comes from it, so its searches and this ticket are one visit
		model.addAttribute("visit", PublicVisit.of(request, response, workspace.slug()).session());
		model.addAttribute("form", new FormSubmission("", "", "", "", "", null));
		model.addAttribute("errors", List.of());
		response.setHeader("Cache-Control", "no-store");
		return "support/contact-form";
	}

	@GetMapping("/contact/{workspace}/suggestions")
	String suggestions(@PathVariable("workspace") String slug, @RequestParam(required = false) String lang,
			@RequestParam(defaultValue = "") String subject, @RequestParam(required = false) String session,
			Model model) {
		Workspace workspace = openForm(slug);
		common(model, workspace, language(lang, workspace));
		String text = subject.length() > 200 ? subject.substring(0, 200) : subject;
		ArticleSuggestions.Suggestions found = text.strip().length() < 2 ? ArticleSuggestions.Suggestions.none()
				: channels.suggest(workspace.id(), text, true, session, 5);
		model.addAttribute("suggestions", found);
		model.addAttribute("visit", session);
		model.addAttribute("asked", !text.isBlank());
		return "support/contact-suggestions :: suggestions";
	}

	/** A suggested article opened from the form: noted for the deflection, then the help center's page. */
	@GetMapping("/contact/{workspace}/articles/{id}")
	String openArticle(@PathVariable("workspace") String slug, @PathVariable String id,
			@RequestParam(required = false) String lang, @RequestParam(required = false) String session,
			@RequestParam(required = false) String search) {
		Workspace workspace = openForm(slug);
		if (!id.matches("\\d{1,18}")) {
			throw new NotFoundException("no article " + id);
		}
		channels.articleOpened(workspace.id(), session);
		String language = "en".equals(lang) ? "en" : "ja";
		return "redirect:/help/" + workspace.slug() + "/articles/" + id + "?lang=" + language
				+ (search != null && search.matches("\\d{1,18}") ? "&from=" + search : "");
	}

	@PostMapping("/contact/{workspace}")
	String submit(@PathVariable("workspace") String slug, @RequestParam(required = false) String lang,
			@RequestParam(required = false) String name, @RequestParam(required = false) String email,
			@RequestParam(required = false) String subject, @RequestParam(required = false) String body,
			@RequestParam(required = false) String website, @RequestParam(required = false) String session,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		Workspace workspace = openForm(slug);
		String language = language(lang, workspace);
		FormSubmission form = new FormSubmission(name, email, subject, body, website, session,
				PublicVisit.of(request, response, workspace.slug()).visitor());
		try {
			java.util.Optional<Ticket> ticket = channels.submit(workspace.id(), form);
			return "redirect:/contact/" + workspace.slug() + "/sent?lang=" + language
					+ ticket.map(t -> "&n=" + t.id()).orElse("");
		}
		catch (InvalidInputException ex) {
			common(model, workspace, language);
			model.addAttribute("visit", PublicVisit.valid(session) != null ? session : PublicVisit.newId());
			model.addAttribute("form", new FormSubmission(cut(name, 200), cut(email, 320), cut(subject, 200),
					cut(body, PublicChannels.MAX_BODY), "", null));
			model.addAttribute("errors", ex.errors());
			response.setStatus(400);
			return "support/contact-form";
		}
	}

	private static String cut(String value, int max) {
		return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
	}

	@GetMapping("/contact/{workspace}/sent")
	String sent(@PathVariable("workspace") String slug, @RequestParam(required = false) String lang,
			@RequestParam(required = false) String n, Model model) {
		Workspace workspace = openForm(slug);
		common(model, workspace, language(lang, workspace));
		model.addAttribute("number", n != null && n.matches("\\d{1,18}") ? n : null);
		return "support/contact-sent";
	}
}

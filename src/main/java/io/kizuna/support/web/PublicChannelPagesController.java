package io.kizuna.support.web;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.CsatSurveys;
import io.kizuna.support.PublicChannelSettings;
import io.kizuna.support.PublicChannels;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The agents' pages of the public channels: their settings (form, chat origins and embed tag, CSAT), a chat ticket's
 * live conversation and answer box, the suggested articles beside the reply box, and the CSAT and deflection report.
 */
@Controller
class PublicChannelPagesController {

	private final PublicChannels channels;

	private final CsatSurveys csat;

	private final WorkspaceManagement workspaces;

	private final UserManagement people;

	private final io.kizuna.support.SupportDesk desk;

	PublicChannelPagesController(PublicChannels channels, CsatSurveys csat, WorkspaceManagement workspaces,
			UserManagement people, io.kizuna.support.SupportDesk desk) {
		this.desk = desk;
		this.channels = channels;
		this.csat = csat;
		this.workspaces = workspaces;
		this.people = people;
	}

	@GetMapping("/support/public-channels")
	String settings(@AuthenticationPrincipal SignedInUser user, Model model, HttpServletRequest request) {
		Workspace workspace = workspaces.get(user.user().workspaceId());
		if (!model.containsAttribute("settings")) {
			model.addAttribute("settings", channels.settings(workspace.id()));
		}
		String origin = UriComponentsBuilder.fromUriString(request.getRequestURL().toString()).replacePath(null)
			.replaceQuery(null).build().toUriString();
		model.addAttribute("formUrl", origin + "/contact/" + workspace.slug());
		model.addAttribute("embed", "<script src=\"" + origin + "/chat/" + workspace.slug()
				+ "/widget.js\" data-lang=\"" + workspace.locale().getLanguage() + "\" async></script>");
		model.addAttribute("csp", "script-src " + origin + "; connect-src " + origin);
		model.addAttribute("scales", PublicChannelSettings.SCALES);
		return "support/public-channels";
	}

	@PostMapping("/support/public-channels")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "false") boolean formEnabled,
			@RequestParam(defaultValue = "false") boolean chatEnabled, @RequestParam(defaultValue = "") String origins,
			@RequestParam(defaultValue = "false") boolean csatEnabled, @RequestParam(defaultValue = "five") String scale,
			@RequestParam(required = false) String questionJa, @RequestParam(required = false) String questionEn,
			Model model, HttpServletRequest request) {
		List<String> list = origins.length() > 10_000 ? List.of("too-long")
				: Arrays.stream(origins.split("[\\s,]+")).filter(s -> !s.isBlank()).limit(100).toList();
		PublicChannelSettings settings = new PublicChannelSettings(formEnabled, chatEnabled, list, csatEnabled, scale,
				questionJa, questionEn);
		try {
			channels.save(user.user().workspaceId(), settings);
			return "redirect:/support/public-channels?saved";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("settings", settings);
			model.addAttribute("errors", ex.errors());
			model.addAttribute("origins", origins.length() > 10_000 ? origins.substring(0, 10_000) : origins);
			return settings(user, model, request);
		}
	}

	@GetMapping("/support/tickets/{id}/chat")
	String chat(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String id, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		long ticket = number(id);
		model.addAttribute("ticketId", ticket);
		desk.ticket(ws, ticket); // the workspace's own ticket, else 404
		// a ticket of another channel has an empty chat
		model.addAttribute("lines", channels.isChat(ws, ticket) ? channels.agentLines(ws, ticket, 0) : List.of());
		model.addAttribute("zone", workspaces.get(ws).timeZone());
		return "support/ticket-chat :: lines";
	}

	@PostMapping("/support/tickets/{id}/chat")
	String say(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String id,
			@RequestParam(required = false) String text,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		long ticket = number(id);
		try {
			channels.agentSays(user.user().workspaceId(), ticket, user.user(), text);
		}
		catch (InvalidInputException ex) {
			if (htmx == null) {
				redirect.addFlashAttribute("error", ex.getMessage());
			}
			model.addAttribute("chatError", true);
		}
		if (htmx == null) {
			return "redirect:/support/tickets/" + ticket;
		}
		return chat(user, id, model);
	}

	@GetMapping("/support/tickets/{id}/suggestions")
	String suggestions(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String id,
			@RequestParam(required = false) String q, Model model, HttpServletRequest request) {
		WorkspaceId ws = user.user().workspaceId();
		long ticket = number(id);
		model.addAttribute("suggestions", q == null || q.isBlank() ? channels.suggestFor(ws, ticket, 5)
				: channels.suggest(ws, q.length() > 200 ? q.substring(0, 200) : q, false, null, 5));
		model.addAttribute("ticketId", ticket);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("origin", UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
			.replacePath(null).replaceQuery(null).build().toUriString());
		return "support/ticket-suggestions :: suggestions";
	}

	/** A suggested article's text, for "insert text" in the reply box; 404 for one a customer may not be sent. */
	@GetMapping(path = "/support/tickets/{id}/suggestions/{article}/text", produces = "text/plain;charset=UTF-8")
	@org.springframework.web.bind.annotation.ResponseBody
	String articleText(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String id,
			@PathVariable("article") String article, @RequestParam(defaultValue = "ja") String lang) {
		WorkspaceId ws = user.user().workspaceId();
		desk.ticket(ws, number(id));
		return channels.articleText(ws, number(article), lang)
			.orElseThrow(() -> new io.kizuna.shared.NotFoundException("no such article"));
	}

	@GetMapping("/support/csat")
	String report(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "12") int months,
			Model model) {
		WorkspaceId ws = user.user().workspaceId();
		ZoneId zone = workspaces.get(ws).timeZone();
		int period = Math.max(1, Math.min(months, 36));
		model.addAttribute("months", period);
		model.addAttribute("report", csat.report(ws, zone, period));
		model.addAttribute("deflection", channels.deflection(ws, zone, period));
		Map<String, String> names = people.users(ws).stream()
			.collect(Collectors.toMap(u -> Long.toString(u.id()), User::displayName));
		model.addAttribute("names", names);
		return "support/csat-report";
	}

	private static long number(String id) {
		if (id == null || !id.matches("\\d{1,18}")) {
			throw new io.kizuna.shared.NotFoundException("no such ticket");
		}
		return Long.parseLong(id);
	}
}

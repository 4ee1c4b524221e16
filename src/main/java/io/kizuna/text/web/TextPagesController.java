package io.kizuna.text.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.HealthQueries;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.RisingIssue;
import io.kizuna.text.TermQuery;
import io.kizuna.text.TermRow;
import io.kizuna.text.TextAnalytics;
import io.kizuna.text.TextSettings;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * "What customers are saying": the period's terms ranked by how unusual they are, their trend and weekly chart, the
 * rising issues; the drill-down to a term's verbatims; search over all customer text; the vocabulary settings.
 */
@Controller
class TextPagesController {

	private final TextAnalytics analytics;

	private final WorkspaceManagement workspaces;

	private final AccountManagement accounts;

	private final HealthQueries health;

	private final JsonMapper json;

	TextPagesController(TextAnalytics analytics, WorkspaceManagement workspaces, AccountManagement accounts,
			HealthQueries health, JsonMapper json) {
		this.analytics = analytics;
		this.workspaces = workspaces;
		this.accounts = accounts;
		this.health = health;
		this.json = json;
	}

	private void filters(WorkspaceId workspace, TextFilters filters, Model model) {
		Workspace ws = workspaces.get(workspace);
		model.addAttribute("zone", ws.timeZone());
		model.addAttribute("currency", ws.currency().getCurrencyCode());
		model.addAttribute("filters", filters);
		model.addAttribute("sources", analytics.sources());
		model.addAttribute("periods", TextFilters.PERIODS);
		model.addAttribute("tiers", accounts.tiers(workspace).codes());
		model.addAttribute("tierVocabulary", accounts.tiers(workspace));
		model.addAttribute("bands", List.of("red", "yellow", "green"));
		model.addAttribute("segments", health.segmentChoices(workspace));
		model.addAttribute("arrBands", TextAnalytics.ARR_BANDS);
	}

	@GetMapping("/text")
	String overview(@AuthenticationPrincipal SignedInUser user, @ModelAttribute TextFilters filters,
			@RequestParam(defaultValue = "0") int unhappyPage, Model model) {
		if (unhappyPage < 0 || unhappyPage > 1_000) {
			throw new InvalidInputException("unhappyPage: 0 to 1000");
		}
		WorkspaceId workspace = user.user().workspaceId();
		filters(workspace, filters, model);
		TermQuery query = filters.query(analytics, workspace);
		List<TermRow> terms = analytics.terms(workspace, query, 40);
		model.addAttribute("terms", terms);
		List<String> charted = terms.stream().limit(6).map(TermRow::term).toList();
		model.addAttribute("chart", chart(analytics.weekly(workspace, query, charted)));
		model.addAttribute("alerts", analytics.alerts(workspace, 10));
		var unhappy = analytics.unhappyAccounts(workspace, query, unhappyPage, UNHAPPY_PAGE);
		long unhappyPages = Math.max(1, (unhappy.total() + UNHAPPY_PAGE - 1) / UNHAPPY_PAGE);
		model.addAttribute("unhappy", unhappy.items());
		model.addAttribute("unhappyPosition", List.of(unhappyPage + 1, unhappyPages));
		model.addAttribute("previousUnhappy", unhappyPage > 0 ? unhappyLink(unhappyPage - 1) : null);
		model.addAttribute("nextUnhappy", unhappyPage + 1 < unhappyPages ? unhappyLink(unhappyPage + 1) : null);
		model.addAttribute("topics", analytics.topics(workspace));
		return "text/overview";
	}

	private static final int UNHAPPY_PAGE = 20;

	/** This page with the same filters, at another page of the unhappy accounts (anchored to their panel). */
	private static String unhappyLink(int page) {
		var link = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("unhappyPage", page).build();
		return link.getPath() + "?" + link.getQuery() + "#unhappy";
	}

	@GetMapping("/text/term")
	String term(@AuthenticationPrincipal SignedInUser user, @RequestParam String term, @ModelAttribute TextFilters filters,
			Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		if (term.isBlank() || term.length() > TextAnalytics.MAX_QUERY_LENGTH) {
			throw new InvalidInputException("term: 1 to " + TextAnalytics.MAX_QUERY_LENGTH + " characters");
		}
		filters(workspace, filters, model);
		TermQuery query = filters.query(analytics, workspace);
		model.addAttribute("term", term);
		model.addAttribute("verbatims", analytics.verbatims(workspace, term, query, 100));
		model.addAttribute("chart", chart(analytics.weekly(workspace, query, List.of(term))));
		return "text/term";
	}

	@GetMapping("/text/search")
	String search(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String q, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		model.addAttribute("q", q);
		if (!q.isBlank()) {
			model.addAttribute("results", analytics.search(workspace, q, 100));
		}
		return "text/search";
	}

	@GetMapping("/text/settings")
	String settings(@AuthenticationPrincipal SignedInUser user, Model model) {
		TextSettings settings = analytics.settings(user.user().workspaceId());
		model.addAttribute("stopWords", String.join("\n", settings.stopWords()));
		model.addAttribute("synonyms", String.join("\n", settings.synonymLines()));
		model.addAttribute("productNames", String.join("\n", settings.productNames()));
		return "text/settings";
	}

	@PostMapping("/text/settings")
	String saveSettings(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String stopWords,
			@RequestParam(defaultValue = "") String synonyms, @RequestParam(defaultValue = "") String productNames,
			Model model, RedirectAttributes redirect) {
		try {
			if (stopWords.length() + synonyms.length() + productNames.length() > 200_000) {
				throw new InvalidInputException("at most 200,000 characters in all");
			}
			analytics.saveSettings(user.user().workspaceId(), new TextSettings(lines(stopWords), lines(synonyms),
					lines(productNames)));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("stopWords", stopWords);
			model.addAttribute("synonyms", synonyms);
			model.addAttribute("productNames", productNames);
			return "text/settings";
		}
		redirect.addFlashAttribute("saved", true);
		return "redirect:/text/settings";
	}

	private static List<String> lines(String text) {
		return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	/** {weeks: [ISO dates], series: [{name, data}]} for the weekly chart. */
	private String chart(Map<String, List<long[]>> weekly) {
		Map<String, Object> chart = new LinkedHashMap<>();
		List<String> weeks = weekly.values().stream().findFirst().orElse(List.of()).stream()
			.map(p -> java.time.LocalDate.ofEpochDay(p[0]).toString()).toList();
		chart.put("weeks", weeks);
		chart.put("series", weekly.entrySet().stream()
			.map(e -> Map.of("name", e.getKey(), "data", e.getValue().stream().map(p -> p[1]).toList())).toList());
		return json.writeValueAsString(chart);
	}

	static String trendArrow(String trend) {
		return switch (trend) {
			case "up" -> "↑";
			case "down" -> "↓";
			default -> "→";
		};
	}

	static long arrMajor(RisingIssue issue) {
		return issue.arrMinor();
	}
}

package io.kizuna.portfolio.web;

import io.kizuna.workspace.SignedInUser;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kizuna.health.HealthQueries;
import io.kizuna.health.SegmentChoice;
import io.kizuna.portfolio.PortfolioSection;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** Home: the portfolio at a glance, from a summary refreshed by each scoring run (its age is on the page). */
@Controller
class PortfolioController {

	private final PortfolioSummaries summaries;

	private final HealthQueries health;

	private final WorkspaceManagement workspaces;

	private final JsonMapper json;

	private final List<PortfolioSection> sections;

	PortfolioController(PortfolioSummaries summaries, HealthQueries health, WorkspaceManagement workspaces,
			JsonMapper json, List<PortfolioSection> sections) {
		this.summaries = summaries;
		this.health = health;
		this.workspaces = workspaces;
		this.json = json;
		this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(PortfolioSection::order)).toList();
	}

	@GetMapping("/")
	String portfolio(@AuthenticationPrincipal SignedInUser signedIn,
			@RequestParam(required = false) String segment, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		// The saved segment the page is narrowed to (the accounts list's ?segment=<key>), or every account.
		List<SegmentChoice> segments = health.segmentChoices(workspace);
		SegmentChoice chosen = SegmentChoice.named(segments, segment);
		PortfolioSummaries.Summary summary = chosen == null ? summaries.get(workspace)
				: summaries.forSegment(workspace, chosen.id());
		model.addAttribute("segments", segments);
		model.addAttribute("segment", chosen);
		var figures = summary.figures() == null
				? new HealthQueries.PortfolioFigures(null, 0, 0, 0, 0, 0) : summary.figures();
		var portfolio = summary.health();
		ZoneId zone = workspaces.get(workspace).timeZone();
		model.addAttribute("user", signedIn.user());
		model.addAttribute("currency", workspaces.get(workspace).currency().getCurrencyCode());
		model.addAttribute("scoredOn", figures.day());
		model.addAttribute("computedAt", summary.computedAt().atZone(zone).toLocalDateTime());
		model.addAttribute("accounts", figures.accounts());
		model.addAttribute("liveAccounts", figures.liveAccounts());
		model.addAttribute("mrr", figures.arrMinor() / 12);
		model.addAttribute("arr", figures.arrMinor());
		model.addAttribute("revenueAtRisk", figures.revenueAtRiskMinor());
		model.addAttribute("bands", portfolio.bands());
		model.addAttribute("signalsThisWeek", portfolio.signalsThisWeek());
		model.addAttribute("newSignals", portfolio.signalsThisWeek().values().stream().mapToInt(Integer::intValue).sum());
		model.addAttribute("renewals", summary.renewals());
		model.addAttribute("renewalCount", figures.renewalsWithin90Days());
		model.addAttribute("topRisk", summary.topRisk());
		model.addAttribute("bandChart", json.writeValueAsString(Map.of("red", portfolio.bands().getOrDefault("red", 0),
				"yellow", portfolio.bands().getOrDefault("yellow", 0), "green", portfolio.bands().getOrDefault("green", 0))));
		model.addAttribute("mrrChart", json.writeValueAsString(summary.months().stream()
			.map(m -> Map.of("month", m.month().toString(), "closing", m.closingMinor(), "new", m.newMinor(),
					"expansion", m.expansionMinor(), "contraction", m.contractionMinor(), "churn", m.churnMinor()))
			.toList()));
		List<Map<String, Object>> shown = new java.util.ArrayList<>();
		// The contributed sections are the whole workspace's: under a segment's name they are left out, not shown
		// as though they were its members'.
		for (PortfolioSection section : chosen == null ? sections : List.<PortfolioSection>of()) {
			Map<String, Object> sectionModel = section.model(workspace);
			if (!sectionModel.isEmpty()) {
				shown.add(Map.of("template", section.template(), "fragment", section.fragment(), "model", sectionModel));
			}
		}
		model.addAttribute("sections", shown);
		return "portfolio/portfolio";
	}
}

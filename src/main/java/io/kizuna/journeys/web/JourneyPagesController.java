package io.kizuna.journeys.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.journeys.Journey;
import io.kizuna.journeys.JourneyManagement;
import io.kizuna.journeys.JourneyManagement.RuleDraft;
import io.kizuna.journeys.JourneyQuery;
import io.kizuna.journeys.Stage;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/** The journey view, the stages and rules page, and the account 360 stage control's actions. */
@Controller
class JourneyPagesController {

	private final JourneyManagement journeys;

	private final AccountManagement accounts;

	private final JourneyErrors errors;

	private final MessageSource messages;

	private final JsonMapper json;

	JourneyPagesController(JourneyManagement journeys, AccountManagement accounts, JourneyErrors errors,
			MessageSource messages, JsonMapper json) {
		this.journeys = journeys;
		this.accounts = accounts;
		this.errors = errors;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/journeys")
	String journey(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String signupMonth,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String plan, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		Locale locale = LocaleContextHolder.getLocale();
		JourneyQuery query;
		try {
			query = JourneysController.query(journeys.zone(workspace), bounded(from), bounded(to), bounded(signupMonth),
					bounded(tier), bounded(plan));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", errors.describe(ex, locale));
			query = JourneysController.query(journeys.zone(workspace), null, null, null, null, null);
		}
		Journey journey;
		try {
			journey = journeys.journey(workspace, query);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", errors.describe(ex, locale));
			query = JourneysController.query(journeys.zone(workspace), null, null, null, null, null);
			journey = journeys.journey(workspace, query);
		}
		StageLabels labels = new StageLabels(journeys.stageLabels(workspace), locale, messages);
		model.addAttribute("query", query);
		model.addAttribute("journey", journey);
		model.addAttribute("labels", labels);
		model.addAttribute("stages", journeys.stages(workspace));
		model.addAttribute("tiers", accounts.tiers(workspace).terms());
		model.addAttribute("sankey", sankey(journey, labels, locale));
		return "journeys/journey";
	}

	/** The Sankey's nodes (a stage at a step, e.g. "2 · Adoption") and links; unique names keep it acyclic. */
	private String sankey(Journey journey, StageLabels labels, Locale locale) {
		Set<String> nodes = new LinkedHashSet<>();
		List<Map<String, Object>> links = new ArrayList<>();
		for (Journey.Link link : journey.links()) {
			String source = node(link.step(), labels.of(link.from()));
			String target = node(link.step() + 1, labels.of(link.to()));
			nodes.add(source);
			nodes.add(target);
			links.add(Map.of("source", source, "target", target, "value", link.accounts()));
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("nodes", nodes.stream().map(n -> Map.of("name", n)).toList());
		chart.put("links", links);
		chart.put("unit", messages.getMessage("journeys.accounts", null, locale));
		return json.writeValueAsString(chart);
	}

	private static String node(int step, String label) {
		return (step + 1) + " · " + label;
	}

	@GetMapping("/journeys/stages")
	String stages(@AuthenticationPrincipal SignedInUser user, Model model) {
		return renderStages(user.user().workspaceId(), model, null, null);
	}

	private String renderStages(WorkspaceId workspace, Model model, String error, List<RuleDraft> edited) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Stage> stages = journeys.stages(workspace);
		model.addAttribute("stages", stages);
		model.addAttribute("labels", new StageLabels(journeys.stageLabels(workspace), locale, messages));
		List<RuleDraft> rules = edited != null ? edited
				: journeys.rules(workspace).stream().map(r -> new RuleDraft(r.definition(), r.stage())).toList();
		List<RuleDraft> shown = new ArrayList<>(rules);
		shown.add(new RuleDraft("", ""));
		model.addAttribute("rules", shown);
		model.addAttribute("error", error);
		return "journeys/stages";
	}

	@PostMapping("/journeys/stages")
	String addStage(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String code,
			@RequestParam(required = false) String labelJa, @RequestParam(required = false) String labelEn,
			@RequestParam(required = false) String stallDays, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		try {
			journeys.addStage(workspace, bounded(code), bounded(labelJa), bounded(labelEn), days(stallDays));
			return "redirect:/journeys/stages";
		}
		catch (InvalidInputException | ConflictException ex) {
			return renderStages(workspace, model, errors.describe(ex, LocaleContextHolder.getLocale()), null);
		}
	}

	@PostMapping("/journeys/stages/{code}")
	String updateStage(@AuthenticationPrincipal SignedInUser user, @PathVariable String code,
			@RequestParam(required = false) String labelJa, @RequestParam(required = false) String labelEn,
			@RequestParam(required = false) String stallDays, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		try {
			journeys.updateStage(workspace, code, bounded(labelJa), bounded(labelEn), days(stallDays));
			return "redirect:/journeys/stages";
		}
		catch (InvalidInputException | ConflictException ex) {
			return renderStages(workspace, model, errors.describe(ex, LocaleContextHolder.getLocale()), null);
		}
	}

	@PostMapping("/journeys/stages/{code}/move")
	String moveStage(@AuthenticationPrincipal SignedInUser user, @PathVariable String code, @RequestParam int by) {
		journeys.moveStage(user.user().workspaceId(), code, by);
		return "redirect:/journeys/stages";
	}

	@PostMapping("/journeys/stages/{code}/remove")
	String removeStage(@AuthenticationPrincipal SignedInUser user, @PathVariable String code,
			@RequestParam(required = false) String moveTo, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		try {
			journeys.removeStage(workspace, code, bounded(moveTo), user.user().id());
			return "redirect:/journeys/stages";
		}
		catch (InvalidInputException | ConflictException ex) {
			return renderStages(workspace, model, errors.describe(ex, LocaleContextHolder.getLocale()), null);
		}
	}

	@PostMapping("/journeys/rules")
	String saveRules(@AuthenticationPrincipal SignedInUser user,
			@RequestParam(name = "definition", required = false) List<String> definitions,
			@RequestParam(name = "stage", required = false) List<String> stages, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		List<RuleDraft> drafts = new ArrayList<>();
		int n = definitions == null ? 0 : Math.min(definitions.size(), JourneyManagement.MAX_RULES + 1);
		for (int i = 0; i < n; i++) {
			String definition = definitions.get(i) == null ? "" : definitions.get(i).strip();
			String stage = stages != null && i < stages.size() ? stages.get(i) : null;
			if (!definition.isEmpty()) {
				drafts.add(new RuleDraft(definition.length() > 4001 ? definition.substring(0, 4001) : definition,
						bounded(stage)));
			}
		}
		try {
			journeys.saveRules(workspace, drafts);
			return "redirect:/journeys/stages";
		}
		catch (InvalidInputException ex) {
			return renderStages(workspace, model, errors.describe(ex, LocaleContextHolder.getLocale()), drafts);
		}
	}

	@PostMapping("/journeys/accounts/{externalId}/stage")
	String setStage(@AuthenticationPrincipal SignedInUser user, @PathVariable String externalId,
			@RequestParam(required = false) String stage, @RequestParam(required = false) String hold,
			RedirectAttributes redirect) {
		try {
			journeys.setStage(user.user().workspaceId(), externalId, bounded(stage), user.user().id(), hold != null);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("stageError", errors.describe(ex, LocaleContextHolder.getLocale()));
		}
		return "redirect:/accounts/" + UriUtils.encodePathSegment(externalId, java.nio.charset.StandardCharsets.UTF_8)
				+ "#stage-panel";
	}

	@PostMapping("/journeys/accounts/{externalId}/release")
	String release(@AuthenticationPrincipal SignedInUser user, @PathVariable String externalId) {
		journeys.release(user.user().workspaceId(), externalId);
		return "redirect:/accounts/" + UriUtils.encodePathSegment(externalId, java.nio.charset.StandardCharsets.UTF_8)
				+ "#stage-panel";
	}

	private static Integer days(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("journeys.error.stallDays");
		}
	}

	private static String bounded(String value) {
		return value == null ? null : value.length() > 201 ? value.substring(0, 201) : value;
	}
}

package io.kizuna.onboarding.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.onboarding.Milestone;
import io.kizuna.onboarding.MilestoneKind;
import io.kizuna.onboarding.OnboardingCohort;
import io.kizuna.onboarding.OnboardingManagement;
import io.kizuna.onboarding.OnboardingPlan;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
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

/** The plans list and editor, the cohort view, and marking a milestone done from the account 360 panel. */
@Controller
class OnboardingPagesController {

	static final int BLANK_ROWS = 2;

	/** The editor's "add milestone" button: the form comes back with one more blank row, nothing saved. */
	static final String ADD_ROW = "add-milestone";

	/**
	 * Rows read from a posted form at most: more than a plan may keep, so that a longer plan is refused with its
	 * reason, yet a bound on the work a hostile form can ask for.
	 */
	static final int MAX_FORM_ROWS = 4 * OnboardingPlan.MAX_MILESTONES;

	private static final java.util.regex.Pattern ROW_KEY = java.util.regex.Pattern.compile("m(\\d{1,4})\\.key");

	private final OnboardingManagement onboarding;

	private final AccountManagement accounts;

	private final JsonMapper json;

	OnboardingPagesController(OnboardingManagement onboarding, AccountManagement accounts, JsonMapper json) {
		this.onboarding = onboarding;
		this.accounts = accounts;
		this.json = json;
	}

	@GetMapping("/onboarding")
	String plans(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String saved,
			@RequestParam(required = false) String deleted, Model model) {
		model.addAttribute("plans", onboarding.plans(user.user().workspaceId()));
		model.addAttribute("tiers", accounts.tiers(user.user().workspaceId()));
		model.addAttribute("saved", saved != null);
		model.addAttribute("deleted", deleted != null);
		return "onboarding/plans";
	}

	@GetMapping("/onboarding/plans/new")
	String newPlan(@AuthenticationPrincipal SignedInUser user, Model model) {
		return editor(user.user().workspaceId(), model, null,
				new OnboardingPlan("", "", "", "default", "", List.of()), null, null);
	}

	@GetMapping("/onboarding/plans/{key}")
	String plan(@AuthenticationPrincipal SignedInUser user, @PathVariable String key, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		return editor(workspace, model, key, onboarding.plan(workspace, key), null, null);
	}

	@PostMapping("/onboarding/plans")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		if (ADD_ROW.equals(form.get("action"))) {
			return withAnotherRow(user.user().workspaceId(), null, form, model);
		}
		return save(user.user().workspaceId(), null, form, model);
	}

	@PostMapping("/onboarding/plans/{key}")
	String update(@AuthenticationPrincipal SignedInUser user, @PathVariable String key,
			@RequestParam Map<String, String> form, Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		onboarding.plan(workspace, key);
		if (ADD_ROW.equals(form.get("action"))) {
			return withAnotherRow(workspace, key, form, model);
		}
		return save(workspace, key, form, model);
	}

	@PostMapping("/onboarding/plans/{key}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable String key) {
		onboarding.deletePlan(user.user().workspaceId(), key);
		return "redirect:/onboarding?deleted";
	}

	@GetMapping("/onboarding/cohorts")
	String cohorts(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "12") int months,
			Locale locale, Model model) {
		int bounded = Math.max(1, Math.min(36, months));
		List<OnboardingCohort> cohorts = onboarding.cohorts(user.user().workspaceId(), locale, bounded);
		List<Map<String, Object>> points = new ArrayList<>();
		for (OnboardingCohort c : cohorts) {
			points.add(Map.of("month", c.month(), "plan", c.planName(), "rate",
					c.completionRate() == null ? 0 : c.completionRate(), "median",
					c.medianDaysToFirstValue() == null ? "" : c.medianDaysToFirstValue()));
		}
		model.addAttribute("cohorts", cohorts.stream()
			.map(c -> new CohortRow(c, java.time.YearMonth.parse(c.month()))).toList());
		model.addAttribute("months", bounded);
		model.addAttribute("cohortChart", json.writeValueAsString(points));
		return "onboarding/cohorts";
	}

	/** A cohort with its month as a value, for the month in the reader's language. */
	record CohortRow(OnboardingCohort cohort, java.time.YearMonth yearMonth) {
	}

	@PostMapping("/onboarding/accounts/{externalId}/milestones/{milestoneKey}")
	String markDone(@AuthenticationPrincipal SignedInUser user, @PathVariable String externalId,
			@PathVariable String milestoneKey, @RequestParam(required = false) String completedOn,
			@RequestParam(required = false) String undo, RedirectAttributes redirect) {
		WorkspaceId workspace = user.user().workspaceId();
		accounts.account(workspace, externalId);
		if (undo != null) {
			onboarding.unmark(workspace, externalId, milestoneKey);
		}
		else {
			LocalDate day;
			try {
				day = completedOn == null || completedOn.isBlank() ? null : LocalDate.parse(completedOn.trim());
			}
			catch (java.time.format.DateTimeParseException ex) {
				day = LocalDate.MAX;
			}
			try {
				onboarding.markDone(workspace, externalId, milestoneKey, day, user.user().id());
			}
			catch (InvalidInputException ex) {
				redirect.addFlashAttribute("onboardingError", ex.getMessage());
			}
		}
		return "redirect:/accounts/" + UriUtils.encodePathSegment(externalId, java.nio.charset.StandardCharsets.UTF_8)
				+ "#onboarding-title";
	}

	private String save(WorkspaceId workspace, String key, Map<String, String> form, Model model) {
		OnboardingPlan draft = fromForm(form);
		try {
			OnboardingPlan saved = onboarding.savePlan(workspace, key, draft);
			return "redirect:/onboarding?saved=" + UriUtils.encodeQueryParam(saved.key(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (InvalidInputException | ConflictException ex) {
			List<String> errors = ex instanceof InvalidInputException invalid && !invalid.errors().isEmpty()
					? invalid.errors() : List.of(ex.getMessage());
			return editor(workspace, model, key, draft, errors, null);
		}
	}

	/**
	 * The form as posted, every row kept (a row without a key too, so nothing typed is lost), and one blank row more
	 * unless the plan's bound is reached; the new row's key field takes the focus.
	 */
	private String withAnotherRow(WorkspaceId workspace, String key, Map<String, String> form, Model model) {
		OnboardingPlan posted = fromForm(form, true);
		List<Milestone> rows = new ArrayList<>(posted.milestones());
		Integer focus = null;
		if (rows.size() < OnboardingPlan.MAX_MILESTONES) {
			rows.add(blank());
			focus = rows.size() - 1;
		}
		return editor(workspace, model, key, posted, null, new Editor(rows, focus));
	}

	/** The rows the editor shows, and the row whose key field takes the focus (none: null). */
	record Editor(List<Milestone> rows, Integer focus) {
	}

	private static Milestone blank() {
		return new Milestone("", "", "", MilestoneKind.EVENT_COUNT, "", 1, 30, 14, false);
	}

	/** The editor: the plan's milestones and {@link #BLANK_ROWS} blank rows, unless {@code shown} says which rows. */
	private String editor(WorkspaceId workspace, Model model, String key, OnboardingPlan plan, List<String> errors,
			Editor shown) {
		List<Milestone> rows = new ArrayList<>(plan.milestones());
		if (shown != null) {
			rows = shown.rows();
		}
		else {
			for (int i = 0; i < BLANK_ROWS; i++) {
				rows.add(blank());
			}
		}
		model.addAttribute("focusRow", shown == null ? null : shown.focus());
		model.addAttribute("maxMilestones", OnboardingPlan.MAX_MILESTONES);
		model.addAttribute("key", key);
		model.addAttribute("plan", plan);
		model.addAttribute("rows", rows);
		model.addAttribute("kinds", MilestoneKind.values());
		model.addAttribute("tiers", accounts.tiers(workspace));
		model.addAttribute("errors", errors == null ? List.of() : errors);
		return "onboarding/plan";
	}

	/** The editor's form: rows m0…mN (a row without a key is left out), firstValue names the row index. */
	static OnboardingPlan fromForm(Map<String, String> form) {
		return fromForm(form, false);
	}

	/**
	 * The editor's form: rows mI in the order of their index I (rows added in the browser may leave gaps), at most
	 * {@link #MAX_FORM_ROWS}; {@code keepBlank}: a row without a key is kept, else left out. firstValue names a row's
	 * index.
	 */
	static OnboardingPlan fromForm(Map<String, String> form, boolean keepBlank) {
		List<Milestone> milestones = new ArrayList<>();
		String firstValue = form.getOrDefault("firstValue", "");
		List<Integer> indexes = form.keySet().stream()
			.map(ROW_KEY::matcher)
			.filter(java.util.regex.Matcher::matches)
			.map(m -> Integer.parseInt(m.group(1)))
			.sorted()
			.limit(MAX_FORM_ROWS)
			.toList();
		for (int i : indexes) {
			String p = "m" + i + ".";
			String key = bounded(form.get(p + "key"));
			if (!keepBlank && (key == null || key.isBlank())) {
				continue;
			}
			MilestoneKind kind;
			try {
				kind = MilestoneKind.fromCode(form.getOrDefault(p + "kind", "manual"));
			}
			catch (InvalidInputException ex) {
				kind = MilestoneKind.MANUAL;
			}
			milestones.add(new Milestone(key == null ? "" : key.trim(), bounded(form.get(p + "nameJa")),
					bounded(form.get(p + "nameEn")), kind, bounded(form.get(p + "eventName")), number(form.get(p + "count")),
					number(form.get(p + "withinDays")), number(form.get(p + "dueDay")), firstValue.equals(String.valueOf(i))));
		}
		return new OnboardingPlan(trim(bounded(form.get("key"))), bounded(form.get("nameJa")), bounded(form.get("nameEn")),
				bounded(form.get("scope")), bounded(form.get("scopeValue")), milestones);
	}

	private static int number(String value) {
		try {
			return value == null || value.isBlank() ? -1 : Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String trim(String value) {
		return value == null ? null : value.trim();
	}

	private static String bounded(String value) {
		return value == null ? null : value.length() > 201 ? value.substring(0, 201) : value;
	}
}

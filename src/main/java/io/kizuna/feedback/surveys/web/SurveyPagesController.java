package io.kizuna.feedback.surveys.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.feedback.Survey;
import io.kizuna.feedback.SurveyDelivery;
import io.kizuna.feedback.SurveyDraft;
import io.kizuna.feedback.SurveyFollowUps;
import io.kizuna.feedback.SurveyManagement;
import io.kizuna.feedback.SurveyReports;
import io.kizuna.feedback.SurveyReports.Scope;
import io.kizuna.feedback.SurveyReports.VerbatimFilter;
import io.kizuna.feedback.SurveyResponse;
import io.kizuna.feedback.SurveyResults;
import io.kizuna.feedback.SurveySendResult;
import io.kizuna.feedback.SurveySettings;
import io.kizuna.feedback.VocSection;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
import tools.jackson.databind.json.JsonMapper;

/** The VoC overview, the survey list, one survey's results and sending, a response with its follow-ups, exports. */
@Controller
class SurveyPagesController {

	private final SurveyManagement surveys;

	private final SurveyReports reports;

	private final SurveyFollowUps followUps;

	private final SurveyDelivery delivery;

	private final List<VocSection> sections;

	private final SegmentManagement segments;

	private final TaskManagement tasks;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	private final JsonMapper json;

	SurveyPagesController(SurveyManagement surveys, SurveyReports reports, SurveyFollowUps followUps,
			SurveyDelivery delivery, List<VocSection> sections, SegmentManagement segments, TaskManagement tasks,
			WorkspaceManagement workspaces, MessageSource messages, JsonMapper json) {
		this.surveys = surveys;
		this.reports = reports;
		this.followUps = followUps;
		this.delivery = delivery;
		this.sections = sections.stream().sorted(Comparator.comparingInt(VocSection::order)).toList();
		this.segments = segments;
		this.tasks = tasks;
		this.workspaces = workspaces;
		this.messages = messages;
		this.json = json;
	}

	private static WorkspaceId ws(SignedInUser user) {
		return user.user().workspaceId();
	}

	private static int months(Integer months) {
		return months == null ? 12 : Math.max(1, Math.min(months, 36));
	}

	/** The errors of a refused input, each as its field's label in the page's language. */
	private List<String> errors(InvalidInputException ex) {
		Locale locale = LocaleContextHolder.getLocale();
		List<String> shown = new ArrayList<>();
		for (String e : ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors()) {
			String field = e.contains(":") ? e.substring(0, e.indexOf(':')).replaceAll("\\..*", "") : "other";
			String label = messages.getMessage("feedback.survey.error." + field, null,
					messages.getMessage("feedback.survey.error.other", null, locale), locale);
			if (!shown.contains(label)) {
				shown.add(label);
			}
		}
		return shown;
	}

	@GetMapping("/feedback")
	String overview(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) Integer months,
			Model model) {
		int m = months(months);
		List<Map<String, Object>> shown = new ArrayList<>();
		for (VocSection s : sections) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("template", s.template());
			one.put("fragment", s.fragment());
			one.put("model", s.model(ws(user), m));
			shown.add(one);
		}
		model.addAttribute("sections", shown);
		model.addAttribute("months", m);
		model.addAttribute("zone", workspaces.get(ws(user)).timeZone());
		return "feedback/voc";
	}

	@GetMapping("/feedback/surveys")
	String list(@AuthenticationPrincipal SignedInUser user, Model model) {
		WorkspaceId ws = ws(user);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Survey s : surveys.surveys(ws)) {
			rows.add(Map.of("survey", s, "results", reports.results(ws, Scope.survey(s), 12)));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("settings", surveys.settings(ws));
		return "feedback/surveys";
	}

	@PostMapping("/feedback/surveys/settings")
	String settings(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "30") String minGapDays,
			@RequestParam(required = false) String skipOpenTickets, RedirectAttributes redirect) {
		try {
			int gap = minGapDays.matches("\\d{1,4}") ? Integer.parseInt(minGapDays) : -1;
			surveys.saveSettings(ws(user), new SurveySettings(gap, skipOpenTickets != null));
			redirect.addFlashAttribute("saved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors(ex));
		}
		return "redirect:/feedback/surveys";
	}

	@GetMapping("/feedback/surveys/new")
	String newSurvey(@RequestParam(defaultValue = "nps") String kind, Model model) {
		String k = kind != null && Survey.KINDS.contains(kind) ? kind : "nps";
		model.addAttribute("kind", k);
		model.addAttribute("template", SurveyManagement.template(k));
		model.addAttribute("kinds", Survey.KINDS);
		return "feedback/survey-new";
	}

	/**
	 * Creates a survey from the standard questions of its kind, with the texts as edited on the form; custom
	 * question sets go through the REST API.
	 */
	@PostMapping("/feedback/surveys")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		String kind = form.get("kind") != null && Survey.KINDS.contains(form.get("kind")) ? form.get("kind") : "nps";
		Survey.Definition base = SurveyManagement.template(kind);
		List<Survey.Question> questions = new ArrayList<>();
		for (Survey.Question q : base.questions()) {
			Map<String, String> text = new LinkedHashMap<>(q.text());
			for (String lang : List.of("ja", "en")) {
				String edited = form.get("q." + q.id() + "." + lang);
				if (edited != null) {
					text.put(lang, edited.strip());
				}
			}
			questions.add(new Survey.Question(q.id(), q.type(), q.min(), q.max(), text, q.options(), q.followUps(),
					q.required()));
		}
		Map<String, String> thanks = new LinkedHashMap<>(base.thanks());
		for (String lang : List.of("ja", "en")) {
			if (form.get("thanks." + lang) != null) {
				thanks.put(lang, form.get("thanks." + lang).strip());
			}
		}
		try {
			Survey s = surveys.create(ws(user), new SurveyDraft(kind, form.get("name"), form.get("defaultLanguage"),
					new Survey.Definition(questions, thanks), number(form.get("repeatDays")),
					number(form.get("reminderDays")), number(form.get("maxReminders")), number(form.get("expiresDays")),
					number(form.get("scheduleDays")), null));
			return "redirect:/feedback/surveys/" + s.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", errors(ex));
			model.addAttribute("kind", kind);
			model.addAttribute("template", new Survey.Definition(questions, thanks));
			model.addAttribute("kinds", Survey.KINDS);
			model.addAttribute("form", form);
			return "feedback/survey-new";
		}
	}

	private static Integer number(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip().matches("\\d{1,5}") ? Integer.valueOf(value.strip()) : -1;
	}

	@GetMapping("/feedback/surveys/{id:\\d+}")
	String survey(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(required = false) Integer months, @RequestParam(defaultValue = "segment") String by,
			@RequestParam(required = false) String band, @RequestParam(required = false) String q,
			@RequestParam(required = false) String account, Model model) {
		WorkspaceId ws = ws(user);
		Survey s = surveys.survey(ws, id);
		int m = months(months);
		String dimension = by != null && SurveyReports.DIMENSIONS.contains(by) ? by : "segment";
		SurveyResults results = reports.results(ws, Scope.survey(s), m);
		model.addAttribute("survey", s);
		model.addAttribute("months", m);
		model.addAttribute("results", results);
		model.addAttribute("chart", chart(results));
		model.addAttribute("by", dimension);
		model.addAttribute("dimensions", SurveyReports.DIMENSIONS);
		model.addAttribute("groups", reports.breakdown(ws, Scope.survey(s), dimension, m));
		model.addAttribute("arrBands", reports.arrBands(ws));
		model.addAttribute("currency", workspaces.get(ws).currency().getCurrencyCode());
		String shownBand = band != null && List.of("promoter", "passive", "detractor").contains(band) ? band : null;
		String text = q == null || q.length() > 200 ? null : q;
		model.addAttribute("band", shownBand);
		model.addAttribute("q", text);
		model.addAttribute("account", account);
		model.addAttribute("verbatims", reports.verbatims(ws,
				new VerbatimFilter(id, null, shownBand, null, null, text, account, null, 50)));
		model.addAttribute("counts", surveys.deliveryCounts(ws, id));
		model.addAttribute("segments", segments.list(ws));
		model.addAttribute("zone", workspaces.get(ws).timeZone());
		model.addAttribute("embedUrl", delivery.publicUrl() + "/s/embed.js");
		return "feedback/survey";
	}

	private String chart(SurveyResults results) {
		return json.writeValueAsString(results.months().stream().map(mo -> {
			Map<String, Object> p = new LinkedHashMap<>();
			p.put("month", mo.month().toString());
			p.put("score", mo.score());
			p.put("responses", mo.responses());
			return p;
		}).toList());
	}

	@PostMapping("/feedback/surveys/{id}/send")
	String send(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String contacts,
			RedirectAttributes redirect) {
		try {
			Long segmentId = segment == null || segment.isBlank() || !segment.matches("\\d{1,18}") ? null : Long.valueOf(segment);
			List<String> list = contacts == null || contacts.isBlank() ? null
					: Arrays.stream(contacts.split("[\\s,;]+")).filter(c -> !c.isBlank()).toList();
			SurveySendResult result = surveys.send(ws(user), id, segmentId, list);
			redirect.addFlashAttribute("sent", result);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors(ex));
		}
		return "redirect:/feedback/surveys/" + id;
	}

	@PostMapping("/feedback/surveys/{id}/status")
	String status(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @RequestParam String status) {
		surveys.setStatus(ws(user), id, status);
		return "redirect:/feedback/surveys/" + id;
	}

	@GetMapping("/feedback/responses/{id:\\d+}")
	String response(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, Model model) {
		WorkspaceId ws = ws(user);
		SurveyResponse r = reports.response(ws, id);
		Survey s = surveys.survey(ws, r.surveyId());
		List<Map<String, Object>> loop = new ArrayList<>();
		for (SurveyResponse.FollowUp f : reports.followUps(ws, id)) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("followUp", f);
			row.put("task", tasks.list(ws, null, null, r.accountExternalId(), 500).stream()
				.filter(t -> t.id() == f.taskId()).findFirst().orElse(null));
			loop.add(row);
		}
		model.addAttribute("response", r);
		model.addAttribute("survey", s);
		model.addAttribute("loop", loop);
		model.addAttribute("zone", workspaces.get(ws).timeZone());
		return "feedback/survey-response";
	}

	@PostMapping("/feedback/responses/{id}/follow-up")
	String followUp(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(required = false) String title, RedirectAttributes redirect) {
		WorkspaceId ws = ws(user);
		SurveyResponse r = reports.response(ws, id);
		String t = title == null || title.isBlank() ? messages.getMessage("feedback.survey.followUpTitle",
				new Object[] { r.surveyName() }, LocaleContextHolder.getLocale()) : title;
		try {
			Task task = followUps.open(ws, id, t, user.user().id());
			redirect.addFlashAttribute("task", task.id());
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", errors(ex));
		}
		return "redirect:/feedback/responses/" + id;
	}

	@GetMapping("/feedback/surveys/{id:\\d+}/responses.csv")
	void responsesCsv(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, HttpServletResponse response)
			throws IOException {
		WorkspaceId ws = ws(user);
		Survey s = surveys.survey(ws, id);
		csv(response, "survey-" + id + "-responses.csv", csv -> reports.forEachResponse(ws, s.id(), r -> row(csv, r)));
	}

	@GetMapping("/feedback/verbatims.csv")
	void verbatimsCsv(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String band,
			HttpServletResponse response) throws IOException {
		WorkspaceId ws = ws(user);
		String b = band != null && List.of("promoter", "passive", "detractor").contains(band) ? band : null;
		List<SurveyResponse> rows = reports.verbatims(ws, new VerbatimFilter(null, null, b, null, null, null, null, null, 500));
		csv(response, "verbatims.csv", csv -> rows.forEach(r -> row(csv, r)));
	}

	private interface Rows {
		void write(CSVPrinter csv);
	}

	private static void csv(HttpServletResponse response, String name, Rows rows) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
		Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			csv.printRecord("response_id", "survey_id", "survey", "kind", "score", "comment", "contact_email",
					"account_external_id", "account", "language", "source", "responded_at");
			rows.write(csv);
		}
	}

	private static void row(CSVPrinter csv, SurveyResponse r) {
		try {
			// a cell that a spreadsheet would run as a formula is quoted as text
			csv.printRecord(r.id(), r.surveyId(), safe(r.surveyName()), r.kind(), r.score(), safe(r.comment()),
					safe(r.contactEmail()), safe(r.accountExternalId()), safe(r.accountName()), r.language(), r.source(),
					r.respondedAt());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String safe(String value) {
		return value == null ? "" : io.kizuna.shared.SpreadsheetCells.neutralise(value);
	}
}

package io.kizuna.support.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.ReplyOutbox;
import io.kizuna.support.SlaReport;
import io.kizuna.support.SupportDesk;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
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

/** The SLA report (page and CSV) and sending a failed reply again. */
@Controller
class SlaPagesController {

	private final SlaReport report;

	private final ReplyOutbox outbox;

	private final SupportDesk desk;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	private final io.kizuna.calendars.SlaPolicyManagement policies;

	SlaPagesController(SlaReport report, ReplyOutbox outbox, SupportDesk desk, WorkspaceManagement workspaces,
			MessageSource messages, io.kizuna.calendars.SlaPolicyManagement policies) {
		this.policies = policies;
		this.report = report;
		this.outbox = outbox;
		this.desk = desk;
		this.workspaces = workspaces;
		this.messages = messages;
	}

	@GetMapping("/support/sla-report")
	String report(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "12") String months,
			Model model) {
		WorkspaceId ws = user.user().workspaceId();
		int n = months(months);
		ZoneId zone = workspaces.get(ws).timeZone();
		Map<String, List<SlaReport.Row>> rows = report.report(ws, zone, n).stream()
			.collect(Collectors.groupingBy(SlaReport.Row::dimension));
		model.addAttribute("months", n);
		model.addAttribute("policyNames", policies.list(ws).stream()
			.collect(Collectors.toMap(io.kizuna.calendars.SlaPolicy::key, io.kizuna.calendars.SlaPolicy::name)));
		model.addAttribute("byPolicy", rows.getOrDefault("policy", List.of()));
		model.addAttribute("byPriority", rows.getOrDefault("priority", List.of()));
		model.addAttribute("byMonth", rows.getOrDefault("month", List.of()));
		return "support/sla-report";
	}

	@GetMapping("/support/sla-report.csv")
	void csv(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "12") String months,
			HttpServletResponse response) throws IOException {
		WorkspaceId ws = user.user().workspaceId();
		List<SlaReport.Row> rows = report.report(ws, workspaces.get(ws).timeZone(), months(months));
		Locale locale = LocaleContextHolder.getLocale();
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"sla-report.csv\"");
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write('\uFEFF'); // Excel opens UTF-8 Japanese text right only with the mark
			CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
			csv.printRecord(List.of("dimension", "key", "tickets", "first_response_met", "first_response_breached",
					"first_response_attainment", "resolution_met", "resolution_breached", "resolution_attainment",
					"first_response_median_minutes", "first_response_p90_minutes", "resolution_median_minutes",
					"resolution_p90_minutes").stream().map(h -> messages.getMessage("support.sla.csv." + h, null, h, locale))
				.toList());
			for (SlaReport.Row r : rows) {
				csv.printRecord(messages.getMessage("support.sla.dimension." + r.dimension(), null, locale),
						r.dimension().equals("priority") ? messages.getMessage("support.priority." + r.key(), null, r.key(), locale)
								: r.key(),
						r.tickets(), r.firstMet(), r.firstBreached(), ratio(r.firstAttainment()), r.resolutionMet(),
						r.resolutionBreached(), ratio(r.resolutionAttainment()), round(r.firstMedianMinutes()),
						round(r.firstP90Minutes()), round(r.resolutionMedianMinutes()), round(r.resolutionP90Minutes()));
			}
			csv.flush();
		}
	}

	private static String ratio(Double share) {
		return share == null ? "" : String.format(Locale.ROOT, "%.4f", share);
	}

	private static String round(Double minutes) {
		return minutes == null ? "" : Long.toString(Math.round(minutes));
	}

	private static int months(String value) {
		if (value == null || !value.matches("\\d{1,2}")) {
			throw new InvalidInputException("months: 1–" + SlaReport.MAX_MONTHS);
		}
		return Integer.parseInt(value);
	}

	@PostMapping("/support/tickets/{id}/messages/{message}/retry")
	String retry(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @PathVariable long message,
			RedirectAttributes redirect) {
		WorkspaceId ws = user.user().workspaceId();
		desk.ticket(ws, id); // 404 for a ticket of another workspace
		redirect.addFlashAttribute("notice", outbox.retry(ws, id, message) ? "support.reply.requeued"
				: "support.reply.notRetried");
		return "redirect:/support/tickets/" + id;
	}
}

package io.kizuna.support.web;

import java.util.List;

import io.kizuna.calendars.SlaEvaluation;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.support.SlaReport;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.TicketSla;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's SLA clocks and the SLA report over REST. */
@RestController
@RequestMapping("/api/v1/support")
@Tag(name = "Support", description = "Tickets with their messages and history, mail channels, macros")
class SlaApiController {

	private final SupportDesk desk;

	private final TicketSla sla;

	private final SlaReport report;

	private final WorkspaceManagement workspaces;

	SlaApiController(SupportDesk desk, TicketSla sla, SlaReport report, WorkspaceManagement workspaces) {
		this.desk = desk;
		this.sla = sla;
		this.report = report;
		this.workspaces = workspaces;
	}

	record TicketSlaBody(String policyKey, String policyName, SlaEvaluation clocks) {
	}

	@GetMapping("/tickets/{id}/sla")
	@Operation(summary = "A ticket's SLA: the policy that applies and its first-response, next-response and "
			+ "resolution clocks now (404 when no policy applies)")
	TicketSlaBody ticketSla(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		desk.ticket(client.workspaceId(), id);
		TicketSla.Status status = sla.status(client.workspaceId(), id)
			.orElseThrow(() -> new NotFoundException("no SLA policy applies to ticket " + id));
		return new TicketSlaBody(status.policyKey(), status.policyName(), status.evaluation());
	}

	@GetMapping("/sla-report")
	@Operation(summary = "SLA attainment by policy, priority and month of creation over the last N months (1–36)")
	List<SlaReport.Row> slaReport(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "12") String months) {
		if (!months.matches("\\d{1,2}")) {
			throw new InvalidInputException("months: 1–" + SlaReport.MAX_MONTHS);
		}
		return report.report(client.workspaceId(), workspaces.get(client.workspaceId()).timeZone(),
				Integer.parseInt(months));
	}
}

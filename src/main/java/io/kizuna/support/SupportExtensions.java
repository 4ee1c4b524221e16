package io.kizuna.support;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.messaging.WebhookEventSource;
import io.kizuna.segments.FieldType;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.SegmentFieldSource;
import io.kizuna.shared.InvalidInputException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Support's parts of other modules: the account 360 panel, segment fields, the CSV import of historical tickets and
 * the webhook events of SLA breaches and bad CSAT answers ({@link SlaBreachForwarding}, {@link CsatForwarding}, which
 * are also playbook triggers).
 */
@Configuration(proxyBeanMethods = false)
class SupportExtensions {

	static final SegmentField.Source TICKETS = new SegmentField.Source("support_tickets", """
			select account_id, open_tickets, tickets_30d from support_v_account_tickets where workspace_id = :workspace""");

	@Bean
	SegmentFieldSource supportFields() {
		return () -> List.of(
				SegmentField.of("support.open_tickets", FieldType.NUMBER, "support", TICKETS, "coalesce({s}.open_tickets, 0)"),
				SegmentField.of("support.tickets_30d", FieldType.NUMBER, "support", TICKETS, "coalesce({s}.tickets_30d, 0)"));
	}

	@Bean
	WebhookEventSource supportEvents() {
		return () -> List.of(SlaBreachForwarding.EVENT, CsatForwarding.EVENT);
	}

	@Bean
	AccountPanel supportPanel(SupportDesk desk, CsatSurveys csat) {
		return new AccountPanel() {
			@Override
			public int order() {
				return 60;
			}

			@Override
			public String template() {
				return "support/account-panel";
			}

			@Override
			public String fragment() {
				return "support";
			}

			@Override
			public AccountPanelContent content(AccountView view) {
				long accountId = view.account().id();
				Map<String, Object> model = new LinkedHashMap<>();
				model.put("open", desk.accountTickets(view.workspaceId(), accountId, true, 10));
				model.put("last90", desk.accountTicketsSince(view.workspaceId(), accountId, 90));
				model.put("zone", view.zone());
				// without answers the panel says there are no ratings, never a zero
				model.put("csat", csat.accountPercent(view.workspaceId(), accountId).orElse(null));
				return AccountPanelContent.of(model);
			}
		};
	}

	static final ImportColumns COLUMNS = new ImportColumns(List.of("subject", "created_at"),
			Set.of("body", "requester_email", "requester_name", "account_external_id", "status", "priority", "type",
					"tags", "solved_at"),
			false);

	@Bean
	ImportTarget ticketImport(SupportDesk desk, JdbcClient jdbc, SupportTexts texts) {
		return ImportTarget.of("tickets", 80, COLUMNS,
				List.of("請求書の再発行について", "2026-04-01T10:00:00+09:00", "先月分の請求書を再発行してください。",
						"hanako@example.co.jp", "佐藤 花子", "acme", "solved", "normal", "question", "billing",
						"2026-04-02T15:00:00+09:00"),
				file -> new RowHandler() {

					/** The tickets stored since the last announcement: their texts go out in one event per batch. */
					private final List<Long> batch = new java.util.ArrayList<>();

					@Override
					public void accept(io.kizuna.imports.ImportRow row) {
						batch.add(importRow(desk, jdbc, file, row));
						file.stored(1, 0);
						if (batch.size() >= SupportTexts.BATCH) {
							flush();
						}
					}

					@Override
					public void flush() {
						texts.writtenTickets(file.workspaceId(), List.copyOf(batch));
						batch.clear();
					}
				});
	}

	private static long importRow(SupportDesk desk, JdbcClient jdbc, io.kizuna.imports.ImportFile file,
			io.kizuna.imports.ImportRow row) {
		Instant created = row.instant("created_at");
		if (created == null) {
			throw new InvalidInputException("created_at is required");
		}
		String status = row.value("status") == null ? "closed" : row.value("status");
		if (!Ticket.STATUSES.contains(status)) {
			throw new InvalidInputException("status must be one of " + String.join(", ", Ticket.STATUSES));
		}
		Instant solved = row.value("solved_at") == null ? null : row.instant("solved_at");
		String tags = row.value("tags");
		Ticket ticket = desk.create(file.workspaceId(), new TicketDraft(row.required("subject"), row.value("body"),
				row.value("requester_email"), row.value("requester_name"), row.value("account_external_id"),
				row.value("priority"), row.value("type"),
				tags == null ? List.of() : Arrays.asList(tags.split("[\\s,]+")), "import"), null);
		jdbc.sql("""
				update support_ticket set status = :status, created_at = :created, updated_at = coalesce(:solved, :created),
				    status_changed_at = coalesce(:solved, :created),
				    solved_at = case when :status in ('solved', 'closed') then coalesce(:solved, :created) end,
				    closed_at = case when :status = 'closed' then coalesce(:solved, :created) end,
				    assignee_user_id = null
				where workspace_id = :ws and ticket_id = :id""")
			.param("ws", file.workspaceId().value()).param("id", ticket.id()).param("status", status)
			.param("created", java.sql.Timestamp.from(created))
			.param("solved", solved == null ? null : java.sql.Timestamp.from(solved), java.sql.Types.TIMESTAMP)
			.update();
		jdbc.sql("update support_message set created_at = :created where workspace_id = :ws and ticket_id = :id")
			.param("ws", file.workspaceId().value()).param("id", ticket.id())
			.param("created", java.sql.Timestamp.from(created)).update();
		return ticket.id();
	}
}

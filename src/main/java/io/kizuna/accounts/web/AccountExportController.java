package io.kizuna.accounts.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.kizuna.accounts.AccountExport;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The accounts as CSV, streamed; same filters as the list. */
@RestController
@Tag(name = "Accounts", description = "Customer companies, addressed by their external id (Segment's groupId), "
		+ "with their contacts, subscriptions and notes")
class AccountExportController {

	private final AccountExport export;

	AccountExportController(AccountExport export) {
		this.export = export;
	}

	@GetMapping("/api/v1/exports/accounts.csv")
	@Operation(operationId = "accountsExportCsv",
			summary = "All accounts matching q, tier, stage, owner, segment as CSV (UTF-8 with BOM, formula cells "
					+ "neutralised): the import's columns, then owner_user_id, created_at, updated_at, touch_level")
	@ApiResponse(responseCode = "200", description = "The CSV, streamed",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void accounts(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String q,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String stage,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) Long segment,
			HttpServletResponse response) throws IOException {
		AccountQuery filters = filters(q, tier, stage, owner, segment);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"accounts.csv\"");
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			export.write(client.workspaceId(), filters, out);
		}
	}

	static AccountQuery filters(String q, String tier, String stage, Long owner, Long segment) {
		return new AccountQuery(bounded(q), bounded(tier), bounded(stage), owner, segment, 0, 1);
	}

	private static String bounded(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > 200) {
			throw new io.kizuna.shared.InvalidInputException("filters are at most 200 characters");
		}
		return value.strip();
	}
}

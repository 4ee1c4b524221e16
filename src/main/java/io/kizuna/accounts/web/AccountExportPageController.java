package io.kizuna.accounts.web;

import io.kizuna.workspace.SignedInUser;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import io.kizuna.accounts.AccountExport;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The accounts list's "Export CSV" button: the list's current filters, every page of it. */
@Controller
class AccountExportPageController {

	private final AccountExport export;

	AccountExportPageController(AccountExport export) {
		this.export = export;
	}

	@GetMapping("/exports/accounts.csv")
	void accounts(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String q,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String stage,
			@RequestParam(required = false) Long owner, @RequestParam(required = false) Long segment,
			HttpServletResponse response) throws IOException {
		AccountQuery filters = new AccountQuery(bounded(q), bounded(tier), bounded(stage), owner, segment, 0, 1);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"accounts.csv\"");
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			export.write(signedIn.user().workspaceId(), filters, out);
		}
	}

	private static String bounded(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > 200) {
			throw new InvalidInputException("filters are at most 200 characters");
		}
		return value.strip();
	}
}

package io.kizuna.health.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Page;
import io.kizuna.accounts.Vocabulary;
import io.kizuna.health.AccountListQuery;
import io.kizuna.health.AccountListRow;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.SignalRules;
import io.kizuna.shared.SpreadsheetCells;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The accounts list's "Export CSV" button: exactly the list the user sees — its filters (read from the URL as the
 * list reads them), its sort, every page — in the columns the user sees, with labels and headers in the user's
 * language. Money is a plain number in the currency's major unit beside its currency, dates ISO, so a spreadsheet
 * reads them as numbers and dates. UTF-8 with a byte-order mark (Excel in Japan), text cells neutralised against
 * formula injection.
 */
@Controller
class AccountListExportController {

	/** Rows fetched per query: the list's largest page. */
	static final int CHUNK = 500;

	private final HealthQueries health;

	private final UserManagement people;

	private final SignalRules signals;

	private final AccountManagement accounts;

	private final MessageSource messages;

	private final AuditTrail auditTrail;

	AccountListExportController(HealthQueries health, UserManagement people, SignalRules signals,
			AccountManagement accounts, MessageSource messages, AuditTrail auditTrail) {
		this.health = health;
		this.people = people;
		this.signals = signals;
		this.accounts = accounts;
		this.messages = messages;
		this.auditTrail = auditTrail;
	}

	@GetMapping("/exports/accounts.csv")
	void export(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam Map<String, String> params, Locale locale,
			HttpServletResponse response) throws IOException {
		WorkspaceId workspace = signedIn.user().workspaceId();
		Map<Long, User> users = people.users(workspace).stream().collect(Collectors.toMap(User::id, Function.identity()));
		Vocabulary tiers = accounts.tiers(workspace);
		Vocabulary stages = accounts.lifecycleStages(workspace);
		AccountListController.Filters f = AccountListController.Filters.of(params, users.keySet(), signals,
				Set.copyOf(tiers.codes()), Set.copyOf(stages.codes()));
		f.chooseSegment(params, health.segmentChoices(workspace));
		Map<String, io.kizuna.health.TouchChoice> touchLevels = health.touchLevels(workspace).stream()
			.collect(Collectors.toMap(io.kizuna.health.TouchChoice::code, Function.identity()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"accounts.csv\"");
		long rows = 0;
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write('\uFEFF');
			CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
			csv.printRecord(header(locale));
			for (int page = 0;; page++) {
				Page<AccountListRow> chunk = health.accounts(workspace, new AccountListQuery(f.q, f.tier, f.stage,
						f.owner, f.band, f.signal, f.renewal, f.getSegmentId(), f.touch, f.sort, f.descending, page, CHUNK));
				for (AccountListRow row : chunk.items()) {
					csv.printRecord(record(row, users, tiers, stages, touchLevels, locale));
					rows++;
				}
				if (chunk.items().size() < CHUNK) {
					break;
				}
			}
			csv.flush();
		}
		Map<String, Object> detail = new java.util.LinkedHashMap<>();
		detail.put("rows", rows);
		detail.put("filters", AccountListController.Filters.link(f.exportState()));
		auditTrail.record(workspace, "accounts.exported", null, detail);
	}

	private List<String> header(Locale locale) {
		return List.of("account.externalId", "account.name", "accounts.owner", "account.tier", "account.stage",
				"health.score", "accounts.band", "portfolio.arr", "export.currency", "account.renewal", "signals.title",
				"accounts.lastActivity", "accounts.touch")
			.stream()
			.map(key -> messages.getMessage(key, null, locale))
			.toList();
	}

	private List<Object> record(AccountListRow row, Map<Long, User> users, Vocabulary tiers, Vocabulary stages,
			Map<String, io.kizuna.health.TouchChoice> touchLevels, Locale locale) {
		List<Object> cells = new ArrayList<>();
		cells.add(text(row.externalId()));
		cells.add(text(row.name()));
		User owner = row.ownerUserId() == null ? null : users.get(row.ownerUserId());
		cells.add(text(owner == null ? null : owner.displayName()));
		cells.add(text(label(tiers, row.tier(), locale)));
		cells.add(text(label(stages, row.lifecycleStage(), locale)));
		cells.add(row.score() == null ? null : score(row.score()));
		cells.add(row.band() == null ? null : messages.getMessage("band." + row.band(), null, row.band(), locale));
		cells.add(row.arrMinor() == null ? null : major(row.arrMinor(), row.currency()));
		cells.add(row.currency());
		cells.add(row.renewalOn());
		cells.add(text(row.signals()
			.stream()
			.map(k -> messages.getMessage("signal." + k.code() + ".title", null, k.code(), locale))
			.collect(Collectors.joining("; "))));
		cells.add(row.lastActiveOn());
		io.kizuna.health.TouchChoice touch = row.touch() == null ? null : touchLevels.get(row.touch());
		cells.add(text(touch == null ? null : touch.name(locale)));
		return cells;
	}

	private String label(Vocabulary vocabulary, String code, Locale locale) {
		if (code == null) {
			return null;
		}
		String label = vocabulary.label(code, locale);
		return label != null ? label : messages.getMessage("vocabulary.other", new Object[] { code }, locale);
	}

	/** As the list shows it (one decimal at most), without grouping. */
	static String score(double score) {
		NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
		format.setMaximumFractionDigits(1);
		format.setGroupingUsed(false);
		return format.format(score);
	}

	/** Minor units as the currency's major unit: 123456 JPY is 123456, 1250 USD is 12.50. */
	static String major(long minor, String currency) {
		int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		return BigDecimal.valueOf(minor, digits).toPlainString();
	}

	private static String text(String value) {
		return value == null || value.isEmpty() ? null : SpreadsheetCells.neutralise(value);
	}
}

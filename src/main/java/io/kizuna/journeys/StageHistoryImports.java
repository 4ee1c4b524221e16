package io.kizuna.journeys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFile;
import io.kizuna.imports.ImportRow;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.imports.RowRejectedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stage-history CSV import ({@code stage_history}): account external id, stage code and when it was entered (a
 * date, the start of that day in the workspace's time zone, or an ISO-8601 date-time). Rows are stored by the
 * thousand; importing the same file again stores nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class StageHistoryImports {

	static final ImportColumns COLUMNS = new ImportColumns(List.of("account_external_id", "stage", "entered_at"),
			new LinkedHashSet<>(), false);

	static final int BATCH = 1_000;

	@Bean
	ImportTarget stageHistoryImport(JourneyManagement journeys, AccountManagement accounts) {
		return ImportTarget.of("stage_history", 60, COLUMNS, List.of("A-1001", "onboarding", "2026-04-01"),
				file -> new Handler(file, journeys, accounts));
	}

	private record Pending(long line, String account, String stage, Instant at) {
	}

	private static final class Handler implements RowHandler {

		private final ImportFile file;

		private final JourneyManagement journeys;

		private final AccountManagement accounts;

		private final List<String> codes;

		private final List<Pending> pending = new ArrayList<>();

		Handler(ImportFile file, JourneyManagement journeys, AccountManagement accounts) {
			this.file = file;
			this.journeys = journeys;
			this.accounts = accounts;
			this.codes = List.copyOf(journeys.stageLabels(file.workspaceId()).keySet().stream().sorted().toList());
		}

		@Override
		public void accept(ImportRow row) {
			String account = row.required("account_external_id");
			if (account.length() > 200) {
				throw new RowRejectedException("account_external_id: too long", "import.reason.tooLong",
						"account_external_id", 200);
			}
			String stage = row.required("stage");
			if (!codes.contains(stage)) {
				throw new RowRejectedException("stage: not one of this workspace's lifecycle stages " + codes + ": " + stage,
						"import.reason.unknownStage", "stage", stage, String.join(", ", codes));
			}
			String raw = row.required("entered_at");
			Instant at = raw.length() <= 10 ? row.date("entered_at").atStartOfDay(file.timeZone()).toInstant()
					: row.instant("entered_at");
			if (at.isAfter(Instant.now()) || at.isBefore(LocalDate.of(1970, 1, 1).atStartOfDay(file.timeZone()).toInstant())) {
				throw new RowRejectedException("entered_at: not a past date: " + raw, "import.reason.notADate",
						"entered_at", raw);
			}
			pending.add(new Pending(row.line(), account, stage, at));
			if (pending.size() >= BATCH) {
				flush();
			}
		}

		@Override
		public void flush() {
			if (pending.isEmpty()) {
				return;
			}
			Map<String, Long> ids = accounts.accountIds(file.workspaceId(),
					pending.stream().map(Pending::account).distinct().toList());
			List<JourneyManagement.ImportedChange> rows = new ArrayList<>();
			for (Pending p : pending) {
				Long id = ids.get(p.account());
				if (id == null) {
					file.rejected(p.line(), "account_external_id: no account " + p.account(), "import.reason.noAccount",
							List.of("account_external_id", p.account()));
				}
				else {
					rows.add(new JourneyManagement.ImportedChange(id, p.stage(), p.at()));
				}
			}
			pending.clear();
			int stored = journeys.importHistory(file.workspaceId(), rows);
			file.stored(stored, rows.size() - stored);
		}
	}
}

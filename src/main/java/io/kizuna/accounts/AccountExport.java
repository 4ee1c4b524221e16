package io.kizuna.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

import io.kizuna.shared.SpreadsheetCells;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/**
 * The accounts a list shows, as CSV in the columns the accounts import reads: UTF-8 with a byte-order mark (so
 * Excel in Japan opens it as UTF-8), every text cell neutralised against formula injection, written while it is
 * read.
 */
@Service
public class AccountExport {

	/** The touch model's level (high, mid, tech) as a code, as the API names codes; the import reads it as nothing. */
	static final String TOUCH_LEVEL = "touch_level";

	static final String[] HEADER = { "external_id", "name", "domain", "industry", "tier", "lifecycle_stage",
			"parent_external_id", "owner_user_id", "created_at", "updated_at", TOUCH_LEVEL };

	private final Accounts accounts;

	private final AuditTrail auditTrail;

	AccountExport(Accounts accounts, AuditTrail auditTrail) {
		this.accounts = accounts;
		this.auditTrail = auditTrail;
	}

	/** Writes every account the filters match (page and size of the query are ignored); answers how many. */
	public long write(WorkspaceId workspace, AccountQuery filters, Writer out) {
		long[] rows = { 0 };
		try {
			out.write('\uFEFF');
			CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
			accounts.each(workspace, filters, page -> {
				// One lookup per page of accounts, as the accounts list reads its touch column.
				Map<Long, String> touch = accounts.touchLevels(workspace, page.stream().map(Account::id).toList());
				try {
					for (Account account : page) {
						csv.printRecord(cell(account.externalId()), cell(account.name()), cell(account.domain()),
								cell(account.industry()), cell(account.tier()), cell(account.lifecycleStage()),
								cell(account.parentExternalId()), account.ownerUserId(), account.createdAt(),
								account.updatedAt(), touch.get(account.id()));
						rows[0]++;
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			csv.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		auditTrail.record(workspace, "accounts.exported", null, Map.of("rows", rows[0], "filters",
				java.util.Arrays.asList(filters.text(), filters.tier(), filters.lifecycleStage(), filters.ownerUserId())));
		return rows[0];
	}

	private static String cell(String value) {
		return SpreadsheetCells.neutralise(value);
	}
}

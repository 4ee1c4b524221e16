package io.kizuna.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.ltv.TransactionLog;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The transaction import on the first month of the UCI Online Retail data, checked against its own count. */
@SpringBootTest
class TransactionImportIT {

	static final Path ONLINE_RETAIL = io.kizuna.SharedDatasets.resolve("online-retail/online_retail_2010-12_slice.csv");

	@Autowired
	CsvImport imports;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionLog transactionLog;

	WorkspaceId workspace;

	@BeforeEach
	void workspace() {
		workspace = workspaces.create(new NewWorkspace("tx-" + UUID.randomUUID().toString().substring(0, 8), "Retail",
				"GBP", "Europe/London", "en")).id();
	}

	@Test
	void everyLineOfTheOnlineRetailSliceIsStoredOrReportedAndAReimportStoresNothingTwice() throws IOException {
		Expected expected = classify();
		Map<Long, String> rejections = new TreeMap<>();
		ImportReport report = importFile(rejections);

		assertThat(report.rowsRead()).isEqualTo(expected.dataLines).isEqualTo(42_481);
		assertThat(report.imported() + report.rejected()).isEqualTo(report.rowsRead());
		assertThat(report.imported()).isEqualTo(expected.valid);
		assertThat(report.duplicates()).isZero();
		assertThat(rejections).hasSize((int) report.rejected());
		assertThat(report.rejectedByCause()).isEqualTo(expected.countByCause());
		// Not only the counts: each line is rejected for the reason an independent reading gives it.
		rejections.forEach((line, reason) -> assertThat(reason).as("line %d", line).startsWith(expected.causes.get(line)));
		assertThat(stored()).isEqualTo(new long[] { expected.valid, expected.totalPence });

		ImportReport again = importFile(new HashMap<>());
		assertThat(again.imported()).isZero();
		assertThat(again.duplicates()).isEqualTo(expected.valid);
		assertThat(again.rejected()).isEqualTo(report.rejected());
		assertThat(stored()).isEqualTo(new long[] { expected.valid, expected.totalPence });
	}

	@Test
	void theCliImportsTheSliceAndWritesEveryRejectedLine() throws Exception {
		String slug = workspaces.get(workspace).slug();
		Path errors = Files.createTempFile("rejected", ".csv");
		ImportCommand command = new ImportCommand();
		new picocli.CommandLine(command).parseArgs("transactions", ONLINE_RETAIL.toString(), "--workspace", slug,
				"--errors=" + errors);
		assertThat(command.run(context)).isZero();
		Expected expected = classify();
		var lines = Files.readAllLines(errors);
		assertThat(lines.get(0)).isEqualTo("line,reason");
		assertThat(lines).hasSize(expected.causes.size() + 1);
		assertThat(stored()).isEqualTo(new long[] { expected.valid, expected.totalPence });
	}

	/**
	 * The UCI file's times are UK time: imported into a Tokyo workspace with the file's time zone named, invoice
	 * 536365 (2010-12-01 08:26 in London, GMT in winter) is stored at 08:26 UTC, not 9 hours earlier; without the
	 * option the workspace's zone applies. The same file gzip-compressed is read as it is; a ZIP is refused by name.
	 */
	@Test
	void aTimeZoneOptionPlacesTheUkFileAndAGzipFileIsRead() throws Exception {
		WorkspaceId tokyo = workspaces.create(new NewWorkspace("tx-jp-" + UUID.randomUUID().toString().substring(0, 8),
				"Tokyo shop", "JPY", "Asia/Tokyo", "ja")).id();
		java.nio.file.Path gzipped = Files.createTempFile("online_retail", ".csv.gz");
		try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
			Files.copy(ONLINE_RETAIL, out);
		}
		ImportReport london;
		try (InputStream in = Files.newInputStream(gzipped)) {
			london = imports.importCsv(tokyo, imports.targets().find("transactions"), in, null,
					CsvImport.timeZone("Europe/London"), null);
		}
		Expected expected = classify();
		assertThat(london.rowsRead()).isEqualTo(42_481);
		assertThat(london.imported()).isEqualTo(expected.valid);
		assertThat(firstInvoiceAt(tokyo)).isEqualTo("2010-12-01T08:26:00Z");

		try (InputStream in = Files.newInputStream(ONLINE_RETAIL)) {
			imports.importCsv(workspace, "transactions", in, null, null);
		}
		WorkspaceId tokyoDefault = workspaces.create(new NewWorkspace("tx-jp-" + UUID.randomUUID().toString().substring(0, 8),
				"Tokyo shop", "JPY", "Asia/Tokyo", "ja")).id();
		try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzipped))) {
			imports.importCsv(tokyoDefault, "transactions", in, null, null);
		}
		assertThat(firstInvoiceAt(tokyoDefault)).as("read as Tokyo time").isEqualTo("2010-11-30T23:26:00Z");

		java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
		try (var out = new java.util.zip.ZipOutputStream(zip)) {
			out.putNextEntry(new java.util.zip.ZipEntry("t.csv"));
			out.write("customer_id,date,amount\na,2026-10-01,1\n".getBytes(StandardCharsets.UTF_8));
		}
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.importCsv(tokyo, "transactions",
				new ByteArrayInputStream(zip.toByteArray()), null, null))
			.isInstanceOf(FileRefusedException.class)
			.hasMessageContaining("ZIP archive");
		byte[] damaged = java.util.Arrays.copyOf(Files.readAllBytes(gzipped), 5_000);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.importCsv(tokyo, "transactions",
				new ByteArrayInputStream(damaged), null, null))
			.isInstanceOf(FileRefusedException.class)
			.hasMessageContaining("gzip");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvImport.timeZone("Mars/Olympus"))
			.hasMessageContaining("timeZone");
	}

	private String firstInvoiceAt(WorkspaceId in) {
		return jdbc.sql("select min(occurred_at) from customer_transaction where workspace_id = ? and source_id like 'uci:536365:%'")
			.param(in.value())
			.query(java.time.OffsetDateTime.class)
			.single()
			.toInstant()
			.toString();
	}

	@Test
	void theSimpleLayoutLinksCustomersAndReportsBadRows() {
		accounts.saveAccount(workspace, "shop-1", new AccountDraft("Shop One", null, null, null, null, null, null, null));
		String csv = """
				customer_id,date,amount,currency
				shop-1,2026-10-01,12.50,GBP
				shop-1,2026-10-01,12.50,GBP
				walk-in,2026-10-02T10:00:00+09:00,3.20,
				,2026-10-03,1.00,GBP
				walk-in,yesterday,1.00,GBP
				walk-in,2026-10-03,-1.00,GBP
				walk-in,2026-10-03,1.005,GBP
				walk-in,2026-10-03,abc,GBP
				walk-in,2026-10-04,0,GBP
				""";
		ImportReport report = imports.importCsv(workspace, "transactions",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null, null);
		assertThat(report.imported()).as("a purchase of 0 is a purchase").isEqualTo(4);
		assertThat(report.rejectedLines()).extracting(r -> r.line() + " " + r.reason())
			.satisfiesExactly(r -> assertThat(r).startsWith("5 no customer"),
					r -> assertThat(r).startsWith("6 unparseable date"),
					r -> assertThat(r).startsWith("7 negative amount"),
					r -> assertThat(r).startsWith("8 amount: more precision than GBP"),
					r -> assertThat(r).startsWith("9 unparseable number"));
		assertThat(jdbc.sql("""
				select count(*) from customer_transaction t join account a using (workspace_id, account_id)
				where t.workspace_id = ? and a.external_id = 'shop-1'""").param(workspace.value()).query(Long.class).single())
			.isEqualTo(2);
		assertThat(imports.importCsv(workspace, "transactions",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null, null).duplicates()).isEqualTo(4);
	}

	@Test
	void aCustomerIsLinkedToTheContactAndItsAccountElseToTheAccountAlsoWhenKnownOnlyLater() {
		accounts.saveAccount(workspace, "acme", AccountDraft.named("Acme"));
		accounts.saveAccount(workspace, "buyer-1", AccountDraft.named("Same id as the contact"));
		accounts.saveContact(workspace, "buyer-1", new ContactDraft(null, "Buyer", null, "acme", null, null));
		String csv = """
				customer_id,date,amount
				buyer-1,2026-10-01,10
				later-1,2026-10-01,20
				""";
		imports.importCsv(workspace, "transactions", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
				null, null);
		assertThat(links()).containsEntry("buyer-1", "acme/buyer-1").containsEntry("later-1", "-/-");
		accounts.saveAccount(workspace, "later-1", AccountDraft.named("Later"));
		assertThat(transactionLog.linkNewlyKnownCustomers(workspace)).isEqualTo(1);
		assertThat(links()).containsEntry("buyer-1", "acme/buyer-1").containsEntry("later-1", "later-1/-");
	}

	/** customer → account external id / contact external id ("-" when not linked). */
	private Map<String, String> links() {
		Map<String, String> links = new HashMap<>();
		jdbc.sql("""
				select t.customer_id, coalesce(a.external_id, '-') || '/' || coalesce(c.external_id, '-')
				from customer_transaction t
				left join account a on a.workspace_id = t.workspace_id and a.account_id = t.account_id
				left join contact c on c.workspace_id = t.workspace_id and c.contact_id = t.contact_id
				where t.workspace_id = ?""").param(workspace.value()).query(rs -> {
					links.put(rs.getString(1), rs.getString(2));
				});
		return links;
	}

	private ImportReport importFile(Map<Long, String> rejections) throws IOException {
		try (InputStream in = Files.newInputStream(ONLINE_RETAIL)) {
			return imports.importCsv(workspace, "transactions", in, null, new CsvImport.Progress() {

				@Override
				public void rows(long rowsRead, long bytesRead) {
				}

				@Override
				public void rejected(long line, String reason) {
					rejections.put(line, reason);
				}
			});
		}
	}

	private long[] stored() {
		return jdbc.sql("select count(*), coalesce(sum(amount_minor), 0) from customer_transaction where workspace_id = ?")
			.param(workspace.value())
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	/** The file read on its own, with the rules of the data set's README, checked in this order. */
	private static Expected classify() throws IOException {
		Expected expected = new Expected();
		try (Reader reader = Files.newBufferedReader(ONLINE_RETAIL, StandardCharsets.UTF_8)) {
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				expected.dataLines++;
				long line = row.getRecordNumber() + 1;
				String cause = null;
				if (row.get("CustomerID").isBlank()) {
					cause = "no customer";
				}
				else if (row.get("InvoiceNo").startsWith("C")) {
					cause = "cancellation";
				}
				else if (Integer.parseInt(row.get("Quantity")) <= 0) {
					cause = "non-positive quantity";
				}
				else if (new BigDecimal(row.get("UnitPrice")).signum() <= 0) {
					cause = "non-positive price";
				}
				else if (!row.get("InvoiceDate").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
					cause = "unparseable date";
				}
				if (cause == null) {
					expected.valid++;
					expected.totalPence += new BigDecimal(row.get("Quantity")).multiply(new BigDecimal(row.get("UnitPrice")))
						.movePointRight(2)
						.longValueExact();
				}
				else {
					expected.causes.put(line, cause);
				}
			}
		}
		return expected;
	}

	static final class Expected {

		long dataLines;

		long valid;

		long totalPence;

		final Map<Long, String> causes = new HashMap<>();

		Map<String, Long> countByCause() {
			Map<String, Long> counts = new HashMap<>();
			causes.values().forEach(cause -> counts.merge(cause, 1L, Long::sum));
			return counts;
		}
	}
}

package io.kizuna.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CsvImportIT {

	static final String ACCOUNTS = """
			external_id,name,tier,domain,region
			A-1,株式会社サンプル,enterprise,sample.co.jp,関東
			A-2,"Multi
			Line Co",smb,,
			,No Id KK,smb,,
			A-3,%s,smb,,
			A-4,Fourth KK,smb,,
			""".formatted("x".repeat(301));

	static final String SUBSCRIPTIONS = """
			external_id,account_external_id,plan,mrr,currency,seats,status,started_on,effective_on
			S-1,A-1,Standard,30000,JPY,10,active,2026-01-01,2026-01-01
			S-1,A-1,Enterprise,60000,JPY,10,active,,2026-04-01
			S-2,NOPE,Standard,1000,JPY,1,active,2026-01-01,
			S-3,A-4,Standard,-5,JPY,1,active,2026-01-01,
			S-4,A-4,Standard,1000,JPY,1,paused,2026-01-01,
			S-5,A-4,Standard,1000,JPY,1,active,01/02/2026,
			S-6,A-4,Standard,12.5,USD,1,active,2026-02-01,
			""";

	static final String EVENTS = """
			timestamp,type,event,user_id,account_external_id,properties
			2026-10-01T10:00:00+09:00,track,Report Created,u1,A-1,"{""rows"": 3}"
			2026-10-01T11:00:00Z,track,Login,u1,A-1,
			2026-10-01 12:00:00,page,,u2,A-1,
			yesterday,track,Login,u1,A-1,
			2026-10-02T10:00:00Z,track,,u1,A-1,
			2026-10-02T10:00:00Z,track,Login,,A-1,
			2026-10-02T10:00:00Z,track,Login,u1,A-1,{not json
			2026-10-02T10:00:00Z,teleport,Login,u1,A-1,
			""";

	@LocalServerPort
	int port;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	CsvImport imports;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	JdbcClient jdbc;

	WorkspaceId workspace;

	@BeforeEach
	void workspace() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("csv-" + run, "CSV", "JPY", "Asia/Tokyo", "ja")).id();
	}

	@Test
	void validRowsAreImportedAndEveryBadLineIsReportedWithItsReason() {
		ImportReport report = run("accounts", ACCOUNTS, StandardCharsets.UTF_8);
		assertThat(report.rowsRead()).isEqualTo(5);
		assertThat(report.imported()).isEqualTo(3);
		assertThat(report.rejectedLines()).extracting(ImportReport.RejectedLine::line).containsExactly(5L, 6L);
		assertThat(report.rejectedLines().get(0).reason()).contains("external_id: required");
		assertThat(report.rejectedLines().get(1).reason()).contains("name: at most 300 characters");
		assertThat(accounts.account(workspace, "A-1").attributes()).containsEntry("region", "関東");
		assertThat(accounts.account(workspace, "A-2").name()).isEqualTo("Multi\nLine Co");

		ImportReport subscriptions = run("subscriptions", SUBSCRIPTIONS, StandardCharsets.UTF_8);
		assertThat(subscriptions.imported()).isEqualTo(3);
		assertThat(subscriptions.rejectedLines()).extracting(r -> r.line() + " " + r.reason())
			.satisfiesExactly(r -> assertThat(r).startsWith("4 ").contains("no account NOPE"),
					r -> assertThat(r).startsWith("5 ").contains("mrr: must not be negative"),
					r -> assertThat(r).startsWith("6 ").contains("status: one of"),
					r -> assertThat(r).startsWith("7 ").contains("started_on: not a date"));
		assertThat(accounts.subscriptionHistory(workspace, "S-1")).hasSize(2);
		assertThat(accounts.findSubscription(workspace, "S-6").orElseThrow().mrr().minorUnits()).isEqualTo(1250);

		ImportReport events = run("events", EVENTS, StandardCharsets.UTF_8);
		assertThat(events.imported()).isEqualTo(3);
		assertThat(events.rejectedLines()).extracting(r -> r.line() + " " + r.reason())
			.satisfiesExactly(r -> assertThat(r).startsWith("5 ").contains("timestamp"),
					r -> assertThat(r).startsWith("6 ").contains("event: required"),
					r -> assertThat(r).startsWith("7 ").contains("user_id or anonymous_id"),
					r -> assertThat(r).startsWith("8 ").contains("not valid JSON"),
					r -> assertThat(r).startsWith("9 ").contains("type: one of"));
		assertThat(jdbc.sql("""
				select count(*) from event e join account a using (workspace_id, account_id)
				where e.workspace_id = ? and a.external_id = 'A-1'""").param(workspace.value()).query(Long.class).single())
			.isEqualTo(3);
	}

	@Test
	void reRunningAnImportDuplicatesNothing() {
		run("accounts", ACCOUNTS, StandardCharsets.UTF_8);
		run("subscriptions", SUBSCRIPTIONS, StandardCharsets.UTF_8);
		run("events", EVENTS, StandardCharsets.UTF_8);
		long accountsBefore = count("account");
		long historyBefore = count("subscription_change");

		run("accounts", ACCOUNTS, StandardCharsets.UTF_8);
		run("subscriptions", SUBSCRIPTIONS, StandardCharsets.UTF_8);
		ImportReport events = run("events", EVENTS, StandardCharsets.UTF_8);

		assertThat(count("account")).isEqualTo(accountsBefore);
		assertThat(count("subscription_change")).isEqualTo(historyBefore);
		assertThat(events.imported()).isZero();
		assertThat(events.duplicates()).isEqualTo(3);
		assertThat(count("event")).isEqualTo(3);
	}

	@Test
	void reImportingWithNewRowsAmongTheOldStoresTheNewOnes() {
		run("accounts", ACCOUNTS, StandardCharsets.UTF_8);
		run("events", EVENTS, StandardCharsets.UTF_8);
		// The next day's export: the same three good rows, with two new ones before and among them.
		String grown = EVENTS.replace("2026-10-01T11:00:00Z,track,Login,u1,A-1,\n",
				"2026-10-01T11:00:00Z,track,Login,u1,A-1,\n2026-10-03T09:00:00Z,track,Export,u2,A-1,\n")
			.replace("timestamp,type,event,user_id,account_external_id,properties\n",
					"timestamp,type,event,user_id,account_external_id,properties\n2026-10-03T08:00:00Z,track,Login,u2,A-1,\n");
		ImportReport again = run("events", grown, StandardCharsets.UTF_8);
		assertThat(again.imported()).isEqualTo(2);
		assertThat(again.duplicates()).isEqualTo(3);
		assertThat(count("event")).isEqualTo(5);
		assertThat(jdbc.sql("""
				select coalesce(event_name, type) || '@' || to_char(occurred_at at time zone 'UTC', 'MM-DD"T"HH24:MI')
				from event where workspace_id = ? and occurred_at >= '2026-10-03' order by occurred_at""")
			.param(workspace.value())
			.query(String.class)
			.list()).containsExactly("Login@10-03T08:00", "Export@10-03T09:00");
	}

	@Test
	void amountsKeepTheirCurrencysMinorUnitsFromCsvToRest() {
		run("accounts", ACCOUNTS, StandardCharsets.UTF_8);
		ImportReport report = run("subscriptions", """
				external_id,account_external_id,plan,mrr,currency,seats,status,started_on,effective_on
				J-1,A-1,Standard,30000,JPY,10,active,2026-01-01,
				J-2,A-1,Standard,1200.5,JPY,10,active,2026-01-01,
				K-1,A-1,Standard,12.345,KWD,1,active,2026-01-01,
				B-1,A-1,Standard,0.5,BHD,1,active,2026-01-01,
				K-2,A-1,Standard,1.2345,KWD,1,active,2026-01-01,
				""", StandardCharsets.UTF_8);
		assertThat(report.imported()).isEqualTo(3);
		assertThat(report.rejectedLines()).extracting(r -> r.line() + " " + r.reason())
			.satisfiesExactly(r -> assertThat(r).startsWith("3 ").contains("mrr: not an amount in JPY"),
					r -> assertThat(r).startsWith("6 ").contains("mrr: not an amount in KWD"));
		String token = accessKeys.issueApiToken(workspace, "money", TokenScope.READ).secret();
		TestHttp http = new TestHttp(port);
		// ¥30,000 is 30000 minor units: the yen has none
		assertThat(http.get("/api/v1/subscriptions/J-1", token).body())
			.contains("\"mrr\":{\"minorUnits\":30000,\"currency\":\"JPY\"}");
		assertThat(http.get("/api/v1/subscriptions/K-1", token).body())
			.contains("\"mrr\":{\"minorUnits\":12345,\"currency\":\"KWD\"}");
		assertThat(http.get("/api/v1/subscriptions/B-1", token).body())
			.contains("\"mrr\":{\"minorUnits\":500,\"currency\":\"BHD\"}");
		assertThat(http.get("/api/v1/subscriptions/J-2", token).statusCode()).isEqualTo(404);
	}

	@Test
	void shiftJisFilesAreDetected() {
		ImportReport report = run("accounts", "external_id,name\nJ-1,株式会社ハローワールド\n", Charset.forName("windows-31j"));
		assertThat(report.encoding()).isEqualTo("windows-31j");
		assertThat(accounts.account(workspace, "J-1").name()).isEqualTo("株式会社ハローワールド");
	}

	/** Issue 13 item 1: a Shift_JIS accounts file whose line 8 opens a quote it never closes. */
	static final String BROKEN_AT_LINE_8 = """
			external_id,name,industry
			B-1,株式会社一,製造
			B-2,株式会社二,製造
			B-3,株式会社三,小売
			B-4,株式会社四,小売
			B-5,株式会社五,金融
			B-6,株式会社六,金融
			B-8,"株式会社八,製造
			B-9,株式会社九,製造
			B-10,株式会社十,製造
			""";

	@Test
	void aFileBrokenPartWayStoresTheLinesBeforeTheBreakAndSaysSo() {
		ImportReport report = run("accounts", BROKEN_AT_LINE_8, Charset.forName("windows-31j"));
		assertThat(report.encoding()).isEqualTo("windows-31j");
		assertThat(report.complete()).isFalse();
		assertThat(report.stoppedAt().line()).isEqualTo(8);
		assertThat(report.stoppedAt().key()).isEqualTo("import.stopped.unclosedQuote");
		assertThat(report.rowsRead()).isEqualTo(6);
		assertThat(report.imported()).isEqualTo(6);
		assertThat(count("account")).as("what the report says was stored").isEqualTo(6);
		assertThat(accounts.account(workspace, "B-6").name()).isEqualTo("株式会社六");
		assertThat(accounts.findAccount(workspace, "B-9")).isEmpty();

		ImportReport whole = run("accounts", "external_id,name\nW-1,Whole\n", StandardCharsets.UTF_8);
		assertThat(whole.complete()).isTrue();
		assertThat(whole.stoppedAt()).isNull();
	}

	@Test
	void theRestAnswerAndTheCommandSayWhereAFileBrokeAndWhatWasStored() throws Exception {
		String token = accessKeys.issueApiToken(workspace, "csv", TokenScope.READ_WRITE).secret();
		String boundary = "kizuna-" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] file = BROKEN_AT_LINE_8.getBytes(Charset.forName("windows-31j"));
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.write(head);
		body.write(file);
		body.write(tail);
		var response = new TestHttp(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/accounts"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"imported\":6", "\"complete\":false", "\"line\":8",
				"EOF reached before encapsulated token finished");

		java.nio.file.Path csv = java.nio.file.Files.createTempFile("broken", ".csv");
		java.nio.file.Files.write(csv, BROKEN_AT_LINE_8.replace("B-", "C-").getBytes(Charset.forName("windows-31j")));
		ImportCommand command = new ImportCommand();
		command.kindName = "accounts";
		command.file = csv;
		command.slug = workspaces.get(workspace).slug();
		java.io.PrintStream original = System.err;
		java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
		int exitCode;
		System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			exitCode = command.run(context);
		}
		finally {
			System.setErr(original);
			java.nio.file.Files.delete(csv);
		}
		assertThat(exitCode).isEqualTo(1);
		assertThat(captured.toString(StandardCharsets.UTF_8)).contains("6 rows read, 6 imported")
			.contains("stopped at line 8")
			.contains("line 8 and everything after it were not");
		assertThat(accounts.findAccount(workspace, "C-6")).isPresent();
		assertThat(accounts.findAccount(workspace, "C-9")).isEmpty();
	}

	/** Issue 13 item 2: what the import used to store as it came. */
	@Test
	void unknownTiersAndStagesAndEmptyNamesRejectTheirLineWithAReasonThePageCanTranslate() {
		ImportReport report = run("accounts", """
				external_id,name,tier,lifecycle_stage
				V-1,Valid KK,enterprise,onboarding
				V-2,,smb,
				V-3,Gold KK,gold,
				V-4,Stage KK,smb,stage-x
				""", StandardCharsets.UTF_8);
		assertThat(report.imported()).isEqualTo(1);
		assertThat(report.rejectedLines()).extracting(ImportReport.RejectedLine::line, ImportReport.RejectedLine::key)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "import.reason.required"),
					org.assertj.core.groups.Tuple.tuple(4L, "import.reason.unknownTier"),
					org.assertj.core.groups.Tuple.tuple(5L, "import.reason.unknownStage"));
		assertThat(report.rejectedLines().get(0).arguments()).containsExactly("name");
		assertThat(report.rejectedLines().get(1).arguments()).containsExactly("tier", "gold", "smb, mid-market, enterprise");
		assertThat(report.rejectedLines().get(1).reason()).contains("tier: not one of this workspace's tiers");
		assertThat(report.causes()).extracting(ImportReport.Cause::key, ImportReport.Cause::count)
			.contains(org.assertj.core.groups.Tuple.tuple("import.reason.unknownTier", 1L));
		assertThat(accounts.findAccount(workspace, "V-2")).as("an empty name is not the external id").isEmpty();
		assertThat(accounts.findAccount(workspace, "V-3")).isEmpty();
		assertThat(accounts.account(workspace, "V-1").tier()).isEqualTo("enterprise");
	}

	@Test
	void aFileWithWrongColumnsIsRefusedWhole() {
		assertThatThrownBy(() -> run("subscriptions", "external_id,plan,colour\nS-1,Standard,red\n",
				StandardCharsets.UTF_8))
			.isInstanceOfSatisfying(FileRefusedException.class, ex -> assertThat(ex.errors()).contains(
					"missing column 'account_external_id'", "missing column 'mrr'", "unexpected column 'colour'"));
		assertThat(count("subscription")).isZero();
	}

	@Test
	void aHeaderWithAnEmptyColumnNameIsRefusedNotAServerError() {
		// Jazzer's finding (CsvImportFuzzTests): the CSV library's IllegalArgumentException used to become a 500.
		assertThatThrownBy(() -> run("accounts", "external_id,,name\nA-1,x,Acme\n", StandardCharsets.UTF_8))
			.isInstanceOf(FileRefusedException.class)
			.hasMessageContaining("header");
		assertThat(count("account")).isZero();
	}

	@Test
	void theRestUploadAnswersWithTheReport() {
		String token = accessKeys.issueApiToken(workspace, "csv", TokenScope.READ_WRITE).secret();
		String boundary = "kizuna-" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"accounts.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + ACCOUNTS + "\r\n--" + boundary + "--\r\n";
		var response = new TestHttp(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/accounts"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"imported\":3", "\"rejected\":2", "\"line\":5");
		String readOnly = accessKeys.issueApiToken(workspace, "ro", TokenScope.READ).secret();
		assertThat(new TestHttp(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/accounts"))
			.header("Authorization", "Bearer " + readOnly)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).isEqualTo(403);
	}

	@Test
	void anUnknownKindIsRefusedNamingTheKnownOnes() {
		String token = accessKeys.issueApiToken(workspace, "csv", TokenScope.READ_WRITE).secret();
		String boundary = "kizuna-" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\nexternal_id\r\n--" + boundary + "--\r\n";
		var response = new TestHttp(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/widgets"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body())
			.contains("unknown import 'widgets': accounts, contacts, subscriptions, events, transactions, stage_history, onboarding-milestones, tasks, tickets, reviews or survey_responses");
		assertThat(imports.targets().codes()).containsExactly("accounts", "contacts", "subscriptions", "events",
				"transactions", "stage_history", "onboarding-milestones", "tasks", "tickets", "reviews", "survey_responses");
		assertThatThrownBy(() -> run("Widgets", "a\n", StandardCharsets.UTF_8))
			.hasMessage("unknown import 'Widgets': accounts, contacts, subscriptions, events, transactions, stage_history, onboarding-milestones, tasks, tickets, reviews or survey_responses");
		assertThat(run("ACCOUNTS", "external_id,name\nX-1,X\n", StandardCharsets.UTF_8).kind())
			.as("codes in any case, as the enum took them").isEqualTo("accounts");
	}

	@Test
	void theCommandRefusesAnUnknownKindAndItsUsageListsTheTargets() throws Exception {
		java.io.PrintStream original = System.err;
		java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
		ImportCommand command = new ImportCommand();
		command.kindName = "widgets";
		command.file = java.nio.file.Path.of("widgets.csv");
		command.slug = "default";
		int exitCode;
		System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			exitCode = command.run(context);
		}
		finally {
			System.setErr(original);
		}
		assertThat(exitCode).isEqualTo(2);
		assertThat(captured.toString(StandardCharsets.UTF_8))
			.contains("unknown import 'widgets': accounts, contacts, subscriptions, events, transactions, stage_history, onboarding-milestones, tasks, tickets, reviews or survey_responses")
			.contains("usage: java -jar kizuna.jar import accounts|contacts|subscriptions|events|transactions|stage_history|onboarding-milestones|tasks|tickets|reviews|survey_responses FILE");
	}

	private ImportReport run(String kind, String csv, Charset charset) {
		return imports.importCsv(workspace, kind, new ByteArrayInputStream(csv.getBytes(charset)), null, null);
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table + " where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single();
	}

}

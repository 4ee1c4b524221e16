package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.kizuna.SharedDatasets;
import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CDNOW through the product: the sample written as the transactions CSV a shop would export (1997–98 dates, eight
 * purchases of $0), imported into a workspace, then fitted and valued through the API: the published BG/NBD and
 * Gamma-Gamma figures, per-customer CLV as of the paper's calibration end, and the purchase outlook.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowImportIT {

	static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CsvImport imports;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	TestWorkspace workspace;

	ImportReport report;

	@BeforeAll
	void importCdnow() throws Exception {
		http = new TestHttp(port);
		workspace = TestWorkspace.create(workspaces, people, accessKeys, "cdnow", "USD", "America/New_York", "en");
		// Customer 00004 is an account of the workspace: its CLV shows on the account.
		accounts.saveAccount(workspace.id(), "00004", AccountDraft.named("Customer 4"));
		StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
		for (String line : Files.readAllLines(SharedDatasets.resolve("cdnow/CDNOW_sample.txt"))) {
			String[] f = line.strip().split("\\s+");
			if (f.length == 5) {
				csv.append(f[0]).append(',').append(LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE)).append(',')
					.append(f[4]).append('\n');
			}
		}
		report = imports.importCsv(workspace.id(), "transactions",
				new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), null, null);
	}

	@Test
	void everyPurchaseIsStoredThoseBefore2000AndThoseOfZeroIncluded() {
		assertThat(report.rejectedLines()).isEmpty();
		assertThat(report.rowsRead()).isEqualTo(6919);
		assertThat(report.imported()).isEqualTo(6919);
		JsonNode zero = json.readTree(http.get("/api/v1/transactions?customer=01101", workspace.apiToken()).body());
		assertThat(zero.get("items").findValues("minorUnits")).extracting(JsonNode::asLong).contains(0L);
	}

	@Test
	void theFitOnTheImportedLogReproducesThePublishedFigures() {
		JsonNode bgnbd = fit("bgnbd");
		assertThat(bgnbd.get("customers").asInt()).isEqualTo(2357);
		assertThat(bgnbd.get("repeatCustomers").asInt()).isEqualTo(946);
		JsonNode p = bgnbd.get("parameters");
		assertThat(p.get("r").asDouble()).isCloseTo(0.243, within(0.0005));
		assertThat(p.get("alpha").asDouble()).isCloseTo(4.414, within(0.0005));
		assertThat(p.get("a").asDouble()).isCloseTo(0.793, within(0.0005));
		assertThat(p.get("b").asDouble()).isCloseTo(2.426, within(0.0005));
		assertThat(bgnbd.get("logLikelihood").asDouble()).isCloseTo(-9582.4, within(0.05));
		assertThat(bgnbd.get("warnings")).isEmpty();
		JsonNode spend = fit("gammagamma");
		assertThat(spend.get("spendLeftOut").asInt()).isZero();
		assertThat(spend.get("parameters").get("p").asDouble()).isCloseTo(6.25, within(0.005));
		assertThat(spend.get("parameters").get("q").asDouble()).isCloseTo(3.74, within(0.005));
		assertThat(spend.get("parameters").get("gamma").asDouble()).isCloseTo(15.44, within(0.005));
	}

	/**
	 * Customer 00004 bought on 1997-01-01, 01-18, 08-02 and 12-12: as of 1997-09-30, x = 2, tx = 213 days, T = 272
	 * days, mean repeat value (29.73 + 14.96) / 2. Its P(alive) and expected spend are the papers' formulas at the
	 * parameters fitted on the same calibration period.
	 */
	@Test
	void anAccountsClvAndPurchaseOutlookAsOfTheCalibrationEnd() {
		JsonNode p = fit("bgnbd").get("parameters");
		BgNbd model = new BgNbd(p.get("r").asDouble(), p.get("alpha").asDouble(), p.get("a").asDouble(),
				p.get("b").asDouble(), Double.NaN);
		LocalDate first = LocalDate.of(1997, 1, 1);
		CustomerHistory four = new CustomerHistory("00004", 2, ChronoUnit.DAYS.between(first, LocalDate.of(1997, 8, 2)) / 7.0,
				ChronoUnit.DAYS.between(first, CALIBRATION_END) / 7.0, (29.73 + 14.96) / 2);

		JsonNode account = json.readTree(http.get("/api/v1/revenue/accounts/00004/ltv?calibrationEnd=1997-09-30&outlookMonths=6",
				workspace.apiToken()).body());
		assertThat(account.get("calibrationEnd").asString()).isEqualTo("1997-09-30");
		JsonNode customer = account.get("transactionCustomers").get(0);
		assertThat(customer.get("customerId").asString()).isEqualTo("00004");
		assertThat(customer.get("purchaseDays").asInt()).isEqualTo(3);
		assertThat(customer.get("probabilityAlive").asDouble()).isCloseTo(model.probabilityAlive(four), within(1e-9));
		JsonNode outlook = customer.get("outlook");
		assertThat(outlook.get("months").asInt()).isEqualTo(6);
		double[] expected = model.conditionalPurchaseProbabilities(26, four, 5);
		double sum = outlook.get("more").asDouble();
		for (int n = 0; n <= 5; n++) {
			assertThat(outlook.get("probabilities").get(n).asDouble()).as("P(%d)", n).isCloseTo(expected[n], within(1e-9));
			sum += outlook.get("probabilities").get(n).asDouble();
		}
		assertThat(sum).isCloseTo(1, within(1e-9));

		// The same customer on the whole log (to 1998-06-30) is another history: four purchases, later.
		JsonNode whole = json.readTree(http.get("/api/v1/revenue/customers/00004/clv", workspace.apiToken()).body());
		assertThat(whole.get("purchaseDays").asInt()).isEqualTo(4);
		JsonNode calibrated = json.readTree(http.get("/api/v1/revenue/customers/00004/clv?calibrationEnd=1997-09-30",
				workspace.apiToken()).body());
		assertThat(calibrated.get("purchaseDays").asInt()).isEqualTo(3);
		assertThat(calibrated.get("probabilityAlive").asDouble()).isCloseTo(model.probabilityAlive(four), within(1e-9));
		assertThat(calibrated.get("outlook").get("months").asInt()).isEqualTo(3);

		assertThat(http.get("/api/v1/revenue/customers/00004/clv?calibrationEnd=30.9.1997", workspace.apiToken())
			.statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/revenue/customers/00004/clv?outlookMonths=0", workspace.apiToken()).statusCode())
			.isEqualTo(400);
		assertThat(http.get("/api/v1/revenue/customers/00004/clv?calibrationEnd=1996-12-31", workspace.apiToken())
			.statusCode()).isEqualTo(422);
	}

	@Test
	void aDateOutOfRangeIsRefusedAsItWasWritten() {
		ImportReport refused = imports.importCsv(workspace.id(), "transactions", new ByteArrayInputStream(
				"customer_id,date,amount\nold-1,1899-12-31,5\nold-2,1899-12-31T23:30:00,5\nnew-1,1900-01-01T00:30:00,5\n".getBytes(StandardCharsets.UTF_8)),
				null, null);
		assertThat(refused.imported()).isEqualTo(1);
		assertThat(refused.rejectedLines()).extracting(r -> r.line() + " " + r.reason()).containsExactly(
				"2 date: between 1900-01-01 and tomorrow, not '1899-12-31'",
				"3 date: between 1900-01-01 and tomorrow, not '1899-12-31T23:30:00'");
		var api = http.send("POST", "/api/v1/transactions", """
				{"transactions": [{"id": "old-3", "customerId": "old-3", "occurredAt": "1899-12-31T23:00:00+09:00",
				  "amount": {"minorUnits": 0}}]}""", workspace.apiToken());
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.body()).contains("not 1899-12-31T23:00:00+09:00").doesNotContain("Z\"");
	}

	private JsonNode fit(String model) {
		var response = http.send("POST", "/api/v1/revenue/ltv/fit",
				"{\"model\":\"" + model + "\",\"calibrationEnd\":\"" + CALIBRATION_END + "\"}", workspace.apiToken());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}
}

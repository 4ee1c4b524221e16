package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.kizuna.SharedDatasets;
import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.imports.CsvImport;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
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
 * The lifetime-value API on a workspace holding the Online Retail slice and a crafted plan whose subscriptions all
 * started on one day, so that its fit must equal the published-style cohort fit of the same counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LtvApiIT {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	/** Subscriptions of the cohort lost in each month 1..12; 40 of 60 survive to month 12. */
	static final int[] LOST = { 0, 5, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, 0 };

	static final int COHORT = 60;

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CsvImport imports;

	@Autowired
	LifetimeValues values;

	final JsonMapper json = JsonMapper.builder().build();

	TestHttp http;

	WorkspaceId workspace;

	String token;

	String readOnly;

	String otherToken;

	LocalDate start;

	@BeforeAll
	void workspace() throws Exception {
		http = new TestHttp(port);
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("ltv-" + run, "Retail", "GBP", "Europe/London", "en")).id();
		token = accessKeys.issueApiToken(workspace, "rw", TokenScope.READ_WRITE).secret();
		readOnly = accessKeys.issueApiToken(workspace, "r", TokenScope.READ).secret();
		WorkspaceId other = workspaces.create(new NewWorkspace("ltv-o-" + run, "Other", "GBP", "Europe/London", "en")).id();
		otherToken = accessKeys.issueApiToken(other, "o", TokenScope.READ_WRITE).secret();
		// 17850 is a customer of the slice: created before the import, its purchases link to this account.
		accounts.saveAccount(workspace, "17850", AccountDraft.named("Customer 17850 Ltd"));
		try (InputStream in = Files.newInputStream(SharedDatasets.resolve("online-retail/online_retail_2010-12_slice.csv"))) {
			assertThat(imports.importCsv(workspace, "transactions", in, null, null).imported()).isEqualTo(26_157);
		}
		start = LocalDate.now(LONDON).minusMonths(12).minusDays(3);
		int n = 0;
		for (int t = 1; t < LOST.length; t++) {
			for (int i = 0; i < LOST[t]; i++) {
				subscription("gone-" + n++, start.plusMonths(t - 1).plusDays(1));
			}
		}
		while (n < COHORT) {
			subscription("live-" + n++, null);
		}
	}

	private void subscription(String id, LocalDate canceledOn) {
		accounts.saveAccount(workspace, id, AccountDraft.named(id));
		accounts.saveSubscription(workspace, "s-" + id,
				new SubscriptionDraft(id, null, "Basic", 10_000L, "GBP", 1, "active", start, null, null, null, start));
		if (canceledOn != null) {
			accounts.saveSubscription(workspace, "s-" + id, new SubscriptionDraft(id, null, "Basic", 10_000L, "GBP", 1,
					"canceled", null, null, canceledOn, "test", canceledOn));
		}
	}

	/** In euros: the GBP log the models are fitted on stays the slice (a later purchase would move its as-of day). */
	@Test
	void aBatchIsStoredOnceAndABadOneNotAtAll() throws Exception {
		String batch = """
				{"transactions": [
				  {"id": "o-1", "customerId": "web-1", "occurredAt": "2026-11-01T10:00:00+09:00", "amount": {"minorUnits": 1250, "currency": "EUR"}},
				  {"id": "o-2", "customerId": "web-1", "occurredAt": "2026-11-02T10:00:00Z", "amount": {"minorUnits": 800, "currency": "EUR"}}]}""";
		JsonNode first = json.readTree(http.send("POST", "/api/v1/transactions", batch, token).body());
		assertThat(first.get("stored").asLong()).isEqualTo(2);
		JsonNode again = json.readTree(http.send("POST", "/api/v1/transactions", batch, token).body());
		assertThat(again.get("stored").asLong()).isZero();
		assertThat(again.get("duplicates").asLong()).isEqualTo(2);

		HttpResponse<String> bad = http.send("POST", "/api/v1/transactions", """
				{"transactions": [
				  {"id": "o-3", "customerId": "web-2", "occurredAt": "2026-11-01T10:00:00Z", "amount": {"minorUnits": 100}},
				  {"id": "o-4", "customerId": "web-2", "occurredAt": "yesterday", "amount": {"minorUnits": 100}},
				  {"id": "o-5", "customerId": "web-2", "occurredAt": "2026-11-01T10:00:00Z", "amount": {"minorUnits": -1}},
				  {"customerId": "web-2", "occurredAt": "2026-11-01T10:00:00Z", "amount": {"minorUnits": 1}}]}""", token);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
		assertThat(bad.body()).contains("transactions[1]: occurredAt", "transactions[2]: amount", "transactions[3]: id");
		JsonNode page = json.readTree(http.get("/api/v1/transactions?customer=web-2", token).body());
		assertThat(page.get("total").asLong()).isZero();

		JsonNode web1 = json.readTree(http.get("/api/v1/transactions?customer=web-1&size=1", token).body());
		assertThat(web1.get("total").asLong()).isEqualTo(2);
		assertThat(web1.get("items")).hasSize(1);
		assertThat(web1.get("items").get(0).get("amount").get("currency").asString()).isEqualTo("EUR");
		assertThat(http.send("POST", "/api/v1/transactions", batch, readOnly).statusCode()).isEqualTo(403);
		assertThat(http.get("/api/v1/transactions?size=501", token).statusCode()).isEqualTo(400);
		assertThat(json.readTree(http.get("/api/v1/transactions?customer=web-1", otherToken).body()).get("total").asLong())
			.isZero();
	}

	@Test
	void aCustomersClvFollowsTheFittedModelsAndItsParameters() throws Exception {
		HttpResponse<String> response = http.get("/api/v1/revenue/customers/17850/clv", readOnly);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode clv = json.readTree(response.body());
		double alive = clv.get("probabilityAlive").asDouble();
		// By hand from the slice: 17850 bought on 1 and 2 December 2010 (£1,499.34 and £3,891.87), the log ends on
		// 23 December: x = 1 repeat, tx = 1/7 week, T = 22/7 weeks, mean repeat value £3,891.87. With the parameters
		// fitted on the same log, P(alive) is equation (11) of Fader, Hardie and Lee's BG/NBD note and the expected
		// spend equation (5) of Fader and Hardie's Gamma-Gamma note.
		JsonNode bg = json.readTree(http.send("POST", "/api/v1/revenue/ltv/fit", "{\"model\":\"bgnbd\"}", token).body())
			.get("parameters");
		double r = bg.get("r").asDouble(), alpha = bg.get("alpha").asDouble(), a = bg.get("a").asDouble(),
				b = bg.get("b").asDouble();
		double x = 1, tx = 1 / 7.0, T = 22 / 7.0;
		double expectedAlive = 1 / (1 + a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x));
		assertThat(alive).isCloseTo(expectedAlive, within(1e-9));
		assertThat(alive).as("a customer who bought twice in two days and not in three weeks").isBetween(0.05, 0.95);
		JsonNode gg = json.readTree(http.send("POST", "/api/v1/revenue/ltv/fit", "{\"model\":\"gammagamma\"}", token)
			.body()).get("parameters");
		double p = gg.get("p").asDouble(), q = gg.get("q").asDouble(), gamma = gg.get("gamma").asDouble();
		double spend = p * (gamma + x * 3891.87) / (p * x + q - 1);
		assertThat((double) clv.get("expectedSpend").get("minorUnits").asLong()).isCloseTo(spend * 100, within(1.0));
		assertThat(clv.get("clv").get("currency").asString()).isEqualTo("GBP");
		assertThat(clv.get("accountExternalId").asString()).isEqualTo("17850");
		long twelve = clv.get("clv").get("minorUnits").asLong();
		assertThat(twelve).isPositive();
		JsonNode longer = json.readTree(http.get("/api/v1/revenue/customers/17850/clv?horizonMonths=24", readOnly).body());
		assertThat(longer.get("clv").get("minorUnits").asLong()).isGreaterThan(twelve);
		JsonNode dearer = json.readTree(
				http.get("/api/v1/revenue/customers/17850/clv?annualDiscountRate=0.5", readOnly).body());
		assertThat(dearer.get("clv").get("minorUnits").asLong()).isLessThan(twelve);
		// Without discounting the CLV is expected purchases × expected spend, so a tiny rate comes close to it.
		JsonNode flat = json.readTree(
				http.get("/api/v1/revenue/customers/17850/clv?annualDiscountRate=0.001", readOnly).body());
		assertThat((double) flat.get("clv").get("minorUnits").asLong()).isCloseTo(
				flat.get("expectedPurchases").asDouble() * flat.get("expectedSpend").get("minorUnits").asLong(),
				within(0.001 * twelve + 1));

		assertThat(http.get("/api/v1/revenue/customers/17850/clv?horizonMonths=0", readOnly).statusCode()).isEqualTo(400);
		assertThat(http.get("/api/v1/revenue/customers/17850/clv?annualDiscountRate=3", readOnly).statusCode())
			.isEqualTo(400);
		assertThat(http.get("/api/v1/revenue/customers/nobody/clv", readOnly).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/revenue/customers/17850/clv", otherToken).statusCode()).isEqualTo(404);

		JsonNode account = json.readTree(http.get("/api/v1/revenue/accounts/17850/ltv", readOnly).body());
		assertThat(account.get("transactionCustomers").get(0).get("probabilityAlive").asDouble()).isEqualTo(alive);
		assertThat(account.get("clv").get("minorUnits").asLong()).isEqualTo(twelve);
	}

	@Test
	void fitsOnTheLogAndOnCohortsAnswer422WhenTheDataCannotSupportThem() throws Exception {
		JsonNode bgnbd = json.readTree(http.send("POST", "/api/v1/revenue/ltv/fit", "{\"model\":\"bgnbd\"}", token).body());
		assertThat(bgnbd.get("customers").asInt()).isEqualTo(885);
		assertThat(bgnbd.get("calibrationEnd").asString()).isEqualTo("2010-12-23");
		assertThat(bgnbd.get("parameters").get("r").asDouble()).isPositive();
		// 23 days of a shop's purchases cannot show customers leaving: the fit collapses and says so.
		assertThat(bgnbd.get("warnings").toString()).contains("\"code\":\"degenerate\"", "\"logDays\":23");
		assertThat(values.transactionModels(workspace).warnings()).extracting(FitWarning::code).contains("degenerate");
		JsonNode early = json.readTree(http.send("POST", "/api/v1/revenue/ltv/fit",
				"{\"model\":\"gammagamma\",\"calibrationEnd\":\"2010-12-10\"}", token).body());
		assertThat(early.get("customers").asInt()).isBetween(1, 884);
		assertThat(early.get("parameters").get("q").asDouble()).isPositive();

		HttpResponse<String> oneDay = http.send("POST", "/api/v1/revenue/ltv/fit",
				"{\"model\":\"bgnbd\",\"calibrationEnd\":\"2010-12-01\"}", token);
		assertThat(oneDay.statusCode()).isEqualTo(422);
		assertThat(oneDay.body()).contains("repeat");
		assertThat(http.send("POST", "/api/v1/revenue/ltv/fit", "{\"model\":\"sbg\",\"cohort\":[100,120,90]}", token)
			.statusCode()).isEqualTo(422);
		assertThat(http.send("POST", "/api/v1/revenue/ltv/fit", "{\"model\":\"nbd\"}", token).statusCode()).isEqualTo(400);
		assertThat(http.send("POST", "/api/v1/revenue/ltv/fit", "{\"model\":\"bgnbd\"}", otherToken).statusCode())
			.isEqualTo(422);

		JsonNode cohort = json.readTree(http.send("POST", "/api/v1/revenue/ltv/fit",
				"{\"model\":\"sbg\",\"cohort\":[1000,631,468,382,326,289,262,241]}", token).body());
		assertThat(cohort.get("parameters").get("alpha").asDouble()).isCloseTo(0.704, within(0.001));
		assertThat(cohort.get("parameters").get("beta").asDouble()).isCloseTo(1.182, within(0.001));
	}

	@Test
	void aPlanFitIsTheCohortFitOfTheSameHistoryAndAnAccountIsValuedByDerl() throws Exception {
		int[] active = new int[LOST.length];
		active[0] = COHORT;
		for (int t = 1; t < LOST.length; t++) {
			active[t] = active[t - 1] - LOST[t];
		}
		ShiftedBetaGeometric expected = ShiftedBetaGeometric.fit(active);

		JsonNode plans = json.readTree(http.get("/api/v1/revenue/ltv/plans", readOnly).body());
		JsonNode basic = plans.get(0);
		assertThat(basic.get("plan").asString()).isEqualTo("Basic");
		assertThat(basic.get("subscriptions").asInt()).isEqualTo(COHORT);
		assertThat(basic.get("ended").asInt()).isEqualTo(COHORT - active[12]);
		assertThat(basic.get("alpha").asDouble()).isCloseTo(expected.alpha(), within(1e-4));
		assertThat(basic.get("beta").asDouble()).isCloseTo(expected.beta(), within(1e-4));
		assertThat(basic.get("survival").get(3).asDouble()).isCloseTo(expected.survival(3), within(1e-4));
		assertThat(basic.get("retention").get(0).asDouble()).isCloseTo(expected.retention(1), within(1e-4));

		double d = Math.pow(1.1, 1.0 / 12) - 1;
		double derl = expected.discountedExpectedResidualLifetime(12, d);
		JsonNode account = json.readTree(http.get("/api/v1/revenue/accounts/live-59/ltv", readOnly).body());
		assertThat(account.get("derlMonths").asDouble()).isCloseTo(derl, within(1e-3));
		assertThat(account.get("residualValue").get("minorUnits").asLong()).isCloseTo(Math.round(10_000 * derl),
				within(5L));
		assertThat(basic.get("residualValue").get("minorUnits").asLong()).isCloseTo(Math.round(active[12] * 10_000 * derl),
				within(50L));
		assertThat(http.get("/api/v1/revenue/accounts/live-59/ltv", otherToken).statusCode()).isEqualTo(404);
	}

	@Test
	void pagesReadCachedFitsAndNewPurchasesRefitThem() {
		java.time.Instant fitted = values.transactionModels(workspace).fittedAt();
		values.topCustomers(workspace, 20);
		values.plans(workspace, ClvParameters.DEFAULT);
		assertThat(values.transactionModels(workspace).fittedAt()).isEqualTo(fitted);
		http.send("POST", "/api/v1/transactions", """
				{"transactions": [{"id": "refit-1", "customerId": "web-9", "occurredAt": "2026-11-03T10:00:00Z",
				  "amount": {"minorUnits": 100, "currency": "EUR"}}]}""", token);
		assertThat(values.transactionModels(workspace).fittedAt()).isAfter(fitted);
	}

	@Test
	void rfmCountsEveryCustomerOnceAndTheImportEndpointTakesTransactions() throws Exception {
		JsonNode rfm = json.readTree(http.get("/api/v1/revenue/rfm?size=10", readOnly).body());
		long total = 0;
		for (JsonNode size : rfm.get("segmentSizes")) {
			total += size.asLong();
		}
		assertThat(total).isEqualTo(rfm.get("customers").get("total").asLong()).isEqualTo(885);
		assertThat(rfm.get("customers").get("items")).hasSize(10);
		assertThat(http.get("/api/v1/revenue/rfm?segment=bogus", readOnly).statusCode()).isEqualTo(400);
		// Codes in lower snake case and money in the API's one shape (ADRs 0039, 0047).
		assertThat(rfm.get("segmentSizes").propertyNames()).allMatch(code -> code.matches("[a-z_]+"));
		JsonNode customer = rfm.get("customers").get("items").get(0);
		assertThat(customer.get("segment").asString()).matches("[a-z_]+");
		assertThat(customer.get("monetary").get("currency").asString()).isEqualTo("GBP");
		assertThat(customer.get("monetary").get("minorUnits").asLong()).isPositive();
		String segment = customer.get("segment").asString();
		assertThat(json.readTree(http.get("/api/v1/revenue/rfm?segment=" + segment, readOnly).body()).get("customers")
			.get("total").asLong()).isEqualTo(rfm.get("segmentSizes").get(segment).asLong());

		String boundary = "kizuna-" + UUID.randomUUID();
		String csv = "customer_id,date,amount,currency\nup-1,2026-10-01,5.00,EUR\nup-1,2026-10-02,nope,EUR\n";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(http.url("/api/v1/imports/transactions")))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(upload.statusCode()).isEqualTo(200);
		JsonNode report = json.readTree(upload.body());
		assertThat(report.get("imported").asLong()).isEqualTo(1);
		assertThat(report.get("rejectedLines").get(0).get("line").asLong()).isEqualTo(3);
		assertThat(report.get("rejectedByCause").get("unparseable number").asLong()).isEqualTo(1);
	}
}

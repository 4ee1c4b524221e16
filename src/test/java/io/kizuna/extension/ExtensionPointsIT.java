package io.kizuna.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.kizuna.TestHttp;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.AtRiskAccount;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSignal;
import io.kizuna.health.SignalFinding;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalRule;
import io.kizuna.health.SignalRules;
import io.kizuna.health.SignalSeverity;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A module that is not there yet (this package stands for a support module) plugs into health and imports by
 * declaring beans and using their public API only: an "SLA breached" signal rule, which health stores under its code,
 * lists, filters the worklist by and resolves when it stops holding; and a CSV import of tickets, which the import
 * API accepts and the import page offers. Neither health nor imports names it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ExtensionPointsIT.SupportModule.class)
class ExtensionPointsIT {

	static final SignalKind SLA_BREACHED = new SignalKind("sla_breached");

	/** What a support module would know from its own tables: breaches by account external id. */
	static final Map<String, Integer> BREACHES = new ConcurrentHashMap<>();

	/** The tickets the support module's import stored, by workspace. */
	static final List<String> TICKETS = new java.util.concurrent.CopyOnWriteArrayList<>();

	@TestConfiguration(proxyBeanMethods = false)
	static class SupportModule {

		@Bean
		ImportTarget ticketsImport() {
			return ImportTarget.of("helpdesk_tickets", 60, new ImportColumns(List.of("ticket_id", "account_external_id"),
					Set.of("subject"), false), file -> RowHandler.each(file, row -> {
						if (row.value("subject") == null) {
							throw new io.kizuna.shared.InvalidInputException("subject: required for a ticket");
						}
						TICKETS.add(file.workspaceId().value() + ":" + row.required("ticket_id"));
					}));
		}

		@Bean
		SignalRule slaBreached() {
			return new SignalRule() {

				@Override
				public String code() {
					return "sla_breached";
				}

				@Override
				public Map<Long, SignalFinding> detect(SignalInput input) {
					Map<Long, SignalFinding> findings = new HashMap<>();
					for (AccountState state : input.scoring().states().values()) {
						Integer breaches = BREACHES.get(state.externalId());
						if (breaches != null) {
							findings.put(state.accountId(), new SignalFinding(
									breaches > 1 ? SignalSeverity.HIGH : SignalSeverity.MEDIUM, Map.of("breaches", breaches)));
						}
					}
					return findings;
				}
			};
		}
	}

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	AccountManagement accounts;

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthQueries queries;

	@Autowired
	SignalRules rules;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void anotherModulesImportTargetIsListedAndImports() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("tk-" + run, "TK " + run, "JPY", "Asia/Tokyo", "ja"))
			.id();
		String token = accessKeys.issueApiToken(workspace, "csv", TokenScope.READ_WRITE).secret();
		String boundary = "kizuna-" + run;
		String csv = "ticket_id,account_external_id,subject\nT-1,A-1,ログインできない\nT-2,A-1,\n";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		var response = new TestHttp(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/helpdesk_tickets"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"kind\":\"helpdesk_tickets\"", "\"imported\":1", "\"rejected\":1",
				"subject: required for a ticket");
		assertThat(TICKETS).containsExactly(workspace.value() + ":T-1");

		var unknown = new TestHttp(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/imports/widgets"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains(
				"accounts, contacts, subscriptions, events, transactions, helpdesk_tickets, stage_history, onboarding-milestones, tasks, tickets, reviews or survey_responses");

		// The import page offers it too (the label falls back to its code until the module brings its messages).
		people.createUser(workspace, "admin-" + run + "@example.com", "Admin", "correct-horse-battery",
				io.kizuna.workspace.Role.ADMIN);
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String base = "http://127.0.0.1:" + port;
		String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"")
			.matcher(login);
		assertThat(csrf.find()).isTrue();
		browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=admin-" + run + "%40example.com"
					+ "&password=correct-horse-battery&_csrf=" + csrf.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/imports")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(page).contains("<option value=\"accounts\"", "<option value=\"transactions\"",
				"<option value=\"helpdesk_tickets\"");
	}

	@Test
	void anotherModulesRuleIsRaisedStoredListedFilteredAndResolved() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("sla-" + run, "SLA " + run, "JPY", "Asia/Tokyo", "en"))
			.id();
		LocalDate day = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1);
		for (String account : List.of("late", "ontime")) {
			accounts.saveAccount(workspace, account, AccountDraft.named(account + " KK"));
			accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, "app", "Standard",
					30_000L, "JPY", 5, "active", day.minusDays(100), day.plusYears(1), null, null, day.minusDays(100)));
		}
		BREACHES.put("late", 2);

		assertThat(rules.kinds()).endsWith(SLA_BREACHED).doesNotHaveDuplicates();
		assertThat(rules.kind("sla_breached")).contains(SLA_BREACHED);

		scoring.recompute(workspace, day);
		List<HealthSignal> late = queries.accountHealth(workspace, "late", Locale.ENGLISH).signals();
		assertThat(late).filteredOn(s -> s.kind().equals(SLA_BREACHED)).singleElement().satisfies(s -> {
			assertThat(s.severity()).isEqualTo("high");
			assertThat(s.evidence()).containsEntry("breaches", 2);
		});
		assertThat(queries.accountHealth(workspace, "ontime", Locale.ENGLISH).signals())
			.noneMatch(s -> s.kind().equals(SLA_BREACHED));
		assertThat(jdbc.sql("select distinct kind from health_signal where workspace_id = ? and kind like 'sla%'")
			.param(workspace.value())
			.query(String.class)
			.set()).isEqualTo(Set.of("sla_breached"));
		assertThat(queries.atRisk(workspace, new AtRiskQuery(null, null, null, SLA_BREACHED, null, 0, 10)).items())
			.extracting(AtRiskAccount::externalId)
			.containsExactly("late");

		BREACHES.remove("late");
		scoring.recompute(workspace, day);
		assertThat(queries.accountHealth(workspace, "late", Locale.ENGLISH).signals())
			.noneMatch(s -> s.kind().equals(SLA_BREACHED));
		assertThat(queries.atRisk(workspace, new AtRiskQuery(null, null, null, SLA_BREACHED, null, 0, 10)).items())
			.isEmpty();
	}
}

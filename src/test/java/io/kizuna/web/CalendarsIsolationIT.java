package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.calendars.CalendarChanged;
import io.kizuna.calendars.CalendarManagement;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.calendars.SlaQuery;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * Calendars and SLA policies of workspace A, probed from workspace B with its API token and its signed-in admin
 * through every endpoint and page: nothing of A is read or changed. Also the REST API's behaviour and errors, and the
 * CalendarChanged event on an edit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarsIsolationIT {

	static final List<CalendarChanged> CHANGES = new CopyOnWriteArrayList<>();

	@TestConfiguration
	static class Events {
		@Bean
		Object calendarChangeRecorder() {
			return new Object() {
				@EventListener
				void on(CalendarChanged event) {
					CHANGES.add(event);
				}
			};
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	CalendarManagement calendars;

	@Autowired
	SlaPolicyManagement policies;

	TestWorkspace a;

	TestWorkspace b;

	TestHttp http;

	static final String CALENDAR = """
			{"key":"tokyo-desk","name":"東京デスク","zone":"Asia/Tokyo","japaneseHolidays":true,
			 "hours":[{"day":"MONDAY","opens":"09:00","closes":"18:00"},{"day":"TUESDAY","opens":"09:00","closes":"24:00"}],
			 "closures":[{"from":"2026-12-29","to":"2027-01-03","name":"年末年始","yearly":true}]}""";

	static final String POLICY = """
			{"key":"gold","name":"Gold","position":10,"calendarKey":"tokyo-desk","priority":null,"tier":"enterprise",
			 "segmentKey":null,"accountId":null,"firstResponseMinutes":60,"nextResponseMinutes":120,
			 "resolutionMinutes":480,"warningMinutes":15}""";

	@BeforeAll
	void setUp() {
		a = TestWorkspace.create(workspaces, people, keys, "cal-a", "ja");
		b = TestWorkspace.create(workspaces, people, keys, "cal-b", "en");
		http = new TestHttp(port);
		assertThat(http.send("POST", "/api/v1/calendars", CALENDAR, a.apiToken()).statusCode()).isEqualTo(201);
		assertThat(http.send("POST", "/api/v1/calendars/sla-policies", POLICY, a.apiToken()).statusCode()).isEqualTo(201);
	}

	@Test
	void theApiCreatesReadsAndComputesOnCalendars() {
		HttpResponse<String> list = http.get("/api/v1/calendars", a.apiToken());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("business-hours", "always-open", "tokyo-desk", "\"closes\":\"24:00\"");
		HttpResponse<String> due = http.get(
				"/api/v1/calendars/due?calendar=business-hours&from=2026-01-09T08:00:00Z&minutes=120", a.apiToken());
		assertThat(due.body()).contains("\"due\":\"2026-01-13T01:00:00Z\""); // Fri 17:00 JST + 2 h over 成人の日
		HttpResponse<String> minutes = http.get(
				"/api/v1/calendars/business-minutes?calendar=business-hours&from=2026-05-01T00:00:00Z&to=2026-05-08T00:00:00Z",
				a.apiToken());
		assertThat(minutes.body()).contains("\"minutes\":1080"); // Fri 1 May and Thu 7 May, 9 h each
		HttpResponse<String> holidays = http.get("/api/v1/calendars/holidays?year=2027", a.apiToken());
		assertThat(holidays.body()).contains("{\"date\":\"2027-03-22\",\"name\":\"休日\"}");
		assertThat(http.get("/api/v1/calendars/sla-policies/applicable?tier=enterprise&priority=high", a.apiToken())
			.body()).contains("\"key\":\"gold\"");
		assertThat(http.get("/api/v1/calendars/sla-policies/applicable?tier=smb", a.apiToken()).statusCode())
			.isEqualTo(204);
	}

	@Test
	void badInputIsA400NamingTheField() {
		HttpResponse<String> zone = http.send("POST", "/api/v1/calendars",
				CALENDAR.replace("tokyo-desk", "bad-zone").replace("Asia/Tokyo", "Mars/Olympus"), a.apiToken());
		assertThat(zone.statusCode()).isEqualTo(400);
		assertThat(zone.body()).contains("zone:");
		HttpResponse<String> hours = http.send("POST", "/api/v1/calendars",
				CALENDAR.replace("tokyo-desk", "bad-hours").replace("\"18:00\"", "\"08:00\""), a.apiToken());
		assertThat(hours.statusCode()).isEqualTo(400);
		assertThat(hours.body()).contains("hours:");
		HttpResponse<String> reserved = http.send("POST", "/api/v1/calendars",
				CALENDAR.replace("tokyo-desk", "holidays"), a.apiToken());
		assertThat(reserved.statusCode()).isEqualTo(400);
		HttpResponse<String> target = http.send("POST", "/api/v1/calendars/sla-policies",
				POLICY.replace("gold", "bad").replace(":60,", ":0,"), a.apiToken());
		assertThat(target.statusCode()).isEqualTo(400);
		assertThat(target.body()).contains("targets:");
		HttpResponse<String> calendar = http.send("POST", "/api/v1/calendars/sla-policies",
				POLICY.replace("gold", "bad2").replace("tokyo-desk", "nowhere"), a.apiToken());
		assertThat(calendar.statusCode()).isEqualTo(400);
		assertThat(http.send("POST", "/api/v1/calendars/sla-policies", POLICY, a.apiToken()).statusCode()).isEqualTo(409);
		assertThat(http.send("DELETE", "/api/v1/calendars/tokyo-desk", "", a.apiToken()).statusCode())
			.as("used by gold").isEqualTo(409);
		assertThat(http.send("DELETE", "/api/v1/calendars/business-hours", "", a.apiToken()).statusCode())
			.as("the default").isEqualTo(409);
		assertThat(http.get("/api/v1/calendars/holidays?year=99999", a.apiToken()).statusCode()).isEqualTo(400);
	}

	@Test
	void anEditPublishesCalendarChangedNamingThePolicies() {
		CHANGES.clear();
		HttpResponse<String> put = http.send("PUT", "/api/v1/calendars/tokyo-desk",
				CALENDAR.replace("\"18:00\"", "\"19:00\""), a.apiToken());
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.body()).contains("19:00");
		assertThat(CHANGES).containsExactly(new CalendarChanged(a.id(), "tokyo-desk", List.of("gold")));
	}

	@Test
	void anotherWorkspacesTokenReadsAndChangesNothing() {
		String token = b.apiToken();
		assertThat(http.get("/api/v1/calendars", token).body()).doesNotContain("tokyo-desk");
		assertThat(http.get("/api/v1/calendars/tokyo-desk", token).statusCode()).isEqualTo(404);
		assertThat(http.send("PUT", "/api/v1/calendars/tokyo-desk", CALENDAR, token).statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/calendars/tokyo-desk", "", token).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/calendars/due?calendar=tokyo-desk&from=2026-01-09T08:00:00Z&minutes=1", token).statusCode())
			.isEqualTo(404);
		assertThat(http.get("/api/v1/calendars/business-minutes?calendar=tokyo-desk&from=2026-01-09T08:00:00Z&to=2026-01-10T08:00:00Z",
				token).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/calendars/sla-policies", token).body()).doesNotContain("gold");
		assertThat(http.get("/api/v1/calendars/sla-policies/gold", token).statusCode()).isEqualTo(404);
		assertThat(http.send("PUT", "/api/v1/calendars/sla-policies/gold", POLICY, token).statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/calendars/sla-policies/gold", "", token).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/calendars/sla-policies/applicable?tier=enterprise", token).statusCode())
			.isEqualTo(204);
		// B's policy naming A's calendar key is refused: the key means nothing in B
		assertThat(http.send("POST", "/api/v1/calendars/sla-policies", POLICY, token).statusCode()).isEqualTo(400);
		assertUnchanged();
	}

	@Test
	void anotherWorkspacesSessionOpensAndChangesNothing() {
		WebSession session = WebSession.signedIn(port, b.adminEmail(), b.password());
		assertThat(session.get("/settings/calendars").body()).doesNotContain("東京デスク");
		assertThat(session.get("/settings/calendars/tokyo-desk").statusCode()).isEqualTo(404);
		assertThat(session.get("/settings/sla-policies").body()).doesNotContain("Gold");
		assertThat(session.get("/settings/sla-policies?edit=gold").body()).doesNotContain("Gold");
		assertThat(session.post("/settings/calendars/tokyo-desk", "name=Stolen&zone=UTC&hours-MONDAY=00:00-24:00")
			.statusCode()).isEqualTo(404);
		assertThat(session.post("/settings/calendars/tokyo-desk/delete", "").statusCode()).isEqualTo(404);
		assertThat(session.post("/settings/sla-policies/gold/delete", "").statusCode()).isEqualTo(404);
		session.post("/settings/sla-policies", "editing=true&key=gold&name=Stolen&calendarKey=business-hours&firstResponseMinutes=1");
		assertUnchanged();
		// B saved a policy of its own under the same key; A's is untouched
		assertThat(policies.list(b.id())).extracting(SlaPolicy::name).doesNotContain("Gold");
		policies.list(b.id()).forEach(p -> policies.delete(b.id(), p.key()));
	}

	@Test
	void aViewerOfTheSameWorkspaceMayNotOpenTheSettings() {
		String viewer = a.user(people, "viewer", Role.VIEWER);
		WebSession session = WebSession.signedIn(port, viewer, TestWorkspace.PASSWORD);
		assertThat(session.get("/settings/calendars").statusCode()).isEqualTo(403);
		assertThat(session.post("/settings/calendars/tokyo-desk/delete", "").statusCode()).isEqualTo(403);
		assertUnchanged();
	}

	private void assertUnchanged() {
		assertThat(calendars.get(a.id(), "tokyo-desk").name()).isEqualTo("東京デスク");
		assertThat(policies.get(a.id(), "gold").name()).isEqualTo("Gold");
		assertThat(policies.applicable(a.id(), new SlaQuery(null, "enterprise", null, null))).isPresent();
	}
}

package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.journeys.JourneyManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workspace B — with its API token and with a signed-in admin's session — can neither read nor change workspace A's
 * stages, rules, account stages, history or journey through any journeys endpoint or page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneysIsolationIT {

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
	JourneyManagement journeys;

	TestWorkspace a;

	TestWorkspace b;

	TestHttp http;

	WebSession session;

	@BeforeAll
	void workspaces() {
		http = new TestHttp(port);
		a = TestWorkspace.create(workspaces, people, accessKeys, "journeys-a", "en");
		b = TestWorkspace.create(workspaces, people, accessKeys, "journeys-b", "en");
		accounts.saveAccount(a.id(), "iso-a", new AccountDraft("Secret Alpha KK", null, null, "smb", null, "onboarding", null,
				null));
		journeys.addStage(a.id(), "a-only", "秘密ステージ", "Secret stage", 10);
		journeys.setStage(a.id(), "iso-a", "a-only", null, true);
		journeys.saveRules(a.id(), List.of(new JourneyManagement.RuleDraft("name = \"Secret Alpha KK\"", "adopting")));
		String admin = b.user(people, "admin-b", Role.ADMIN);
		session = WebSession.signedIn(port, admin, TestWorkspace.PASSWORD);
	}

	@Test
	void apiTokenOfBSeesAndChangesNothingOfA() {
		String token = b.apiToken();
		assertThat(http.get("/api/v1/journeys/accounts/iso-a/stage", token).statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/journeys/accounts/iso-a/history", token).statusCode()).isEqualTo(404);
		assertThat(http.send("PUT", "/api/v1/journeys/accounts/iso-a/stage", "{\"stage\":\"churned\"}", token)
			.statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/journeys/accounts/iso-a/stage/release", "", token).statusCode())
			.isEqualTo(404);
		assertThat(http.get("/api/v1/journeys/stages/a-only", token).statusCode()).isEqualTo(404);
		assertThat(http.send("PUT", "/api/v1/journeys/stages/a-only", "{\"labelJa\":\"x\",\"labelEn\":\"x\"}", token)
			.statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/journeys/stages/a-only/move", "{\"by\":-1}", token).statusCode())
			.isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/journeys/stages/a-only?moveTo=onboarding", "", token).statusCode())
			.isEqualTo(404);
		assertThat(http.get("/api/v1/journeys/stages", token).body()).doesNotContain("a-only", "Secret");
		assertThat(http.get("/api/v1/journeys/rules", token).body()).doesNotContain("Secret");
		assertThat(http.get("/api/v1/journeys/journey", token).body()).doesNotContain("a-only");
		assertThat(http.send("POST", "/api/v1/journeys/evaluate", "", token).statusCode()).isEqualTo(200);
		unchanged();
	}

	@Test
	void signedInAdminOfBSeesAndChangesNothingOfA() {
		assertThat(session.post("/journeys/accounts/iso-a/stage", "stage=churned&hold=on").statusCode()).isEqualTo(404);
		assertThat(session.post("/journeys/accounts/iso-a/release", "").statusCode()).isEqualTo(404);
		assertThat(session.post("/journeys/stages/a-only", "labelJa=x&labelEn=x").body()).doesNotContain("Secret stage");
		assertThat(session.post("/journeys/stages/a-only/move", "by=-1").statusCode()).isEqualTo(404);
		assertThat(session.post("/journeys/stages/a-only/remove", "moveTo=onboarding").statusCode()).isEqualTo(404);
		assertThat(session.get("/journeys").body()).doesNotContain("Secret", "a-only");
		assertThat(session.get("/journeys/stages").body()).doesNotContain("Secret", "a-only");
		assertThat(session.get("/accounts/iso-a").statusCode()).isEqualTo(404);
		unchanged();
	}

	private void unchanged() {
		assertThat(journeys.accountStage(a.id(), "iso-a").stage()).isEqualTo("a-only");
		assertThat(journeys.stage(a.id(), "a-only").labelEn()).isEqualTo("Secret stage");
		assertThat(journeys.rules(a.id())).hasSize(1);
		assertThat(accounts.account(a.id(), "iso-a").lifecycleStage()).isEqualTo("a-only");
	}
}

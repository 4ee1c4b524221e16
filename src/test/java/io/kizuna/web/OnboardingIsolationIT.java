package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.onboarding.Milestone;
import io.kizuna.onboarding.MilestoneKind;
import io.kizuna.onboarding.OnboardingManagement;
import io.kizuna.onboarding.OnboardingPlan;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workspace B — with its API token and signed in as its admin — can neither read nor change workspace A's
 * onboarding plans and progress through any onboarding endpoint or page; the same keys in B are B's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingIsolationIT {

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
	OnboardingManagement onboarding;

	TestWorkspace a;

	TestWorkspace b;

	static final String PLAN_JSON = """
			{"key":"iso-plan","nameJa":"乗っ取り","nameEn":"Taken","scope":"default",
			 "milestones":[{"key":"kickoff","nameJa":"x","nameEn":"x","kind":"manual","dueDay":1}]}""";

	@BeforeAll
	void workspaces() {
		a = TestWorkspace.create(workspaces, people, accessKeys, "onb-iso-a", "ja");
		b = TestWorkspace.create(workspaces, people, accessKeys, "onb-iso-b", "ja");
		LocalDate start = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(10);
		accounts.saveAccount(a.id(), "iso-a", new AccountDraft("秘密の顧客", null, null, "smb", null, null, null, Map.of()));
		accounts.saveSubscription(a.id(), "sub-iso-a", new SubscriptionDraft("iso-a", "app", "Standard", 10_000L, "JPY", 5,
				"active", start, start.plusYears(1), null, null, start));
		onboarding.savePlan(a.id(), null, new OnboardingPlan("iso-plan", "A社の秘密プラン", "A secret plan", "default", "",
				List.of(new Milestone("kickoff", "キックオフ", "Kickoff", MilestoneKind.MANUAL, null, 1, 30, 3, true))));
	}

	@Test
	void workspaceBsTokenCannotReadOrChangeAsOnboarding() {
		TestHttp http = new TestHttp(port);
		String token = b.apiToken();
		assertThat(http.get("/api/v1/onboarding/plans", token).body()).doesNotContain("iso-plan", "秘密");
		for (String path : List.of("/api/v1/onboarding/plans/iso-plan", "/api/v1/onboarding/plans/iso-plan/milestones",
				"/api/v1/onboarding/accounts/iso-a")) {
			HttpResponse<String> response = http.get(path, token);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("秘密", "kickoff");
		}
		assertThat(http.send("PUT", "/api/v1/onboarding/plans/iso-plan", PLAN_JSON, token).statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/onboarding/plans/iso-plan", "", token).statusCode()).isEqualTo(404);
		assertThat(http.send("POST", "/api/v1/onboarding/accounts/iso-a/milestones/kickoff/done", "{}", token)
			.statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/onboarding/accounts/iso-a/milestones/kickoff/done", "", token)
			.statusCode()).isEqualTo(404);
		assertThat(http.get("/api/v1/onboarding/cohorts?months=3", token).body()).doesNotContain("iso-plan");
		assertThat(http.send("POST", "/api/v1/onboarding/evaluate", "", token).statusCode()).isEqualTo(200);
		// the same key in B is B's own plan
		assertThat(http.send("POST", "/api/v1/onboarding/plans", PLAN_JSON, token).statusCode()).isEqualTo(201);
		assertThat(http.get("/api/v1/onboarding/accounts/iso-a", token).statusCode()).isEqualTo(404);
		assertUnchanged();
		assertThat(http.send("DELETE", "/api/v1/onboarding/plans/iso-plan", "", token).statusCode()).isEqualTo(204);
		assertUnchanged();
	}

	@Test
	void workspaceBsSignedInAdminCannotReadOrChangeAsOnboarding() {
		WebSession session = WebSession.signedIn(port, b.adminEmail(), b.password());
		assertThat(session.get("/onboarding").body()).doesNotContain("iso-plan", "秘密");
		assertThat(session.get("/onboarding/cohorts").body()).doesNotContain("秘密");
		HttpResponse<String> editor = session.get("/onboarding/plans/iso-plan");
		assertThat(editor.statusCode()).isEqualTo(404);
		assertThat(editor.body()).doesNotContain("秘密");
		assertThat(session.post("/onboarding/plans/iso-plan", "key=iso-plan&nameJa=x&nameEn=x&scope=default").statusCode())
			.isEqualTo(404);
		assertThat(session.post("/onboarding/plans/iso-plan/delete", "").statusCode()).isEqualTo(404);
		assertThat(session.post("/onboarding/accounts/iso-a/milestones/kickoff", "completedOn=").statusCode())
			.isEqualTo(404);
		assertThat(session.post("/onboarding/accounts/iso-a/milestones/kickoff", "undo=1").statusCode()).isEqualTo(404);
		assertThat(session.get("/accounts/iso-a").statusCode()).isEqualTo(404);
		assertUnchanged();
	}

	private void assertUnchanged() {
		OnboardingPlan plan = onboarding.plan(a.id(), "iso-plan");
		assertThat(plan.nameJa()).isEqualTo("A社の秘密プラン");
		assertThat(plan.milestones()).extracting(Milestone::key).containsExactly("kickoff");
		assertThat(onboarding.progress(a.id(), "iso-a").steps()).noneMatch(s -> s.done());
	}
}

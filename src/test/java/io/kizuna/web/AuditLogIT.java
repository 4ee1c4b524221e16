package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.health.HealthAdministration;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditEntry;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.User;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Security-relevant and configuration changes are recorded with who, what, when and from where; only admins see them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogIT {

	static final String PASSWORD = "correct-horse-battery";

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	HealthAdministration health;

	@Test
	void changesThroughPagesAndTheApiAreRecordedWithActorAndAddress() {
		String run = run();
		WorkspaceId workspace = workspace("audit-" + run, "Asia/Tokyo");
		String admin = "admin-" + run + "@example.com";
		people.createUser(workspace, admin, "Admin", PASSWORD, Role.ADMIN);
		String csm = "csm-" + run + "@example.com";
		User csmUser = people.createUser(workspace, csm, "Csm", PASSWORD, Role.CSM);

		assertThat(new WebSession(port).signIn(admin, "wrong-password-1")).isFalse();
		for (int i = 0; i < 6; i++) {
			new WebSession(port).signIn(csm, "wrong-password-" + i);
		}
		WebSession session = WebSession.signedIn(port, admin, PASSWORD);
		assertThat(session.post("/settings/write-keys", "name=ci").statusCode()).isEqualTo(302);
		long key = accessKeys.writeKeys(workspace).get(0).id();
		assertThat(session.post("/settings/write-keys/" + key + "/revoke", "").statusCode()).isEqualTo(302);
		assertThat(session.post("/settings/api-tokens", "name=bi&scope=read").statusCode()).isEqualTo(302);
		assertThat(session.post("/settings/users", "name=New&email=new-" + run + "%40example.com&password=" + PASSWORD
				+ "&role=viewer").statusCode()).isEqualTo(302);
		assertThat(session.post("/settings/users/" + csmUser.id() + "/role", "role=manager").statusCode()).isEqualTo(302);
		assertThat(session.post("/settings/users/" + csmUser.id() + "/disable", "disabled=true").statusCode())
			.isEqualTo(302);
		assertThat(session.post("/settings/health", "keyFeatures=Report+Created&idleDays=20&seatsUnusedRatio=0.3"
				+ "&onboardingDays=30&championInactiveDays=30&renewalWindowDays=90").statusCode()).isEqualTo(302);
		long scorecard = health.scorecards(workspace).get(0).id();
		assertThat(session.post("/settings/scorecards/" + scorecard, "action=save&redBelow=35&greenFrom=75").statusCode())
			.isEqualTo(200);
		assertThat(session.post("/settings/outbound", "entries=10.0.0.0%2F8%0Ahooks.internal.example").statusCode())
			.isEqualTo(302);
		assertThat(workspaces.outboundAllowList(workspace)).containsExactly("10.0.0.0/8", "hooks.internal.example");
		assertThat(session.get("/exports/accounts.csv").statusCode()).isEqualTo(200);
		assertThat(session.post("/logout", "").statusCode()).isEqualTo(302);

		String token = accessKeys.issueApiToken(workspace, "ops", TokenScope.READ_WRITE).secret();
		TestHttp api = new TestHttp(port);
		HttpResponse<String> imported = api.send(HttpRequest.newBuilder(URI.create(api.url("/api/v1/imports/accounts")))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=XX")
			.POST(HttpRequest.BodyPublishers.ofString("--XX\r\nContent-Disposition: form-data; name=\"file\"; "
					+ "filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nexternal_id,name\r\na-1,Acme\r\n--XX--\r\n")));
		assertThat(imported.statusCode()).isEqualTo(200);

		List<AuditEntry> entries = auditTrail.page(workspace, new AuditQuery(null, null, 0, 200)).items();
		assertThat(entries).extracting(AuditEntry::action)
			.contains("sign_in.failed", "sign_in.locked", "sign_in.succeeded", "sign_out", "write_key.created",
					"write_key.revoked", "api_token.created", "user.created", "user.role_changed", "user.disabled",
					"health_settings.changed", "scorecard.changed", "outbound_allow_list.changed", "accounts.exported",
					"import.completed");
		assertThat(entries).filteredOn(e -> e.action().equals("user.role_changed")).singleElement().satisfies(e -> {
			assertThat(e.actor()).isEqualTo(admin);
			assertThat(e.target()).isEqualTo(csm);
			assertThat(e.detail()).contains("\"from\"", "csm", "manager");
			assertThat(e.remoteAddress()).isEqualTo("127.0.0.1");
			assertThat(e.occurredAt()).isAfter(java.time.Instant.now().minusSeconds(120));
		});
		assertThat(entries).filteredOn(e -> e.action().equals("sign_in.locked")).singleElement()
			.extracting(AuditEntry::target).isEqualTo(csm);
		assertThat(entries).filteredOn(e -> e.action().equals("import.completed")).singleElement()
			.satisfies(e -> assertThat(e.actor()).startsWith("api-token:"));
		assertThat(entries).filteredOn(e -> e.action().equals("sign_in.failed"))
			.extracting(AuditEntry::target).contains(admin, csm);
	}

	@Test
	void onlyAdminsSeeTheLogAndNeverAnotherWorkspacesEntries() {
		String run = run();
		WorkspaceId a = workspace("audit-a-" + run, "America/New_York");
		WorkspaceId b = workspace("audit-b-" + run, "Asia/Tokyo");
		String adminA = "admin-a-" + run + "@example.com";
		people.createUser(a, adminA, "Admin A", PASSWORD, Role.ADMIN);
		String secretOfB = "only-in-b-" + run + "@example.com";
		people.createUser(b, secretOfB, "B person", PASSWORD, Role.VIEWER);
		for (Role role : List.of(Role.MANAGER, Role.CSM, Role.SUPPORT, Role.VIEWER)) {
			String email = role.code() + "-a-" + run + "@example.com";
			people.createUser(a, email, role.code(), PASSWORD, role);
			assertThat(WebSession.signedIn(port, email, PASSWORD).get("/audit").statusCode()).as(role.code()).isEqualTo(403);
		}

		WebSession admin = WebSession.signedIn(port, adminA, PASSWORD);
		HttpResponse<String> page = admin.get("/audit?lang=en");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Audit log", "user.created", adminA, "America/New_York")
			.doesNotContain(secretOfB);
		assertThat(admin.get("/audit?lang=ja").body()).contains("監査ログ", "実行者");
		// The action in words in the row; its code only as the filter's value.
		assertThat(admin.get("/audit?action=user.created&actor=system&lang=en").body())
			.contains("viewer-a-" + run, "<td class=\"action\">User added</td>")
			.doesNotContain("<td class=\"action\">Signed in</td>");
		assertThat(admin.get("/audit?lang=en&actor=" + WebSession.encode(adminA)).body()).contains("<td class=\"action\">Signed in</td>")
			.doesNotContain("viewer-a-" + run + "@example.com</td>");

		TestHttp api = new TestHttp(port);
		String readToken = accessKeys.issueApiToken(a, "bi", TokenScope.READ).secret();
		String adminToken = accessKeys.issueApiToken(a, "ops", TokenScope.READ_WRITE).secret();
		String tokenOfB = accessKeys.issueApiToken(b, "ops-b", TokenScope.READ_WRITE).secret();
		assertThat(api.get("/api/v1/audit", readToken).statusCode()).isEqualTo(403);
		assertThat(api.get("/api/v1/audit", readToken).body()).contains("read_write");
		assertThat(api.get("/api/v1/audit", "kzt_unknown").statusCode()).isEqualTo(401);
		HttpResponse<String> listed = api.get("/api/v1/audit?size=200", adminToken);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("user.created", adminA).doesNotContain(secretOfB);
		assertThat(api.get("/api/v1/audit?size=200&actor=system", tokenOfB).body()).contains(secretOfB)
			.doesNotContain(adminA);
		assertThat(api.get("/api/v1/audit?action=user.created&size=2&page=1", adminToken).body())
			.contains("\"page\":1", "\"size\":2", "\"total\":5");
	}

	@Test
	void theLastAdminCannotBeDemotedAndNobodyDisablesThemselves() {
		String run = run();
		WorkspaceId workspace = workspace("audit-last-" + run, "Asia/Tokyo");
		String email = "admin-" + run + "@example.com";
		User admin = people.createUser(workspace, email, "Admin", PASSWORD, Role.ADMIN);
		User other = people.createUser(workspace, "other-" + run + "@example.com", "Other", PASSWORD, Role.ADMIN);
		WebSession session = WebSession.signedIn(port, email, PASSWORD);
		session.post("/settings/users/" + admin.id() + "/disable", "disabled=true");
		session.post("/settings/users/" + admin.id() + "/role", "role=viewer");
		assertThat(people.findUser(email).orElseThrow()).extracting(User::role, User::disabled)
			.containsExactly(Role.ADMIN, false);
		WebSession otherSession = WebSession.signedIn(port, other.email(), PASSWORD);
		assertThat(otherSession.get("/settings").statusCode()).isEqualTo(200);
		session.post("/settings/users/" + other.id() + "/disable", "disabled=true");
		assertThat(people.findUser(other.email()).orElseThrow().disabled()).isTrue();
		assertThat(otherSession.get("/settings").headers().firstValue("Location").orElse(""))
			.as("the disabled user's open session ends at once").contains("/login");
		assertThat(new WebSession(port).signIn(other.email(), PASSWORD)).as("a disabled user cannot sign in").isFalse();
	}

	private WorkspaceId workspace(String slug, String zone) {
		return workspaces.create(new NewWorkspace(slug, slug, "JPY", zone, "en")).id();
	}

	private static String run() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}

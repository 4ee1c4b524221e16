package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskDraft;
import io.kizuna.playbooks.TaskManagement;
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
 * Workspace B — by API token and by a signed-in admin's session — can neither read nor change workspace A's
 * playbooks, enrollments, run log or tasks through any endpoint or page of the playbooks module.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybooksIsolationIT {

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
	PlaybookManagement playbooks;

	@Autowired
	TaskManagement tasks;

	TestWorkspace a;

	TestWorkspace b;

	Playbook playbook;

	Task task;

	long userOfA;

	@BeforeAll
	void data() {
		a = TestWorkspace.create(workspaces, people, accessKeys, "pb-iso-a", "ja");
		b = TestWorkspace.create(workspaces, people, accessKeys, "pb-iso-b", "en");
		userOfA = people.createUser(a.id(), "csm@" + a.slug() + ".test", "秘密 花子", TestWorkspace.PASSWORD, Role.CSM).id();
		accounts.saveAccount(a.id(), "secret-account", new AccountDraft("秘密の顧客", null, null, "enterprise", userOfA, null, null, Map.of()));
		accounts.saveAccount(b.id(), "b-account", AccountDraft.named("B account"));
		playbook = playbooks.create(a.id(), new PlaybookDraft("秘密のプレイブック", new PlaybookDefinition(
				new PlaybookDefinition.Trigger("manual", Map.of()), null, null, null,
				List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "秘密のタスク"), false, null, null, null)))));
		playbooks.setKey(a.id(), playbook.id(), "secret-playbook");
		playbooks.activate(a.id(), playbook.id());
		playbooks.runManually(a.id(), playbook.id(), null, List.of("secret-account"));
		task = tasks.list(a.id(), "open_all", null, null, 10).get(0);
	}

	@Test
	void theApiOfAnotherWorkspaceFindsNothingAndChangesNothing() {
		TestHttp http = new TestHttp(port);
		String t = b.apiToken();
		long p = playbook.id();
		long k = task.id();
		for (String path : List.of("/api/v1/playbooks/" + p, "/api/v1/playbooks/" + p + "/enrollments",
				"/api/v1/playbooks/" + p + "/log", "/api/v1/playbooks/" + p + "/preview", "/api/v1/tasks/" + k,
				"/api/v1/tasks/" + k + "/events")) {
			assertThat(http.get(path, t).statusCode()).as(path).isEqualTo(404);
		}
		String definition = "{\"name\":\"x\",\"definition\":{\"trigger\":{\"type\":\"manual\"},\"steps\":[{\"day\":0,\"type\":\"create_task\",\"settings\":{\"title\":\"x\"}}]}}";
		assertThat(http.send("PUT", "/api/v1/playbooks/" + p, definition, t).statusCode()).isEqualTo(404);
		for (String action : List.of("activate", "pause")) {
			assertThat(http.send("POST", "/api/v1/playbooks/" + p + "/" + action, "", t).statusCode()).as(action).isEqualTo(404);
		}
		assertThat(http.send("POST", "/api/v1/playbooks/" + p + "/run", "{\"accounts\":[\"secret-account\"]}", t).statusCode()).isEqualTo(404);
		assertThat(http.send("DELETE", "/api/v1/playbooks/" + p, "", t).statusCode()).isEqualTo(404);
		Map<String, String> bodies = Map.of("start", "{}", "snooze", "{\"until\":\"2099-01-01\"}",
				"reassign", "{\"userId\":" + userOfA + "}", "complete", "{\"outcome\":\"resolved\"}", "cancel", "{\"reason\":\"x\"}");
		bodies.forEach((action, body) -> assertThat(http.send("POST", "/api/v1/tasks/" + k + "/" + action, body, t)
			.statusCode()).as(action).isEqualTo(404));
		// B's own playbook cannot run on A's account, nor enroll into A's playbook; B's task cannot go to A's user
		assertThat(http.send("POST", "/api/v1/tasks", "{\"account\":\"secret-account\",\"title\":\"x\"}", t).statusCode()).isEqualTo(400);
		assertThat(http.send("POST", "/api/v1/tasks", "{\"account\":\"b-account\",\"title\":\"x\",\"assigneeUserId\":" + userOfA + "}", t)
			.statusCode()).isEqualTo(400);
		assertThat(http.send("POST", "/api/v1/playbooks", "{\"name\":\"x\",\"definition\":{\"trigger\":{\"type\":\"manual\"},\"steps\":[{\"day\":0,\"type\":\"enroll_playbook\",\"settings\":{\"playbook\":\"" + p + "\"}}]}}", t)
			.statusCode()).isEqualTo(400);
		String lists = http.get("/api/v1/playbooks", t).body() + http.get("/api/v1/tasks", t).body()
				+ http.get("/api/v1/tasks/team", t).body();
		assertThat(lists).doesNotContain("秘密");
		assertTaskUntouched();
	}

	@Test
	void thePagesOfAnotherWorkspaceFindNothingAndChangeNothing() {
		WebSession session = WebSession.signedIn(port, b.adminEmail(), b.password());
		long p = playbook.id();
		for (String path : List.of("/playbooks/" + p, "/playbooks/" + p + "/log", "/playbooks/secret-playbook",
				"/playbooks/secret-playbook/log")) {
			assertThat(session.get(path).statusCode()).as(path).isEqualTo(404);
		}
		for (String path : List.of("/tasks", "/tasks?view=all", "/tasks/team", "/playbooks")) {
			HttpResponse<String> page = session.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.body()).as(path).doesNotContain("秘密");
		}
		for (String action : List.of("activate", "pause", "delete", "run")) {
			assertThat(session.post("/playbooks/" + p + "/" + action, "segment=&accounts=secret-account").statusCode())
				.as(action).isEqualTo(404);
		}
		assertThat(session.post("/playbooks", "id=" + p + "&name=stolen&triggerType=manual&stepType=create_task&stepDay=0&stepSettings=title%3Dx")
			.statusCode()).isEqualTo(404);
		for (String action : List.of("start", "snooze", "reassign", "complete", "cancel", "check")) {
			assertThat(session.post("/tasks/" + task.id() + "/" + action,
					"until=2099-01-01&userId=" + userOfA + "&outcome=resolved&reason=x&item=0").statusCode()).as(action).isEqualTo(404);
		}
		assertThat(session.post("/tasks", "account=secret-account&title=x").statusCode()).isEqualTo(302);
		assertThat(tasks.list(b.id(), null, null, null, 10)).isEmpty();
		assertTaskUntouched();
		assertThat(playbooks.get(a.id(), p).status()).isEqualTo("active");
		assertThat(playbooks.get(a.id(), p).name()).isEqualTo("秘密のプレイブック");
	}

	private void assertTaskUntouched() {
		Task now = tasks.get(a.id(), task.id());
		assertThat(now.status()).isEqualTo("open");
		assertThat(now.assigneeUserId()).isEqualTo(userOfA);
		assertThat(now.dueOn()).isEqualTo(task.dueOn());
	}
}

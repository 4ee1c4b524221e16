package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The accounts list's export button carries the list's filters; viewers do not get the button. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountExportPageIT {

	static final Pattern EXPORT_LINK = Pattern.compile("id=\"export-csv\" href=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccountManagement accounts;

	@Test
	void theExportButtonExportsWhatTheListShows() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("expp-" + run, "E", "JPY", "Asia/Tokyo", "ja")).id();
		accounts.saveAccount(workspace, "e-1", new AccountDraft("Alpha Enterprise", null, null, "enterprise", null, null,
				null, Map.of()));
		accounts.saveAccount(workspace, "e-2", new AccountDraft("Beta Enterprise", null, null, "enterprise", null, null,
				null, Map.of()));
		accounts.saveAccount(workspace, "s-1", new AccountDraft("Alpha Small", null, null, "smb", null, null, null,
				Map.of()));
		people.createUser(workspace, "csm-" + run + "@example.com", "Csm", "correct-horse-battery", Role.CSM);
		people.createUser(workspace, "viewer-" + run + "@example.com", "V", "correct-horse-battery", Role.VIEWER);

		WebSession csm = WebSession.signedIn(port, "csm-" + run + "@example.com", "correct-horse-battery");
		String list = csm.get("/accounts?q=Alpha&tier=enterprise").body();
		Matcher link = EXPORT_LINK.matcher(list);
		assertThat(link.find()).as("the export button").isTrue();
		String href = link.group(1).replace("&amp;", "&");
		assertThat(href).contains("q=Alpha", "tier=enterprise");
		String csv = csm.get(href).body();
		assertThat(csv).contains("Alpha Enterprise").doesNotContain("Beta Enterprise").doesNotContain("Alpha Small");

		WebSession viewer = WebSession.signedIn(port, "viewer-" + run + "@example.com", "correct-horse-battery");
		assertThat(viewer.get("/accounts").body()).doesNotContain("export-csv");
	}
}

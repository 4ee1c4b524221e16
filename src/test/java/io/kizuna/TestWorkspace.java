package io.kizuna;

import java.util.UUID;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;

/**
 * A fresh workspace of a test class's own, created through the product's facades, with an admin who can sign in, a
 * write key and a read-write API token. The integration tests share one embedded database; a class that works only in
 * its own workspace sees the same data whichever classes ran before it.
 *
 * @param slug unique per call; also the prefix of the users' e-mail addresses
 */
public record TestWorkspace(WorkspaceId id, String slug, String adminEmail, String password, String writeKey,
		String apiToken) {

	public static final String PASSWORD = "test-workspace-password";

	/** A JPY, Asia/Tokyo workspace (the product's defaults) in the given language. */
	public static TestWorkspace create(WorkspaceManagement workspaces, UserManagement people, AccessKeys accessKeys,
			String prefix, String locale) {
		return create(workspaces, people, accessKeys, prefix, "JPY", "Asia/Tokyo", locale);
	}

	public static TestWorkspace create(WorkspaceManagement workspaces, UserManagement people, AccessKeys accessKeys,
			String prefix, String currency, String timeZone, String locale) {
		String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId id = workspaces.create(new NewWorkspace(slug, prefix + " " + slug, currency, timeZone, locale)).id();
		String admin = "admin@" + slug + ".test";
		people.createUser(id, admin, "Admin " + slug, PASSWORD, Role.ADMIN);
		String writeKey = accessKeys.issueWriteKey(id, "test").secret();
		String apiToken = accessKeys.issueApiToken(id, "test", TokenScope.READ_WRITE).secret();
		return new TestWorkspace(id, slug, admin, PASSWORD, writeKey, apiToken);
	}

	/** Another user of this workspace, signing in with {@link #PASSWORD}; returns the e-mail address. */
	public String user(UserManagement people, String name, Role role) {
		String email = name + "@" + slug + ".test";
		people.createUser(id, email, name, PASSWORD, role);
		return email;
	}
}

package io.kizuna.workspace;

import java.util.EnumSet;
import java.util.Set;

/** The groups of roles the permission matrix of docs/security.md speaks of. */
public final class Roles {

	/** Every signed-in person, viewers included. */
	public static final Set<Role> EVERYONE = Set.copyOf(EnumSet.allOf(Role.class));

	/** Everyone who works with customers: viewers only read. */
	public static final Set<Role> WORKERS = Set.of(Role.ADMIN, Role.MANAGER, Role.CSM, Role.SUPPORT);

	/** Those who own customers (bulk exports). */
	public static final Set<Role> OWNERS = Set.of(Role.ADMIN, Role.MANAGER, Role.CSM);

	/** Admins and managers: settings, scorecards, imports. */
	public static final Set<Role> LEADS = Set.of(Role.ADMIN, Role.MANAGER);

	/** Keys, tokens, users, the workspace, the outbound allow-list and the audit log. */
	public static final Set<Role> ADMINS = Set.of(Role.ADMIN);

	private Roles() {
	}
}

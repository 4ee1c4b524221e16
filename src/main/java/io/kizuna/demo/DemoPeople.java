package io.kizuna.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * One demo user per role besides the admin, so a newcomer can sign in as each and see what the role may do. The
 * manager and the first CSM are the ones the demo's accounts are owned by ({@link DemoLoader}); all sign in with
 * the demo's published password.
 */
@Component
class DemoPeople {

	/** A demo sign-in: the address, the role, and the password when it is the demo's (users made earlier may differ). */
	record SignIn(String email, Role role, String password) {
	}

	private final UserManagement people;

	private final PasswordEncoder encoder;

	DemoPeople(UserManagement people, PasswordEncoder encoder) {
		this.people = people;
		this.encoder = encoder;
	}

	static String email(String local, String slug) {
		return local + "@" + slug + ".demo.kizuna.local";
	}

	/** Creates the missing ones; tells for each whether it signs in with {@code password}. */
	List<SignIn> ensure(WorkspaceId workspace, String slug, String password) {
		List<SignIn> signIns = new ArrayList<>();
		signIns.add(ensure(workspace, email("manager", slug), Role.MANAGER, 7, password));
		signIns.add(ensure(workspace, email("csm1", slug), Role.CSM, 1, password));
		signIns.add(ensure(workspace, email("support", slug), Role.SUPPORT, 8, password));
		signIns.add(ensure(workspace, email("viewer", slug), Role.VIEWER, 9, password));
		return signIns;
	}

	private SignIn ensure(WorkspaceId workspace, String email, Role role, int seed, String password) {
		User user = people.findUser(email)
			.orElseGet(() -> people.createUser(workspace, email, Names.person(new SplittableRandom(seed), true), password,
					role));
		boolean demoPassword = people.passwordHash(user.email()).map(hash -> encoder.matches(password, hash)).orElse(false);
		return new SignIn(user.email(), user.role(), demoPassword ? password : null);
	}
}

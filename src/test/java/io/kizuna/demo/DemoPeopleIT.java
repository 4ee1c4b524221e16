package io.kizuna.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The demo's sign-ins: one user per role besides the admin, created when missing, with the demo's published
 * password, and the lines the demo prints for them; a user made earlier with another password is printed without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoPeopleIT {

	@Autowired
	DemoPeople demoPeople;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void everyRoleGetsADemoSignInAndTheDemoPrintsThemAll() {
		String slug = "demo-people-" + UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace(slug, "Demo people", "JPY", "Asia/Tokyo", "ja")).id();
		people.createUser(workspace, DemoPeople.email("support", slug), "Earlier", "an-earlier-password", Role.SUPPORT);

		List<DemoPeople.SignIn> signIns = demoPeople.ensure(workspace, slug, "kizuna-demo-password");
		assertThat(signIns).extracting(DemoPeople.SignIn::role)
			.containsExactly(Role.MANAGER, Role.CSM, Role.SUPPORT, Role.VIEWER);
		assertThat(signIns).filteredOn(s -> s.role() != Role.SUPPORT)
			.allSatisfy(s -> assertThat(encoder.matches("kizuna-demo-password", people.passwordHash(s.email()).orElseThrow()))
				.as(s.email()).isTrue())
			.allSatisfy(s -> assertThat(s.password()).isEqualTo("kizuna-demo-password"));
		assertThat(signIns).filteredOn(s -> s.role() == Role.SUPPORT).singleElement()
			.satisfies(s -> assertThat(s.password()).as("not the demo's: not printed as if it were").isNull());
		assertThat(demoPeople.ensure(workspace, slug, "kizuna-demo-password")).as("idempotent").isEqualTo(signIns);

		String printed = DemoRunner.signInLines(signIns);
		assertThat(printed.lines()).hasSize(4);
		assertThat(printed).contains("manager@" + slug + ".demo.kizuna.local / kizuna-demo-password   (manager)",
				"csm1@" + slug + ".demo.kizuna.local / kizuna-demo-password   (csm)",
				"viewer@" + slug + ".demo.kizuna.local / kizuna-demo-password   (viewer)",
				"support@" + slug + ".demo.kizuna.local / (its own password");
	}
}

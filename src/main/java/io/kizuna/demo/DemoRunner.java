package io.kizuna.demo;

import java.util.List;

import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** {@code java -jar kizuna.jar demo}: loads the demo on first start, then says where to go and how to get in. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ConditionalOnProperty(name = "kizuna.demo.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoSettings.class)
class DemoRunner implements ApplicationRunner {

	private final DemoLoader loader;

	private final DemoSettings settings;

	private final WorkspaceManagement workspaces;

	private final Environment environment;

	private final DemoPeople people;

	DemoRunner(DemoLoader loader, DemoSettings settings, WorkspaceManagement workspaces, Environment environment,
			DemoPeople people) {
		this.people = people;
		this.loader = loader;
		this.settings = settings;
		this.workspaces = workspaces;
		this.environment = environment;
	}

	/** One line per demo role, aligned under the admin's sign-in. */
	static String signInLines(List<DemoPeople.SignIn> signIns) {
		StringBuilder lines = new StringBuilder();
		for (DemoPeople.SignIn signIn : signIns) {
			lines.append("              ").append(signIn.email()).append(" / ")
				.append(signIn.password() != null ? signIn.password() : "(its own password, set before this demo version)")
				.append("   (").append(signIn.role().code()).append(")\n");
		}
		return lines.toString().stripTrailing();
	}

	@Override
	public void run(ApplicationArguments args) {
		Workspace workspace = workspaces.findBySlug(environment.getProperty("kizuna.bootstrap.workspace-slug", "default"))
			.orElseThrow();
		String password = environment.getProperty("kizuna.bootstrap.admin-password");
		// Before the load, so the manager and the CSM who own accounts are these (DemoLoader finds them by address).
		List<DemoPeople.SignIn> signIns = password == null ? List.of()
				: people.ensure(workspace.id(), workspace.slug(), password);
		String loaded = "already loaded";
		if (!loader.hasAccounts(workspace.id())) {
			System.out.printf("Generating the demo workspace: %d accounts, %d days of usage (seed %d)…%n",
					settings.accounts(), settings.days(), settings.seed());
			DemoLoader.Loaded result = loader.load(workspace.id(), settings.seed(), settings.accounts(), settings.days(),
					settings.chunk());
			loaded = "%d accounts, %,d events and %,d purchases loaded in %.1f s".formatted(result.accounts(),
					result.events(), result.purchases(), result.millis() / 1000.0);
		}
		String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
		System.out.println("""

				  Kizuna demo is ready (%s).
				  Open        %s/
				  Sign in     %s / %s   (admin)
				%s
				  Write key   %s
				  API token   %s

				  curl -u '%s:' -H 'Content-Type: application/json' %s/v1/track \\
				       -d '{"userId":"acct-00001-u1","event":"Report Created","context":{"groupId":"acct-00001"}}'
				  curl -H 'Authorization: Bearer %s' '%s/api/v1/health/at-risk?size=5'
				""".formatted(loaded, base, environment.getProperty("kizuna.bootstrap.admin-email"),
				environment.getProperty("kizuna.bootstrap.admin-password"), signInLines(signIns),
				environment.getProperty("kizuna.bootstrap.write-key"), environment.getProperty("kizuna.bootstrap.api-token"),
				environment.getProperty("kizuna.bootstrap.write-key"), base,
				environment.getProperty("kizuna.bootstrap.api-token"), base));
	}
}

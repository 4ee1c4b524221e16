package io.kizuna.workspace;

import java.io.PrintStream;

import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the default workspace on first start, and the admin, write key and API token that automation fixed in
 * advance. Whatever was not fixed is generated on first start and printed once: only digests are kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@EnableConfigurationProperties(BootstrapSettings.class)
class WorkspaceBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(WorkspaceBootstrap.class);

	private final WorkspaceManagement workspaces;

	private final AccessKeys accessKeys;

	private final UserManagement people;

	private final BootstrapSettings settings;

	private final TransactionTemplate transaction;

	private final PrintStream console = System.out;

	WorkspaceBootstrap(WorkspaceManagement workspaces, AccessKeys accessKeys, UserManagement people, BootstrapSettings settings, TransactionTemplate transaction) {
		this.workspaces = workspaces;
		this.accessKeys = accessKeys;
		this.people = people;
		this.settings = settings;
		this.transaction = transaction;
	}

	@Override
	public void run(ApplicationArguments args) {
		transaction.executeWithoutResult(status -> bootstrap());
	}

	private void bootstrap() {
		boolean firstStart = workspaces.findBySlug(settings.workspaceSlug()).isEmpty();
		Workspace workspace = workspaces.findBySlug(settings.workspaceSlug())
			.orElseGet(() -> workspaces.create(new NewWorkspace(settings.workspaceSlug(), settings.workspaceName(),
					settings.currency(), settings.timeZone(), settings.locale())));
		WorkspaceId id = workspace.id();
		StringBuilder generated = new StringBuilder();

		if (present(settings.adminEmail()) && people.findUser(settings.adminEmail()).isEmpty()) {
			people.createUser(id, settings.adminEmail(), "Administrator", settings.adminPassword(), Role.ADMIN);
		}
		else if (firstStart && !present(settings.adminEmail())) {
			String password = Secrets.generate("").substring(0, 20);
			people.createUser(id, "admin@kizuna.local", "Administrator", password, Role.ADMIN);
			generated.append("  admin sign-in : admin@kizuna.local / ").append(password).append('\n');
		}

		if (present(settings.writeKey())) {
			accessKeys.registerWriteKey(id, "bootstrap", settings.writeKey());
		}
		else if (firstStart) {
			generated.append("  write key     : ").append(accessKeys.issueWriteKey(id, "default").secret()).append('\n');
		}

		if (present(settings.apiToken())) {
			accessKeys.registerApiToken(id, "bootstrap", TokenScope.READ_WRITE, settings.apiToken());
		}
		else if (firstStart) {
			generated.append("  API token     : ")
				.append(accessKeys.issueApiToken(id, "default", TokenScope.READ_WRITE).secret())
				.append('\n');
		}

		if (!generated.isEmpty()) {
			console.println("\nKizuna created workspace '" + workspace.slug()
					+ "'. These secrets are shown once; only their digests are stored:\n" + generated);
		}
		log.info("Workspace '{}' ready (id {}, {} / {})", workspace.slug(), id, workspace.currency(),
				workspace.timeZone());
	}

	private static boolean present(String value) {
		return value != null && !value.isBlank();
	}
}

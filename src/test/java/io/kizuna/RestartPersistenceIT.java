package io.kizuna;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stop Kizuna and start it again on the same data directory: everything is still there. */
class RestartPersistenceIT {

	@Test
	void dataSurvivesARestartOfTheApplicationAndItsEmbeddedDatabase() throws Exception {
		Path dataDir = Files.createTempDirectory("kizuna-restart");
		String[] args = { "--kizuna.embedded-postgres.data-dir=" + dataDir, "--kizuna.embedded-postgres.clean=false",
				"--server.port=0", "--kizuna.scheduling.enabled=false" };

		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(KizunaApplication.class).run(args)) {
			var workspace = first.getBean(WorkspaceManagement.class).findBySlug("default").orElseThrow().id();
			first.getBean(AccountManagement.class).saveAccount(workspace, "persist-1", AccountDraft.named("永続 株式会社"));
		}
		assertThat(dataDir.resolve("pg17/postmaster.pid")).doesNotExist();

		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(KizunaApplication.class).run(args)) {
			var workspaces = second.getBean(WorkspaceManagement.class);
			var accessKeys = second.getBean(io.kizuna.workspace.AccessKeys.class);
			var workspace = workspaces.findBySlug("default").orElseThrow().id();
			assertThat(second.getBean(AccountManagement.class).account(workspace, "persist-1").name())
				.isEqualTo("永続 株式会社");
			// The bootstrap credentials were not duplicated by the second start.
			assertThat(accessKeys.writeKeys(workspace)).hasSize(1);
			assertThat(accessKeys.authenticateWriteKey(TestHttp.WRITE_KEY)).hasValue(workspace);
		}
	}
}

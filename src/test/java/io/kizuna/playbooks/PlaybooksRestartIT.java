package io.kizuna.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.KizunaApplication;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalsRaised;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A trigger's event published, the application stopped at once, started again on the same database: every account
 * has exactly one task, whether the first run, the publication registry's redelivery after the restart, a replay of
 * the event, or the steps run again did the work.
 */
class PlaybooksRestartIT {

	@Test
	void aRestartAReplayAndARerunLeaveExactlyOneTaskPerAccount() throws Exception {
		Path dataDir = Files.createTempDirectory("kizuna-playbooks-restart");
		String[] args = { "--kizuna.embedded-postgres.data-dir=" + dataDir, "--kizuna.embedded-postgres.clean=false",
				"--server.port=0", "--kizuna.scheduling.enabled=false" };
		int accounts = 300;
		SignalsRaised event;
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(KizunaApplication.class).run(args)) {
			WorkspaceId workspace = first.getBean(WorkspaceManagement.class).findBySlug("default").orElseThrow().id();
			AccountManagement accountManagement = first.getBean(AccountManagement.class);
			for (int i = 0; i < accounts; i++) {
				accountManagement.saveAccount(workspace, "restart-" + i, AccountDraft.named("再起動 " + i));
			}
			PlaybookManagement playbooks = first.getBean(PlaybookManagement.class);
			Playbook playbook = playbooks.create(workspace, new PlaybookDraft("restart", new PlaybookDefinition(
					new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "paying_idle")), null, null, null,
					List.of(new PlaybookDefinition.Step(0, "create_task", Map.of("title", "{{account.name}}"), false, null, null, null)))));
			playbooks.activate(workspace, playbook.id());
			List<SignalsRaised.Raised> raised = first.getBean(JdbcClient.class)
				.sql("select account_id from account where workspace_id = ? and external_id like 'restart-%'")
				.param(workspace.value())
				.query((rs, n) -> new SignalsRaised.Raised(new AccountId(rs.getLong(1)), new SignalKind("paying_idle"), "high"))
				.list();
			event = new SignalsRaised(workspace, LocalDate.now(), raised);
			first.getBean(TransactionTemplate.class)
				.executeWithoutResult(tx -> first.publishEvent(event));
			// stop at once: the listener may be anywhere in its work
		}
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(KizunaApplication.class).run(args)) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			PlaybookManagement playbooks = second.getBean(PlaybookManagement.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				playbooks.runDueSteps();
				return tasks(jdbc) == accounts;
			});
			// the same event delivered again
			second.getBean(TransactionTemplate.class)
				.executeWithoutResult(tx -> second.publishEvent(event));
			await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
					"select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
			// every step as if it had been claimed but never marked (a node died between the two)
			jdbc.sql("update playbooks_step_run set status = 'pending', due_at = now()").update();
			jdbc.sql("update playbooks_enrollment set status = 'active'").update();
			playbooks.runDueSteps();
			assertThat(tasks(jdbc)).isEqualTo(accounts);
			assertThat(jdbc.sql("select count(distinct account_id) from playbooks_task").query(Long.class).single())
				.isEqualTo(accounts);
			assertThat(jdbc.sql("select count(*) from playbooks_enrollment").query(Long.class).single()).isEqualTo(accounts);
		}
	}

	private static long tasks(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from playbooks_task").query(Long.class).single();
	}
}

package io.kizuna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.accounts.SubscriptionsChanged;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * A cross-module event whose listener fails is not lost: its publication stays incomplete in the JDBC event
 * publication registry, and after Kizuna is stopped and started again on the same database it is delivered again and
 * completes (ARCHITECTURE §2).
 */
class EventPublicationRestartIT {

	static final AtomicInteger attempts = new AtomicInteger();

	static final List<SubscriptionsChanged> delivered = new CopyOnWriteArrayList<>();

	/** Fails the first delivery, as a listener would whose database was briefly away; takes the next. */
	static class FailsOnce {

		@ApplicationModuleListener
		void on(SubscriptionsChanged changed) {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("the first delivery fails");
			}
			delivered.add(changed);
		}
	}

	@Test
	void anIncompletePublicationIsDeliveredAgainAfterARestart() throws Exception {
		Path dataDir = Files.createTempDirectory("kizuna-events");
		String[] args = { "--kizuna.embedded-postgres.data-dir=" + dataDir, "--kizuna.embedded-postgres.clean=false",
				"--server.port=0", "--kizuna.scheduling.enabled=false" };
		WorkspaceId workspace;
		long accountId;
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(KizunaApplication.class,
				FailsOnce.class).run(args)) {
			workspace = first.getBean(WorkspaceManagement.class).findBySlug("default").orElseThrow().id();
			AccountManagement accounts = first.getBean(AccountManagement.class);
			accountId = accounts.saveAccount(workspace, "evt-1", AccountDraft.named("Event 1")).id();
			accounts.saveSubscription(workspace, "evt-sub-1", new SubscriptionDraft("evt-1", null, "Basic", 10_000L,
					"JPY", 1, "active", LocalDate.of(2026, 1, 5), null, null, null, null));
			await().atMost(Duration.ofSeconds(20)).until(() -> attempts.get() == 1);
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(incomplete(jdbc)).as("the failed publication is kept").isEqualTo(1));
		}
		assertThat(delivered).isEmpty();

		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(KizunaApplication.class,
				FailsOnce.class).run(args)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> !delivered.isEmpty());
			assertThat(delivered).singleElement().satisfies(changed -> {
				assertThat(changed.workspaceId()).isEqualTo(workspace);
				assertThat(changed.changes()).singleElement()
					.satisfies(c -> assertThat(c.accountId()).isEqualTo(new io.kizuna.shared.AccountId(accountId)))
					.satisfies(c -> assertThat(c.subscriptionExternalId()).isEqualTo("evt-sub-1"));
			});
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(incomplete(jdbc)).as("completed after the restart").isZero());
			assertThat(attempts).hasValue(2);
		}
	}

	private static long incomplete(JdbcClient jdbc) {
		return jdbc.sql("""
				select count(*) from event_publication
				where completion_date is null and listener_id like '%FailsOnce%'""").query(Long.class).single();
	}
}

package io.kizuna.usage;

import java.time.Duration;
import java.time.Instant;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits until every queued rollup of a workspace is folded in. {@link UsageRollups#processPending()} skips the keys the
 * scheduled rollup job holds at that moment ({@code for update skip locked}) and returns before that job commits, so a
 * read right after it may miss them. A key leaves {@code rollup_pending} in the same transaction that writes its
 * rollups, so an empty queue for the workspace means its rollups are committed.
 */
public final class PendingRollups {

	private PendingRollups() {
	}

	public static void awaitFolded(UsageRollups rollups, JdbcClient jdbc, WorkspaceId workspace) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (true) {
			rollups.processPending();
			long pending = jdbc.sql("select count(*) from rollup_pending where workspace_id = ?")
				.param(workspace.value())
				.query(Long.class)
				.single();
			if (pending == 0) {
				return;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(pending + " account-days of workspace " + workspace.value()
						+ " still queued for rollup after 30 s");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}
}

package io.kizuna.usage;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the daily rollups current: ingestion queues (account, day) keys in its own transaction, and this worker
 * folds them in every few seconds. Claims use SKIP LOCKED, so any number of nodes can run it.
 */
@Service
public class UsageRollups {

	private static final Logger log = LoggerFactory.getLogger(UsageRollups.class);

	static final int CHUNK = 5_000;

	private final Rollups rollups;

	private final WorkspaceManagement workspaces;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Attribution attribution;

	UsageRollups(Rollups rollups, WorkspaceManagement workspaces, TransactionTemplate transaction,
			ApplicationEventPublisher events, Attribution attribution) {
		this.attribution = attribution;
		this.rollups = rollups;
		this.workspaces = workspaces;
		this.transaction = transaction;
		this.events = events;
	}

	@Scheduled(fixedDelayString = "${kizuna.usage.rollup-interval:2s}", initialDelayString = "${kizuna.usage.rollup-interval:2s}")
	void scheduled() {
		try {
			processPending();
		}
		catch (RuntimeException ex) {
			log.error("Rollup pass failed; its keys stay queued and are retried", ex);
		}
	}

	/**
	 * Attributes the events waiting for an account, then folds every queued account-day into the rollups; answers
	 * how many account-days were recomputed.
	 */
	public int processPending() {
		attributePending();
		int total = 0;
		for (WorkspaceId workspace : rollups.workspacesWithPendingDays()) {
			String zone = workspaces.get(workspace).timeZone().getId();
			int done;
			do {
				done = transaction.execute(status -> {
					List<EventStore.AccountDay> keys = rollups.claimPending(workspace, CHUNK);
					rollups.recompute(workspace, zone, keys);
					if (!keys.isEmpty()) {
						LocalDate from = keys.stream().map(EventStore.AccountDay::day).min(LocalDate::compareTo).get();
						LocalDate to = keys.stream().map(EventStore.AccountDay::day).max(LocalDate::compareTo).get();
						events.publishEvent(new UsageRecorded(workspace, keys.size(), from, to));
					}
					return keys.size();
				});
				total += done;
			}
			while (done == CHUNK);
		}
		return total;
	}

	/**
	 * Folds until nothing of the workspace is queued, also what another pass (the scheduled one, another node) had
	 * claimed: {@link #processPending()} skips the keys such a pass holds and returns before it commits, and a key
	 * leaves the queue in the transaction that writes its rollups. For those who read the rollups next (the demo
	 * scores the days it just loaded).
	 */
	public void foldAll(WorkspaceId workspace) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		processPending();
		while (rollups.hasPendingDays(workspace)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("account-days of workspace " + workspace.value()
						+ " still queued for rollup after 60 s");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			processPending();
		}
	}

	private void attributePending() {
		for (WorkspaceId workspace : attribution.workspacesWithPending()) {
			java.time.ZoneId zone = workspaces.get(workspace).timeZone();
			Integer claimed;
			do {
				claimed = transaction.execute(status -> attribution.attribute(workspace, zone));
			}
			while (claimed != null && claimed == Attribution.CHUNK);
		}
	}

	/** Recomputes every rollup between the two days (inclusive) from the raw events. */
	public int recompute(WorkspaceId workspace, LocalDate from, LocalDate to) {
		if (from.isAfter(to)) {
			throw new InvalidInputException("from must not be after to");
		}
		String zone = workspaces.get(workspace).timeZone().getId();
		transaction.executeWithoutResult(status -> rollups.queueRange(workspace, zone, from, to));
		return processPending();
	}
}

package io.kizuna.revenue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.kizuna.accounts.SubscriptionsChanged;
import io.kizuna.health.WorkspaceRescored;
import io.kizuna.shared.WorkspaceId;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * MRR movements, cohort matrices, renewals and the renewal forecast as the dashboards and the API read them: each
 * answer is kept once computed and served until the workspace's subscription history changes (ADR 0016) or, for
 * renewals and the forecast, which show health bands, until its accounts are scored again. Whether the history
 * changed is asked of the revenue read model before an answer is served ({@link MonthEndSteps#version}: one index
 * probe), so nobody is served an answer older than the last committed change, whoever wrote it, on whichever node
 * (ADR 0020). After a change the kept answers are recomputed in the background, so that the next view is served at
 * once again. Changes the history does not show (an account's tier, attributes, name or owner) show after at most
 * {@code kizuna.revenue.reports.max-age}, also recomputed in the background.
 */
@Service
public class RevenueReports {

	private static final Logger log = LoggerFactory.getLogger(RevenueReports.class);

	/** Answers kept over all workspaces; the least recently read goes first. */
	static final int MAX_ANSWERS = 512;

	static final Duration SETTLE = Duration.ofSeconds(1);

	private final MrrMovements movements;

	private final RevenueCohorts cohorts;

	private final Renewals renewals;

	private final Duration maxAge;

	private final MonthEndSteps steps;

	private final TransactionTemplate transactions;

	/** Scoring runs seen per workspace: renewals and the forecast computed before the last one are out of date. */
	private final Map<Long, AtomicLong> rescores = new ConcurrentHashMap<>();

	private final Map<Key, Answer> answers = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, Answer> eldest) {
			return size() > MAX_ANSWERS;
		}
	};

	private final Set<Long> refreshing = ConcurrentHashMap.newKeySet();

	private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "revenue-reports");
		thread.setDaemon(true);
		return thread;
	});

	RevenueReports(MrrMovements movements, RevenueCohorts cohorts, Renewals renewals, MonthEndSteps steps,
			PlatformTransactionManager transactionManager,
			@Value("${kizuna.revenue.reports.max-age:PT5M}") Duration maxAge) {
		this.steps = steps;
		this.transactions = new TransactionTemplate(transactionManager);
		this.movements = movements;
		this.cohorts = cohorts;
		this.renewals = renewals;
		this.maxAge = maxAge;
	}

	private record Key(long workspace, Object query) {
	}

	private record Monthly(YearMonth from, YearMonth to) {
	}

	private record Upcoming(LocalDate today, int withinDays) {
	}

	private record Forecast(LocalDate today, int months) {
	}

	/**
	 * @param generation the read model's generation after the catch-up the answer was computed from
	 * @param rescores the workspace's scoring runs seen before it was computed
	 */
	private record Answer(long generation, long rescores, Instant computedAt, Object value, Supplier<Object> compute) {

		boolean current(MonthEndSteps.Version history, long rescoresNow) {
			return !history.pending() && history.generation() == generation && rescores == rescoresNow;
		}
	}

	/** {@link MrrMovements#monthly}, kept until the subscriptions change. */
	@SuppressWarnings("unchecked")
	public List<MrrMonth> monthly(WorkspaceId workspace, YearMonth from, YearMonth to) {
		return (List<MrrMonth>) read(workspace, new Monthly(from, to), () -> movements.monthly(workspace, from, to));
	}

	/** {@link RevenueCohorts#matrix}, kept until the subscriptions change. */
	@SuppressWarnings("unchecked")
	public List<Cohort> cohorts(WorkspaceId workspace, CohortQuery query) {
		return (List<Cohort>) read(workspace, query, () -> cohorts.matrix(workspace, query));
	}

	/** {@link Renewals#upcoming}, kept until the subscriptions change or the accounts are scored again. */
	@SuppressWarnings("unchecked")
	public List<Renewal> upcomingRenewals(WorkspaceId workspace, LocalDate today, int withinDays) {
		return (List<Renewal>) read(workspace, new Upcoming(today, withinDays),
				() -> renewals.upcoming(workspace, today, withinDays));
	}

	/** {@link Renewals#forecast}, kept until the subscriptions change or the accounts are scored again. */
	public RenewalForecast renewalForecast(WorkspaceId workspace, LocalDate today, int months) {
		return (RenewalForecast) read(workspace, new Forecast(today, months),
				() -> renewals.forecast(workspace, today, months));
	}

	/*
	 * A segment's answers are computed at each read, never kept: its members change with every evaluation of the
	 * segment, which the read model's version does not see, so a kept answer could show yesterday's members.
	 */

	/** {@link #monthly} of a saved segment's members ({@code segmentId} null: every account, kept). */
	public List<MrrMonth> monthly(WorkspaceId workspace, YearMonth from, YearMonth to, Long segmentId) {
		return segmentId == null ? monthly(workspace, from, to) : movements.monthly(workspace, from, to, segmentId);
	}

	/** {@link #cohorts} of a saved segment's members ({@code segmentId} null: every account, kept). */
	public List<Cohort> cohorts(WorkspaceId workspace, CohortQuery query, Long segmentId) {
		return segmentId == null ? cohorts(workspace, query) : cohorts.matrix(workspace, query, segmentId);
	}

	/** {@link #upcomingRenewals} of a saved segment's members ({@code segmentId} null: every account, kept). */
	public List<Renewal> upcomingRenewals(WorkspaceId workspace, LocalDate today, int withinDays, Long segmentId) {
		return segmentId == null ? upcomingRenewals(workspace, today, withinDays)
				: renewals.upcoming(workspace, today, withinDays, segmentId);
	}

	/** {@link #renewalForecast} of a saved segment's members ({@code segmentId} null: every account, kept). */
	public RenewalForecast renewalForecast(WorkspaceId workspace, LocalDate today, int months, Long segmentId) {
		return segmentId == null ? renewalForecast(workspace, today, months)
				: renewals.forecast(workspace, today, months, segmentId);
	}

	/**
	 * Recomputes the kept answers in the background once subscriptions changed. Not needed for correctness (a read
	 * asks the read model whether its answer is current), so asynchronous, after the commit, through the event
	 * publication registry: a publication a crash interrupted is delivered again after the restart.
	 */
	@ApplicationModuleListener
	void on(SubscriptionsChanged changed) {
		refreshLater(changed.workspaceId().value());
	}

	/**
	 * Renewals show each account's health band, and the forecast weighs by it: a scoring run outdates both.
	 * Synchronous, right after the run's commit and before it returns (read-your-writes: the next read, on this node,
	 * shows the new bands). An answer computed before this moment counted fewer runs and is out of date; one computed
	 * between the commit and this moment is recomputed once for nothing.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(WorkspaceRescored rescored) {
		rescores(rescored.workspaceId().value()).incrementAndGet();
		refreshLater(rescored.workspaceId().value());
	}

	/** True when the answer to this query is kept and up to date (for tests). */
	boolean isCurrent(WorkspaceId workspace, Object query) {
		Answer answer;
		synchronized (answers) {
			answer = answers.get(new Key(workspace.value(), query));
		}
		return answer != null && answer.current(steps.version(workspace), rescores(workspace.value()).get());
	}

	static Object monthlyQuery(YearMonth from, YearMonth to) {
		return new Monthly(from, to);
	}

	private Object read(WorkspaceId workspace, Object query, Supplier<Object> compute) {
		Key key = new Key(workspace.value(), query);
		Answer kept;
		synchronized (answers) {
			kept = answers.get(key);
		}
		if (kept != null && kept.current(steps.version(workspace), rescores(workspace.value()).get())) {
			if (kept.computedAt().plus(maxAge).isBefore(Instant.now())) {
				refreshLater(workspace.value());
			}
			return kept.value();
		}
		return store(key, compute);
	}

	/**
	 * Computes in one transaction: the read model catches up first, then its generation is read, then the answer is
	 * computed. A change committed after the catch-up leaves a pending row, a catch-up by anyone else after it moves
	 * the generation: either way the answer is out of date at the next read. Scoring runs are counted before.
	 */
	private Object store(Key key, Supplier<Object> compute) {
		WorkspaceId workspace = new WorkspaceId(key.workspace());
		long rescoresBefore = rescores(key.workspace()).get();
		return transactions.execute(status -> {
			steps.catchUp(workspace);
			long generation = steps.version(workspace).generation();
			Object value = compute.get();
			synchronized (answers) {
				answers.put(key, new Answer(generation, rescoresBefore, Instant.now(), value, compute));
			}
			return value;
		});
	}

	private AtomicLong rescores(long workspace) {
		return rescores.computeIfAbsent(workspace, w -> new AtomicLong());
	}

	private void refreshLater(long workspace) {
		if (!refreshing.add(workspace)) {
			return;
		}
		background.execute(() -> {
			try {
				// Changes arrive in bursts (an import, a demo load): let them settle, then recompute once.
				Thread.sleep(SETTLE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			refreshing.remove(workspace);
			List<Map.Entry<Key, Answer>> kept;
			synchronized (answers) {
				kept = answers.entrySet().stream().filter(e -> e.getKey().workspace() == workspace).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
			}
			for (Map.Entry<Key, Answer> entry : kept) {
				Answer answer = entry.getValue();
				try {
					if (answer.current(steps.version(new WorkspaceId(workspace)), rescores(workspace).get())
							&& answer.computedAt().plus(maxAge).isAfter(Instant.now())) {
						continue;
					}
					store(entry.getKey(), answer.compute());
				}
				catch (RuntimeException ex) {
					log.warn("could not recompute a revenue report of workspace {}: {}", workspace, ex.toString());
				}
			}
		});
	}

	@PreDestroy
	void stop() {
		background.shutdownNow();
	}
}

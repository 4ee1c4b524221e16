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

import io.kizuna.accounts.SubscriptionChanged;
import io.kizuna.health.WorkspaceRescored;
import io.kizuna.shared.WorkspaceId;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * MRR movements, cohort matrices, renewals and the renewal forecast as the dashboards and the API read them: each
 * answer is kept once computed and served until the workspace's subscriptions change (ADR 0016) or, for renewals and
 * the forecast, which show health bands, until its accounts are scored again. A change makes every kept answer of
 * the workspace out of date at once — a read then computes afresh, so nobody sees an answer older than the last
 * committed change — and recomputes the kept answers in the background, so that the next view is served at once
 * again. Changes that publish no event (an account's tier, attributes, name or owner, a plan renamed at the same
 * MRR, another node's writes) show after at most {@code kizuna.revenue.reports.max-age}, also recomputed in the
 * background.
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

	private final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();

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

	RevenueReports(MrrMovements movements, RevenueCohorts cohorts, Renewals renewals,
			@Value("${kizuna.revenue.reports.max-age:PT5M}") Duration maxAge) {
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

	private record Answer(long version, Instant computedAt, Object value, Supplier<Object> compute) {
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

	@EventListener
	void on(SubscriptionChanged changed) {
		changed(changed.workspaceId());
	}

	/** Renewals show each account's health band, and the forecast weighs by it: a scoring run changes both. */
	@EventListener
	void on(WorkspaceRescored rescored) {
		changed(rescored.workspace());
	}

	private void changed(WorkspaceId workspace) {
		outdate(workspace);
		// Again after the commit: an answer computed in between read the rows before they were committed.
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					outdate(workspace);
					refreshLater(workspace.value());
				}
			});
		}
		else {
			refreshLater(workspace.value());
		}
	}

	/** True when the answer to this query is kept and up to date (for tests). */
	boolean isCurrent(WorkspaceId workspace, Object query) {
		Answer answer;
		synchronized (answers) {
			answer = answers.get(new Key(workspace.value(), query));
		}
		return answer != null && answer.version() == version(workspace.value()).get();
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
		long version = version(workspace.value()).get();
		if (kept != null && kept.version() == version) {
			if (kept.computedAt().plus(maxAge).isBefore(Instant.now())) {
				refreshLater(workspace.value());
			}
			return kept.value();
		}
		return store(key, version, compute);
	}

	/** The version is read before computing: a change during the computation leaves the answer out of date. */
	private Object store(Key key, long version, Supplier<Object> compute) {
		Object value = compute.get();
		synchronized (answers) {
			answers.put(key, new Answer(version, Instant.now(), value, compute));
		}
		return value;
	}

	private void outdate(WorkspaceId workspace) {
		version(workspace.value()).incrementAndGet();
	}

	private AtomicLong version(long workspace) {
		return versions.computeIfAbsent(workspace, w -> new AtomicLong());
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
				long version = version(workspace).get();
				Answer answer = entry.getValue();
				if (answer.version() == version && answer.computedAt().plus(maxAge).isAfter(Instant.now())) {
					continue;
				}
				try {
					store(entry.getKey(), version, answer.compute());
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

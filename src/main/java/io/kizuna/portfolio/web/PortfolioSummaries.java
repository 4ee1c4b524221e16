package io.kizuna.portfolio.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.kizuna.health.AtRiskAccount;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.WorkspaceRescored;
import io.kizuna.revenue.MrrMonth;
import io.kizuna.revenue.MrrMovements;
import io.kizuna.shared.WorkspaceId;
import jakarta.annotation.PreDestroy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The portfolio's figures, lists and charts per workspace, built from the scoring read model and six months of MRR
 * movements. Rebuilt in the background after each scoring run and when older than {@link #MAX_AGE}, the old one
 * served meanwhile: the page says how old it is. Per node and in memory: a cache, never the record.
 */
@Component
class PortfolioSummaries {

	static final Duration MAX_AGE = Duration.ofMinutes(15);

	private final HealthQueries health;

	private final HealthScoring scoring;

	private final MrrMovements mrr;

	private final Clock clock = Clock.systemUTC();

	private final Map<WorkspaceId, Summary> cache = new ConcurrentHashMap<>();

	PortfolioSummaries(HealthQueries health, HealthScoring scoring, MrrMovements mrr) {
		this.health = health;
		this.scoring = scoring;
		this.mrr = mrr;
	}

	// Builds run off the request thread, one at a time: a cold build takes seconds at 100,000 accounts.
	private final ExecutorService builder = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "portfolio-summaries");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<WorkspaceId> building = ConcurrentHashMap.newKeySet();

	/** The summary; an old one is served while its successor is built in the background. */
	Summary get(WorkspaceId workspace) {
		Summary cached = cache.get(workspace);
		if (cached == null) {
			Summary fresh = compute(workspace);
			cache.put(workspace, fresh);
			return fresh;
		}
		if (!cached.computedAt().plus(MAX_AGE).isAfter(clock.instant())) {
			rebuild(workspace);
		}
		return cached;
	}

	private void rebuild(WorkspaceId workspace) {
		if (building.add(workspace)) {
			builder.execute(() -> {
				try {
					cache.put(workspace, compute(workspace));
				}
				finally {
					building.remove(workspace);
				}
			});
		}
	}

	@PreDestroy
	void stop() {
		builder.shutdownNow();
	}

	/**
	 * Rebuilds the workspace's summary after a scoring run, serving the old one meanwhile: asynchronously, after the
	 * run's commit, through the event publication registry (ARCHITECTURE §2); a cache, so a delivery repeated after a
	 * restart only rebuilds it once more.
	 */
	@ApplicationModuleListener
	void rescored(WorkspaceRescored event) {
		rebuild(event.workspaceId());
	}

	private Summary compute(WorkspaceId workspace) {
		return compute(workspace, null);
	}

	/**
	 * The summary of a saved segment's members, computed now and never kept: its members change with every
	 * evaluation of the segment, which this cache would not see.
	 */
	Summary forSegment(WorkspaceId workspace, long segmentId) {
		return compute(workspace, segmentId);
	}

	private Summary compute(WorkspaceId workspace, Long segmentId) {
		Instant now = clock.instant();
		LocalDate today = scoring.today(workspace);
		HealthQueries.PortfolioFigures figures = health.figures(workspace, segmentId);
		var top = health.atRisk(workspace, new AtRiskQuery(null, null, null, null, null, segmentId, 0, 8)).items();
		var bands = health.portfolio(workspace, segmentId);
		List<MrrMonth> months = mrr.monthly(workspace, YearMonth.from(today).minusMonths(5), YearMonth.from(today),
				segmentId);
		return new Summary(now, figures, bands, top, health.nextRenewals(workspace, 10, segmentId), months);
	}

	/** @param figures null before the first scoring run */
	record Summary(Instant computedAt, HealthQueries.PortfolioFigures figures, HealthQueries.PortfolioHealth health,
			List<AtRiskAccount> topRisk, List<AtRiskAccount> renewals, List<MrrMonth> months) {
	}
}

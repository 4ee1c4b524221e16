package io.kizuna.health;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageMetrics;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scores every account of a workspace for a day: one pass that loads the customer model and the usage rollups
 * set-based, scores in memory, and writes the day's snapshots with COPY; then band changes and signals.
 */
@Service
public class HealthScoring {

	private static final Logger log = LoggerFactory.getLogger(HealthScoring.class);

	private final AccountManagement accounts;

	private final UsageMetrics usage;

	private final WorkspaceManagement workspaces;

	private final Scorecards scorecards;

	private final HealthSettingsStore settings;

	private final Snapshots snapshots;

	private final Signals signals;

	private final AccountStatuses statuses;

	private final Map<String, HealthMeasure> measures;

	private final ApplicationEventPublisher events;

	private final SignalRules rules;

	HealthScoring(AccountManagement accounts, UsageMetrics usage, WorkspaceManagement workspaces,
			Scorecards scorecards, HealthSettingsStore settings, Snapshots snapshots, Signals signals,
			AccountStatuses statuses, List<HealthMeasure> measures, ApplicationEventPublisher events,
			SignalRules rules) {
		this.rules = rules;
		this.statuses = statuses;
		this.accounts = accounts;
		this.usage = usage;
		this.workspaces = workspaces;
		this.scorecards = scorecards;
		this.settings = settings;
		this.snapshots = snapshots;
		this.signals = signals;
		this.measures = measures.stream().collect(Collectors.toMap(HealthMeasure::code, Function.identity()));
		this.events = events;
	}

	/** Today in the workspace's time zone: the day a rescore now is for. */
	public LocalDate today(WorkspaceId workspace) {
		return LocalDate.now(workspaces.get(workspace).timeZone());
	}

	/** Scores every account for {@code day}, using what was known by the end of that day. */
	@Transactional
	public RescoreResult recompute(WorkspaceId workspace, LocalDate day) {
		long started = System.nanoTime();
		java.time.OffsetDateTime horizon = statuses.horizon();
		HealthSettings current = settings.get(workspace);
		Stopwatch watch = new Stopwatch();
		ScoringInput input = input(workspace, day.plusDays(1), current.keyFeatures(), watch);
		Map<Long, AccountScore> scores = score(workspace, input);
		watch.lap("score");
		Map<Long, Snapshots.Snapshot> previous = snapshots.latestBefore(workspace, day);
		watch.lap("previous");
		snapshots.replaceDay(workspace, day, scores.values());
		watch.lap("write");

		List<HealthBandsChanged.Change> bandChanges = new java.util.ArrayList<>();
		Map<String, Integer> bands = new TreeMap<>();
		for (AccountScore score : scores.values()) {
			if (input.states().get(score.accountId()).live()) {
				// A churned account is scored (its last band stays on view) but is in no band's count.
				bands.merge(score.band() == null ? "none" : score.band().code(), 1, Integer::sum);
			}
			Snapshots.Snapshot before = previous.get(score.accountId());
			if (score.band() != null && before != null && before.band() != null && before.band() != score.band()) {
				bandChanges.add(new HealthBandsChanged.Change(new AccountId(score.accountId()), before.band(), score.band(),
						score.score()));
			}
		}
		Map<Long, Double> monthAgo = new HashMap<>();
		snapshots.latestBefore(workspace, day.minusDays(29))
			.forEach((account, snapshot) -> monthAgo.put(account, snapshot.score()));
		List<DetectedSignal> detected = rules.detect(new SignalInput(input, current.thresholds(), scores, monthAgo));
		watch.lap("detect");
		Signals.Changes changes = signals.reconcile(workspace, day, detected);
		watch.lap("signals");
		statuses.replace(workspace, day, input, scores, detected, horizon);
		watch.lap("statuses");
		// One event of each kind per run, never one per account (ARCHITECTURE §2).
		if (!bandChanges.isEmpty()) {
			events.publishEvent(new HealthBandsChanged(workspace, day, bandChanges));
		}
		if (!changes.raised().isEmpty()) {
			events.publishEvent(new SignalsRaised(workspace, day, changes.raised()
				.stream()
				.map(s -> new SignalsRaised.Raised(new AccountId(s.accountId()), s.kind(), s.severity()))
				.toList()));
		}
		if (!changes.resolved().isEmpty()) {
			events.publishEvent(new SignalsResolved(workspace, day,
					changes.resolved().stream().map(s -> new SignalsResolved.Resolved(new AccountId(s.accountId()), s.kind())).toList()));
		}

		events.publishEvent(new WorkspaceRescored(workspace, day, scores.size()));
		long millis = (System.nanoTime() - started) / 1_000_000;
		// A run is one of many (a demo scores 30 days, the schedule every workspace): its caller logs the summary.
		log.debug("Scored {} accounts of workspace {} for {} in {} ms ({}): {}", scores.size(), workspace, day, millis,
				watch, bands);
		return new RescoreResult(day, scores.size(), bands, bandChanges.size(), changes.raised().size(),
				changes.resolved().size(), millis);
	}

	/** Scores as they would have been computed with the data before {@code asOf}; nothing is stored. */
	Map<Long, AccountScore> scoresBefore(WorkspaceId workspace, LocalDate asOf, List<Scorecard> cards) {
		ScoringInput input = input(workspace, asOf, settings.get(workspace).keyFeatures());
		return ScoreCalculator.score(input, cards, measures);
	}

	/**
	 * Today's scores of the live accounts with two sets of scorecards, from one load of the data: what a scorecard
	 * preview compares.
	 */
	ScorecardPreview compare(WorkspaceId workspace, List<Scorecard> current, List<Scorecard> proposed) {
		ScoringInput input = input(workspace, today(workspace).plusDays(1), settings.get(workspace).keyFeatures());
		Map<Long, AccountScore> before = ScoreCalculator.score(input, current, measures);
		Map<Long, AccountScore> after = ScoreCalculator.score(input, proposed, measures);
		Map<String, Integer> bandsBefore = new TreeMap<>();
		Map<String, Integer> bandsAfter = new TreeMap<>();
		List<ScorecardPreview.BandChange> changes = new java.util.ArrayList<>();
		for (AccountState state : input.states().values()) {
			if (!state.live()) {
				continue;
			}
			AccountScore was = before.get(state.accountId());
			AccountScore will = after.get(state.accountId());
			String from = band(was);
			String to = band(will);
			bandsBefore.merge(from, 1, Integer::sum);
			bandsAfter.merge(to, 1, Integer::sum);
			if (!from.equals(to)) {
				changes.add(new ScorecardPreview.BandChange(state.externalId(), state.name(), from, to,
						was == null ? null : was.score(), will == null ? null : will.score()));
			}
		}
		// Largest score moves first; among equal moves (only cut-offs changed), those that would end worst.
		changes.sort(java.util.Comparator.comparingDouble((ScorecardPreview.BandChange c) -> -moved(c))
			.thenComparingInt(c -> List.of("red", "yellow", "green", "none").indexOf(c.bandAfter()))
			.thenComparingDouble(c -> c.scoreAfter() == null ? Double.MAX_VALUE : c.scoreAfter())
			.thenComparing(ScorecardPreview.BandChange::externalId));
		return new ScorecardPreview(bandsBefore, bandsAfter, changes.size(),
				List.copyOf(changes.subList(0, Math.min(changes.size(), ScorecardPreview.SHOWN))));
	}

	private static String band(AccountScore score) {
		return score == null || score.band() == null ? "none" : score.band().code();
	}

	/** How far the score moved; a score that appears or disappears counts as the largest move. */
	private static double moved(ScorecardPreview.BandChange change) {
		return change.scoreBefore() == null || change.scoreAfter() == null ? Double.MAX_VALUE
				: Math.abs(change.scoreAfter() - change.scoreBefore());
	}

	ScoringInput input(WorkspaceId workspace, LocalDate asOf, List<String> keyFeatures) {
		return input(workspace, asOf, keyFeatures, new Stopwatch());
	}

	private ScoringInput input(WorkspaceId workspace, LocalDate asOf, List<String> keyFeatures, Stopwatch watch) {
		Map<Long, AccountState> states = accounts.states(workspace, asOf)
			.stream()
			.collect(Collectors.toMap(AccountState::accountId, Function.identity()));
		watch.lap("accounts");
		var usageByAccount = usage.asOf(workspace, asOf, keyFeatures);
		watch.lap("usage");
		java.time.ZoneId zone = workspaces.get(workspace).timeZone();
		Map<Long, LocalDate> champions = new HashMap<>();
		accounts.markedChampionsLastSeen(workspace)
			.forEach((account, seen) -> champions.put(account, seen.map(at -> at.atZone(zone).toLocalDate()).orElse(null)));
		return new ScoringInput(workspace, asOf, states, usageByAccount, keyFeatures, champions);
	}

	/** Times the phases of a run, for the log. */
	private static final class Stopwatch {

		private final StringBuilder laps = new StringBuilder();

		private long last = System.nanoTime();

		void lap(String phase) {
			long now = System.nanoTime();
			laps.append(laps.isEmpty() ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
			last = now;
		}

		@Override
		public String toString() {
			return laps.toString();
		}
	}

	private Map<Long, AccountScore> score(WorkspaceId workspace, ScoringInput input) {
		return ScoreCalculator.score(input, scorecards.all(workspace), measures);
	}

	Map<String, HealthMeasure> measures() {
		return measures;
	}
}

package io.kizuna.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.stereotype.Service;

/**
 * Replays history: for each cut-off, scores every live account with only the data before it, and compares the
 * ranking with who churned in the following days. Each scorecard is evaluated on all accounts.
 */
@Service
public class HealthBacktest {

	private final HealthScoring scoring;

	private final Scorecards scorecards;

	private final AccountManagement accounts;

	HealthBacktest(HealthScoring scoring, Scorecards scorecards, AccountManagement accounts) {
		this.scoring = scoring;
		this.scorecards = scorecards;
		this.accounts = accounts;
	}

	public BacktestReport run(WorkspaceId workspace, LocalDate from, LocalDate to, int stepDays, int horizonDays) {
		LocalDate today = scoring.today(workspace);
		if (from == null || to == null || from.isAfter(to) || stepDays < 1 || horizonDays < 1 || horizonDays > 730) {
			throw new InvalidInputException("back-test needs from ≤ to, step ≥ 1 day and a horizon of 1 to 730 days");
		}
		List<LocalDate> cutoffs = new ArrayList<>();
		for (LocalDate cutoff = from; !cutoff.isAfter(to) && !cutoff.plusDays(horizonDays).isAfter(today);
				cutoff = cutoff.plusDays(stepDays)) {
			cutoffs.add(cutoff);
		}
		if (cutoffs.isEmpty()) {
			throw new InvalidInputException("no cut-off between " + from + " and " + to + " has " + horizonDays
					+ " days of outcome before today (" + today + ")");
		}
		if (cutoffs.size() > 60) {
			throw new InvalidInputException("at most 60 cut-offs; widen the step");
		}
		List<Scorecard> cards = scorecards.all(workspace);
		Map<Long, List<BacktestMetrics.Observation>> pooled = new HashMap<>();
		Map<Long, List<BacktestReport.CutoffResult>> perCutoff = new HashMap<>();
		Map<Long, Integer> unscored = new HashMap<>();
		for (LocalDate cutoff : cutoffs) {
			Map<Long, Boolean> churned = outcomes(workspace, cutoff, horizonDays);
			for (Scorecard card : cards) {
				Scorecard asDefault = new Scorecard(card.id(), card.name(), null, card.definition());
				Map<Long, AccountScore> scores = scoring.scoresBefore(workspace, cutoff, List.of(asDefault));
				List<BacktestMetrics.Observation> observations = new ArrayList<>();
				churned.forEach((account, didChurn) -> {
					AccountScore score = scores.get(account);
					if (score == null || score.score() == null) {
						unscored.merge(card.id(), 1, Integer::sum);
					}
					else {
						observations.add(new BacktestMetrics.Observation(account, 100 - score.score(), didChurn,
								score.band() == null ? null : score.band().code()));
					}
				});
				pooled.computeIfAbsent(card.id(), id -> new ArrayList<>()).addAll(observations);
				perCutoff.computeIfAbsent(card.id(), id -> new ArrayList<>())
					.add(new BacktestReport.CutoffResult(cutoff, observations.size(),
							(int) observations.stream().filter(BacktestMetrics.Observation::churned).count(),
							BacktestMetrics.rocAuc(observations)));
			}
		}
		List<BacktestReport.ScorecardResult> results = new ArrayList<>();
		for (Scorecard card : cards) {
			results.add(result(card, pooled.get(card.id()), perCutoff.get(card.id()), unscored.getOrDefault(card.id(), 0)));
		}
		return new BacktestReport(horizonDays, cutoffs, results);
	}

	/** Accounts live on the cut-off, and whether they had no live subscription {@code horizon} days later. */
	private Map<Long, Boolean> outcomes(WorkspaceId workspace, LocalDate cutoff, int horizonDays) {
		Map<Long, Boolean> liveLater = new HashMap<>();
		for (AccountState state : accounts.states(workspace, cutoff.plusDays(horizonDays))) {
			liveLater.put(state.accountId(), state.live());
		}
		Map<Long, Boolean> churned = new LinkedHashMap<>();
		for (AccountState state : accounts.states(workspace, cutoff)) {
			if (state.live()) {
				churned.put(state.accountId(), !liveLater.getOrDefault(state.accountId(), false));
			}
		}
		return churned;
	}

	private static BacktestReport.ScorecardResult result(Scorecard card, List<BacktestMetrics.Observation> all,
			List<BacktestReport.CutoffResult> perCutoff, int unscored) {
		int churners = (int) all.stream().filter(BacktestMetrics.Observation::churned).count();
		int found = 0;
		int flagged = 0;
		// Top-k per cut-off: the observations of each cut-off are contiguous in the pooled list.
		int offset = 0;
		for (BacktestReport.CutoffResult cutoff : perCutoff) {
			List<BacktestMetrics.Observation> slice = all.subList(offset, offset + cutoff.observations());
			int k = Math.max(1, (int) Math.round(slice.size() * 0.1));
			found += BacktestMetrics.churnersInTop(slice, k);
			flagged += Math.min(k, slice.size());
			offset += cutoff.observations();
		}
		double overall = all.isEmpty() ? 0 : (double) churners / all.size();
		Map<String, Double> rates = new LinkedHashMap<>();
		Map<String, Double> lift = new LinkedHashMap<>();
		for (String band : List.of("red", "yellow", "green")) {
			List<BacktestMetrics.Observation> inBand = all.stream().filter(o -> band.equals(o.band())).toList();
			if (!inBand.isEmpty()) {
				double rate = inBand.stream().filter(BacktestMetrics.Observation::churned).count() / (double) inBand.size();
				rates.put(band, rate);
				lift.put(band, overall == 0 ? null : rate / overall);
			}
		}
		return new BacktestReport.ScorecardResult(card.id(), card.name(), all.size(), churners, unscored,
				BacktestMetrics.rocAuc(all), flagged == 0 ? 0 : (double) found / flagged,
				churners == 0 ? 0 : (double) found / churners, rates, lift, perCutoff);
	}
}

package io.kizuna.onboarding;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Onboarding plans and each account's progress through them: the plans' CRUD, milestones marked by hand, the
 * set-based evaluation over usage's rollups (ADR 0081) and the cohort view.
 */
@Service
public class OnboardingManagement {

	static final LocalDate EVER = LocalDate.of(1900, 1, 1);

	private final Plans plans;

	private final Progress progress;

	private final Evaluation evaluation;

	private final PlanValidation validation;

	private final WorkspaceManagement workspaces;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	OnboardingManagement(Plans plans, Progress progress, Evaluation evaluation, PlanValidation validation,
			WorkspaceManagement workspaces, TransactionTemplate transaction, ApplicationEventPublisher events) {
		this.plans = plans;
		this.progress = progress;
		this.evaluation = evaluation;
		this.validation = validation;
		this.workspaces = workspaces;
		this.transaction = transaction;
		this.events = events;
	}

	public List<OnboardingPlan> plans(WorkspaceId workspace) {
		return plans.list(workspace);
	}

	public Optional<OnboardingPlan> findPlan(WorkspaceId workspace, String key) {
		return plans.find(workspace, key);
	}

	public OnboardingPlan plan(WorkspaceId workspace, String key) {
		return plans.find(workspace, key).orElseThrow(() -> new NotFoundException("no onboarding plan " + key));
	}

	/** Creates a plan (previousKey null) or replaces one; then every account's plan and milestones are evaluated. */
	public OnboardingPlan savePlan(WorkspaceId workspace, String previousKey, OnboardingPlan draft) {
		OnboardingPlan plan = validation.normalised(draft);
		transaction.executeWithoutResult(status -> {
			if (previousKey != null && plans.find(workspace, previousKey).isEmpty()) {
				throw new NotFoundException("no onboarding plan " + previousKey);
			}
			if ((previousKey == null || !previousKey.equals(plan.key())) && plans.find(workspace, plan.key()).isPresent()) {
				throw new ConflictException(validation.text("onboarding.invalid.keyTaken", plan.key()));
			}
			if (plans.scopeTaken(workspace, previousKey == null ? plan.key() : previousKey, plan.scope(), plan.scopeValue())) {
				throw new InvalidInputException(validation.text("onboarding.invalid.scopeTaken"));
			}
			plans.save(workspace, previousKey, plan);
		});
		evaluate(workspace);
		return plan(workspace, plan.key());
	}

	public void deletePlan(WorkspaceId workspace, String key) {
		if (!transaction.execute(status -> plans.delete(workspace, key))) {
			throw new NotFoundException("no onboarding plan " + key);
		}
		evaluate(workspace);
	}

	/** Assigns plans, completes milestones from every rollup day, refreshes the summaries and announces overdue ones. */
	public EvaluationResult evaluate(WorkspaceId workspace) {
		return run(workspace, null, null);
	}

	/** As {@link #evaluate}, counting only the open milestones whose window overlaps the days usage recomputed. */
	public EvaluationResult evaluateChanged(WorkspaceId workspace, LocalDate from, LocalDate to) {
		return run(workspace, from, to);
	}

	/** What one evaluation did. */
	public record EvaluationResult(int completed, int overdue) {
	}

	private EvaluationResult run(WorkspaceId workspace, LocalDate from, LocalDate to) {
		java.time.ZoneId zone = workspaces.get(workspace).timeZone();
		LocalDate today = LocalDate.now(zone);
		return transaction.execute(status -> {
			boolean full = from == null;
			if (full) {
				evaluation.assign(workspace);
			}
			List<Evaluation.Reached> reached = evaluation.complete(workspace, zone.getId(), full ? EVER : from,
					full ? today : to);
			evaluation.summarise(workspace, full ? null
					: reached.stream().mapToLong(Evaluation.Reached::accountId).distinct().toArray());
			List<Evaluation.Reached> overdue = evaluation.overdue(workspace, today);
			publish(workspace, reached, "auto");
			if (!overdue.isEmpty()) {
				Map<Long, String> planOf = planKeys(workspace);
				events.publishEvent(new MilestoneOverdue(workspace, overdue.stream()
					.map(o -> new MilestoneOverdue.Overdue(o.accountId(), planOf.get(o.accountId()), o.milestoneKey(), o.on()))
					.toList()));
			}
			return new EvaluationResult(reached.size(), overdue.size());
		});
	}

	private void publish(WorkspaceId workspace, List<Evaluation.Reached> reached, String source) {
		if (reached.isEmpty()) {
			return;
		}
		Map<Long, String> planOf = planKeys(workspace);
		Map<String, OnboardingPlan> byKey = plans.list(workspace).stream()
			.collect(Collectors.toMap(OnboardingPlan::key, Function.identity()));
		List<MilestoneCompleted.Completion> completions = new ArrayList<>();
		for (Evaluation.Reached r : reached) {
			String planKey = planOf.get(r.accountId());
			OnboardingPlan plan = byKey.get(planKey);
			boolean firstValue = plan != null
					&& plan.milestones().stream().anyMatch(m -> m.key().equals(r.milestoneKey()) && m.firstValue());
			completions.add(new MilestoneCompleted.Completion(r.accountId(), planKey, r.milestoneKey(), r.on(), source,
					firstValue));
		}
		events.publishEvent(new MilestoneCompleted(workspace, completions));
	}

	private Map<Long, String> planKeys(WorkspaceId workspace) {
		return progress.planKeys(workspace);
	}

	/** The account's onboarding, if it follows a plan. */
	public Optional<AccountOnboarding> progress(WorkspaceId workspace, long accountId) {
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		return progress.assignment(workspace, accountId).flatMap(a -> plans.find(workspace, a.planKey()).map(plan -> {
			Map<String, Progress.Done> done = progress.done(workspace, accountId);
			List<AccountOnboarding.Step> steps = new ArrayList<>();
			LocalDate firstValue = null;
			LocalDate last = null;
			int reached = 0;
			int overdue = 0;
			for (Milestone m : plan.milestones()) {
				Progress.Done d = done.get(m.key());
				LocalDate due = a.startedOn().plusDays(m.dueDay());
				boolean late = d == null && due.isBefore(today);
				steps.add(new AccountOnboarding.Step(m, due, d == null ? null : d.completedOn(),
						d == null ? null : d.source(), late));
				if (d != null) {
					reached++;
					last = last == null || d.completedOn().isAfter(last) ? d.completedOn() : last;
					if (m.firstValue()) {
						firstValue = d.completedOn();
					}
				}
				if (late) {
					overdue++;
				}
			}
			int total = plan.milestones().size();
			boolean complete = total > 0 && reached == total;
			return new AccountOnboarding(accountId, a.externalId(), plan, a.startedOn(), steps,
					total == 0 ? 0 : (int) Math.floor(100.0 * reached / total), overdue,
					firstValue == null ? null : ChronoUnit.DAYS.between(a.startedOn(), firstValue),
					complete ? ChronoUnit.DAYS.between(a.startedOn(), last) : null);
		}));
	}

	public AccountOnboarding progress(WorkspaceId workspace, String accountExternalId) {
		long id = accountId(workspace, accountExternalId);
		return progress(workspace, id)
			.orElseThrow(() -> new NotFoundException("account " + accountExternalId + " follows no onboarding plan"));
	}

	/** Marks a milestone of the account's plan done by hand on the day (today when null; never in the future). */
	public AccountOnboarding markDone(WorkspaceId workspace, String accountExternalId, String milestoneKey,
			LocalDate on, Long userId) {
		AccountOnboarding current = progress(workspace, accountExternalId);
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		LocalDate day = on == null ? today : on;
		if (day.isAfter(today) || day.isBefore(current.startedOn())) {
			throw new InvalidInputException(validation.text("onboarding.invalid.markDay"));
		}
		if (current.plan().milestones().stream().noneMatch(m -> m.key().equals(milestoneKey))) {
			throw new NotFoundException("no milestone " + milestoneKey + " in plan " + current.plan().key());
		}
		transaction.executeWithoutResult(status -> {
			if (progress.mark(workspace, current.accountId(), milestoneKey, day, "manual", userId)) {
				evaluation.summarise(workspace, new long[] { current.accountId() });
				publish(workspace, List.of(new Evaluation.Reached(current.accountId(), milestoneKey, day)), "manual");
			}
		});
		return progress(workspace, current.accountId()).orElseThrow();
	}

	/** Takes back a milestone marked by hand or imported. */
	public AccountOnboarding unmark(WorkspaceId workspace, String accountExternalId, String milestoneKey) {
		AccountOnboarding current = progress(workspace, accountExternalId);
		transaction.executeWithoutResult(status -> {
			progress.unmark(workspace, current.accountId(), milestoneKey);
			evaluation.summarise(workspace, new long[] { current.accountId() });
		});
		return progress(workspace, current.accountId()).orElseThrow();
	}

	/** Imported history: milestones reached on a day, stored unless already reached; answers how many were new. */
	public int importHistory(WorkspaceId workspace, List<ImportedMilestone> rows) {
		return transaction.execute(status -> {
			List<Evaluation.Reached> stored = new ArrayList<>();
			for (ImportedMilestone row : rows) {
				if (progress.mark(workspace, row.accountId(), row.milestoneKey(), row.completedOn(), "import", null)) {
					stored.add(new Evaluation.Reached(row.accountId(), row.milestoneKey(), row.completedOn()));
				}
			}
			evaluation.summarise(workspace, stored.stream().mapToLong(Evaluation.Reached::accountId).distinct().toArray());
			publish(workspace, stored, "import");
			return stored.size();
		});
	}

	/** One row of a milestone history import. */
	public record ImportedMilestone(long accountId, String milestoneKey, LocalDate completedOn) {
	}

	/** The account's id by external id, refusing what is not of this workspace. */
	public long accountId(WorkspaceId workspace, String externalId) {
		return progress.accountId(workspace, externalId)
			.orElseThrow(() -> new NotFoundException("no account " + externalId));
	}

	/** The milestone keys of the plan the account follows, for checking imported rows. */
	public Optional<OnboardingPlan> planOf(WorkspaceId workspace, long accountId) {
		return progress.assignment(workspace, accountId).flatMap(a -> plans.find(workspace, a.planKey()));
	}

	/** Cohorts by month of start and plan since the month, oldest first. */
	public List<OnboardingCohort> cohorts(WorkspaceId workspace, java.util.Locale locale, int months) {
		if (months < 1 || months > 36) {
			throw new InvalidInputException(validation.text("onboarding.invalid.months"));
		}
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		Map<String, OnboardingPlan> byKey = plans.list(workspace).stream()
			.collect(Collectors.toMap(OnboardingPlan::key, Function.identity()));
		return progress.cohorts(workspace, today.withDayOfMonth(1).minusMonths(months - 1L)).stream()
			.map(c -> new OnboardingCohort(c.month(), c.planKey(),
					byKey.containsKey(c.planKey()) ? byKey.get(c.planKey()).name(locale) : c.planKey(), c.accounts(),
					c.completed(), c.reachedFirstValue(), c.completionRate(), c.medianDaysToFirstValue()))
			.toList();
	}

	/** Queues days of recomputed rollups for the next pass. */
	void queue(WorkspaceId workspace, LocalDate from, LocalDate to) {
		transaction.executeWithoutResult(status -> evaluation.queue(workspace, from, to));
	}

	/** Evaluates the workspaces whose rollups changed since the last pass; answers the milestones completed. */
	public int evaluatePending() {
		List<Evaluation.Pending> pending = transaction.execute(status -> evaluation.claimPending());
		int completed = 0;
		for (Evaluation.Pending p : pending) {
			completed += (p.from().equals(EVER) ? evaluate(p.workspace())
					: evaluateChanged(p.workspace(), p.from(), p.to())).completed();
		}
		return completed;
	}
}

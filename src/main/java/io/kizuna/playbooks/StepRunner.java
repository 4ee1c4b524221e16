package io.kizuna.playbooks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the steps that are due (ADR 0086), batch by batch: claims due step executions with {@code FOR UPDATE SKIP
 * LOCKED} (two nodes never take the same), groups them by playbook version and step, applies the exit condition, the
 * wait-until branch and "only if the task is still open", calls the step's action once per batch, marks each
 * execution and schedules the next step, all in one transaction per batch: a crash undoes the batch, and the action's
 * own unique key (the step key) makes running it again harmless.
 */
@Component
class StepRunner {

	static final int BATCH = 10_000;

	static final int MAX_ATTEMPTS = 8;

	private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Map<String, PlaybookAction> actions;

	private final Conditions conditions;

	private final Tasks tasks;

	private final Playbooks playbooks;

	private final Enrollments enrollments;

	private final TransactionTemplate savepoints;

	StepRunner(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactionManager,
			JsonMapper json, List<PlaybookAction> actions, Conditions conditions, Tasks tasks,
			Playbooks playbooks, Enrollments enrollments) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.savepoints = new TransactionTemplate(transactionManager);
		this.savepoints.setPropagationBehavior(TransactionTemplate.PROPAGATION_NESTED);
		this.json = json;
		this.actions = actions.stream().collect(Collectors.toMap(PlaybookAction::type, a -> a, (a, b) -> a, LinkedHashMap::new));
		this.conditions = conditions;
		this.tasks = tasks;
		this.playbooks = playbooks;
		this.enrollments = enrollments;
	}

	Map<String, PlaybookAction> actions() {
		return actions;
	}

	record Due(long workspace, String stepKey, long enrollmentId, long playbookId, int stepIndex, long accountId,
			String externalId, String accountName, Long ownerUserId, String ownerName, int number, int version,
			String definition, String evidence, int depth, Instant enrolledAt, Instant dueAt) {
	}

	/** Runs every due step, batch after batch; returns how many executions were handled. */
	int runDue() {
		int total = 0;
		while (true) {
			Integer handled = transactions.execute(tx -> batch());
			if (handled == null || handled == 0) {
				return total;
			}
			total += handled;
		}
	}

	private int batch() {
		// claim first, on step_run alone (its partial index on due_at, no sort of every pending row), then read what
		// the claimed rows need; joining the views before the limit made each batch sort all pending executions
		List<Due> due = jdbc.sql("""
				with claimed as (
				  select r.workspace_id, r.step_key, r.enrollment_id, r.playbook_id, r.step_index, r.due_at
				  from playbooks_step_run r
				  where r.status = 'pending' and r.due_at <= now()
				    and exists (select 1 from playbooks_playbook p where p.workspace_id = r.workspace_id
				                and p.playbook_id = r.playbook_id and p.status = 'active')
				  order by r.due_at
				  limit ?
				  for update of r skip locked)
				select r.workspace_id, r.step_key, r.enrollment_id, r.playbook_id, r.step_index, e.account_id,
				       a.external_id, a.name, a.owner_user_id, u.display_name, e.number, e.version,
				       case when row_number() over (partition by r.workspace_id, r.playbook_id, e.version) = 1
				            then e.definition::text end,
				       e.evidence::text, e.depth, e.enrolled_at, r.due_at
				from claimed r
				join playbooks_enrollment e on e.workspace_id = r.workspace_id and e.enrollment_id = r.enrollment_id
				join accounts_v_account a on a.workspace_id = e.workspace_id and a.account_id = e.account_id
				left join workspace_v_user u on u.workspace_id = a.workspace_id and u.user_id = a.owner_user_id
				order by r.due_at, r.step_key""").param(BATCH)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
					rs.getLong(6), rs.getString(7), rs.getString(8), (Long) rs.getObject(9), rs.getString(10),
					rs.getInt(11), rs.getInt(12), rs.getString(13), rs.getString(14), rs.getInt(15),
					rs.getTimestamp(16).toInstant(), rs.getTimestamp(17).toInstant()))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		// the definition came once per playbook version: every row of that version gets it
		Map<String, String> definitions = new HashMap<>();
		due.stream().filter(d -> d.definition() != null)
			.forEach(d -> definitions.put(d.workspace() + "/" + d.playbookId() + "/" + d.version(), d.definition()));
		due = due.stream().map(d -> d.definition() != null ? d : new Due(d.workspace(), d.stepKey(), d.enrollmentId(),
				d.playbookId(), d.stepIndex(), d.accountId(), d.externalId(), d.accountName(), d.ownerUserId(),
				d.ownerName(), d.number(), d.version(),
				definitions.get(d.workspace() + "/" + d.playbookId() + "/" + d.version()), d.evidence(), d.depth(),
				d.enrolledAt(), d.dueAt())).toList();
		Map<String, List<Due>> groups = due.stream().collect(Collectors.groupingBy(
				d -> d.workspace() + "/" + d.playbookId() + "/" + d.version() + "/" + d.stepIndex(), LinkedHashMap::new,
				Collectors.toList()));
		for (List<Due> group : groups.values()) {
			try {
				savepoints.executeWithoutResult(tx -> step(group));
			}
			catch (RuntimeException e) {
				// one playbook's broken step (a condition that no longer compiles, an action that threw) is undone to
				// its savepoint and recorded as failed; it never blocks the other playbooks' steps
				Due first = group.get(0);
				log.warn("playbook {} step {} failed", first.playbookId(), first.stepIndex(), e);
				WorkspaceId workspace = new WorkspaceId(first.workspace());
				String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
				finish(group, "failed", truncate(reason));
				advance(workspace, json.readValue(first.definition(), PlaybookDefinition.class), group, null);
				playbooks.log(workspace, first.playbookId(), "error", group.size(),
						"step " + (first.stepIndex() + 1) + ": " + truncate(reason));
			}
		}
		return due.size();
	}

	private void step(List<Due> group) {
		Due first = group.get(0);
		WorkspaceId workspace = new WorkspaceId(first.workspace());
		PlaybookDefinition definition = json.readValue(first.definition(), PlaybookDefinition.class);
		PlaybookDefinition.Step step = definition.steps().get(first.stepIndex());
		List<Due> live = new ArrayList<>(group);
		// exit criteria: the condition holds → the remaining steps stop
		if (definition.exit().condition() != null && !definition.exit().condition().isBlank()) {
			Set<AccountId> met = conditions.matching(workspace, definition.exit().condition(), accounts(live));
			List<Due> exiting = live.stream().filter(d -> met.contains(new AccountId(d.accountId()))).toList();
			if (!exiting.isEmpty()) {
				enrollments.exit(workspace, first.playbookId(), exiting.stream().map(Due::accountId).toList(), "exit_condition");
				playbooks.log(workspace, first.playbookId(), "exited", exiting.size(), "exit_condition");
				live.removeAll(exiting);
			}
		}
		if (live.isEmpty()) {
			return;
		}
		if (step.type().equals("wait_until")) {
			waitUntil(workspace, definition, step, live);
			return;
		}
		List<Due> run = live;
		if (step.onlyIfTaskOpen()) {
			Set<Long> open = tasks.enrollmentsWithOpenTask(workspace, live.stream().map(Due::enrollmentId).toList());
			List<Due> skipped = live.stream().filter(d -> !open.contains(d.enrollmentId())).toList();
			finish(skipped, "skipped", "no_open_task");
			advance(workspace, definition, skipped, null);
			run = live.stream().filter(d -> open.contains(d.enrollmentId())).toList();
			if (!skipped.isEmpty()) {
				playbooks.log(workspace, first.playbookId(), "step_skipped", skipped.size(),
						"step " + (first.stepIndex() + 1) + " " + step.type() + ": no_open_task");
			}
		}
		if (run.isEmpty()) {
			return;
		}
		PlaybookAction action = actions.get(step.type());
		if (action == null) {
			finish(run, "failed", "unknown action " + step.type());
			playbooks.log(workspace, first.playbookId(), "error", run.size(), "unknown action " + step.type());
			advance(workspace, definition, run, null);
			return;
		}
		List<ActionContext> contexts = run.stream().map(d -> context(workspace, d, step)).toList();
		List<ActionOutcome> outcomes = action.runAll(contexts);
		List<Due> done = new ArrayList<>();
		List<Due> failed = new ArrayList<>();
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < run.size(); i++) {
			Due d = run.get(i);
			ActionOutcome outcome = outcomes.get(i);
			counts.merge(outcome.status().name().toLowerCase(), 1, Integer::sum);
			switch (outcome.status()) {
				case DONE -> done.add(d);
				case FAILED -> failed.add(d);
				case RETRY -> retry(d, outcome.summary());
			}
		}
		// one statement per outcome and summary, never one per account
		markAll(done, outcomes, run, "done");
		markAll(failed, outcomes, run, "failed");
		advance(workspace, definition, done, null);
		advance(workspace, definition, failed, null);
		String errors = outcomes.stream().filter(o -> o.status() != ActionOutcome.Status.DONE)
			.map(ActionOutcome::summary).distinct().limit(3).collect(Collectors.joining("; "));
		playbooks.log(workspace, first.playbookId(), counts.containsKey("failed") ? "step_failed" : "step", run.size(),
				"step " + (first.stepIndex() + 1) + " " + step.type() + ": " + new java.util.TreeMap<>(counts)
						+ (errors.isEmpty() ? "" : " — " + errors));
	}

	private void waitUntil(WorkspaceId workspace, PlaybookDefinition definition, PlaybookDefinition.Step step,
			List<Due> live) {
		Due first = live.get(0);
		String condition = step.settings().get("condition");
		Set<AccountId> met = conditions.matching(workspace, condition, accounts(live));
		int maxDays = step.maxDays() == null ? 7 : step.maxDays();
		Instant now = Instant.now();
		List<Due> yes = live.stream().filter(d -> met.contains(new AccountId(d.accountId()))).toList();
		List<Due> timedOut = live.stream().filter(d -> !met.contains(new AccountId(d.accountId())))
			.filter(d -> !now.isBefore(d.enrolledAt().plus(Duration.ofDays(step.day() + (long) maxDays)))).toList();
		List<Due> waiting = live.stream().filter(d -> !yes.contains(d) && !timedOut.contains(d)).toList();
		finish(yes, "done", "condition_met");
		advance(workspace, definition, yes, step.thenStep());
		finish(timedOut, "done", "timed_out");
		advance(workspace, definition, timedOut, step.elseStep());
		for (Due d : waiting) {
			// look again in an hour, never past the deadline
			Instant deadline = d.enrolledAt().plus(Duration.ofDays(step.day() + (long) maxDays));
			Instant next = now.plus(Duration.ofHours(1));
			jdbc.sql("update playbooks_step_run set due_at = ? where workspace_id = ? and step_key = ?")
				.params(Timestamp.from(next.isAfter(deadline) ? deadline : next), d.workspace(), d.stepKey()).update();
		}
		playbooks.log(workspace, first.playbookId(), "wait", live.size(), "step " + (first.stepIndex() + 1)
				+ " wait_until: met=" + yes.size() + ", timed_out=" + timedOut.size() + ", waiting=" + waiting.size());
	}

	private ActionContext context(WorkspaceId workspace, Due d, PlaybookDefinition.Step step) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("account.id", d.accountId());
		variables.put("account.external_id", d.externalId());
		variables.put("account.name", d.accountName());
		if (d.ownerUserId() != null) {
			variables.put("owner.user_id", d.ownerUserId());
		}
		if (d.ownerName() != null) {
			variables.put("owner.name", d.ownerName());
		}
		variables.put("enrollment.id", d.enrollmentId());
		variables.put("enrollment.depth", d.depth());
		Map<String, Object> evidence = json.readValue(d.evidence(),
				new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
				});
		evidence.forEach((k, v) -> {
			if (v != null) {
				variables.put("evidence." + k, v);
			}
		});
		return new ActionContext(workspace, d.stepKey(), d.playbookId(), d.externalId(), step.settings(), variables);
	}

	private static List<AccountId> accounts(List<Due> due) {
		return due.stream().map(d -> new AccountId(d.accountId())).toList();
	}

	private void mark(Due d, String status, String outcome) {
		jdbc.sql("""
				update playbooks_step_run set status = ?, outcome = ?, done_at = now(), attempts = attempts + 1
				where workspace_id = ? and step_key = ?""")
			.params(status, truncate(outcome), d.workspace(), d.stepKey()).update();
	}

	private void markAll(List<Due> due, List<ActionOutcome> outcomes, List<Due> run, String status) {
		if (due.isEmpty()) {
			return;
		}
		Map<Due, String> summaries = new HashMap<>();
		for (int i = 0; i < run.size(); i++) {
			summaries.put(run.get(i), outcomes.get(i).summary());
		}
		Map<String, List<Due>> bySummary = due.stream()
			.collect(Collectors.groupingBy(d -> String.valueOf(summaries.get(d)), LinkedHashMap::new, Collectors.toList()));
		bySummary.forEach((summary, rows) -> jdbc.sql("""
				update playbooks_step_run set status = ?, outcome = ?, done_at = now(), attempts = attempts + 1
				where workspace_id = ? and step_key = any(?)""")
			.params(status, truncate(summary), rows.get(0).workspace(), rows.stream().map(Due::stepKey).toArray(String[]::new))
			.update());
	}

	private void finish(List<Due> due, String status, String outcome) {
		if (!due.isEmpty()) {
			jdbc.sql("""
					update playbooks_step_run set status = ?, outcome = ?, done_at = now()
					where workspace_id = ? and step_key = any(?)""")
				.params(status, outcome, due.get(0).workspace(), due.stream().map(Due::stepKey).toArray(String[]::new))
				.update();
		}
	}

	private void retry(Due d, String summary) {
		int attempts = jdbc.sql("select attempts from playbooks_step_run where workspace_id = ? and step_key = ?")
			.params(d.workspace(), d.stepKey()).query(Integer.class).single() + 1;
		if (attempts >= MAX_ATTEMPTS) {
			mark(d, "failed", "gave up after " + attempts + " attempts: " + summary);
			return;
		}
		// exponential backoff: 1, 2, 4, … minutes
		jdbc.sql("""
				update playbooks_step_run set attempts = ?, outcome = ?, due_at = now() + make_interval(mins => ?)
				where workspace_id = ? and step_key = ?""")
			.params(attempts, truncate(summary), 1 << (attempts - 1), d.workspace(), d.stepKey()).update();
	}

	/**
	 * Schedules the next step of each enrollment ({@code jump} when a branch names one; -1 ends it as exited), or
	 * completes the enrollment after its last step.
	 */
	private void advance(WorkspaceId workspace, PlaybookDefinition definition, List<Due> due, Integer jump) {
		if (due.isEmpty()) {
			return;
		}
		int current = due.get(0).stepIndex();
		int next = jump == null ? current + 1 : jump;
		// the ids are joined from unnest, by primary key: "enrollment_id = any(?) and status = 'active'" let the
		// planner, its statistics still from before a bulk enrollment, scan the partial index of every active
		// enrollment and test each against the whole array (ten thousand by a quarter million, per batch)
		List<Long> ids = due.stream().map(Due::enrollmentId).toList();
		if (next < 0 || next >= definition.steps().size()) {
			jdbc.sql("""
					update playbooks_enrollment e set status = ?, ended_at = now(), end_reason = ?
					from unnest(?::bigint[]) as x(enrollment_id)
					where e.workspace_id = ? and e.enrollment_id = x.enrollment_id and e.status = 'active'""")
				.params(next < 0 ? "exited" : "completed", next < 0 ? "branch_end" : "steps_done",
						ids.toArray(Long[]::new), workspace.value())
				.update();
			return;
		}
		int day = definition.steps().get(next).day();
		jdbc.sql("""
				insert into playbooks_step_run (workspace_id, step_key, enrollment_id, playbook_id, step_index, due_at)
				select e.workspace_id, 'p' || e.playbook_id || '-a' || e.account_id || '-n' || e.number || '-s' || ?,
				       e.enrollment_id, e.playbook_id, ?, greatest(now(), e.enrolled_at + make_interval(days => ?))
				from unnest(?::bigint[]) as x(enrollment_id)
				join playbooks_enrollment e on e.workspace_id = ? and e.enrollment_id = x.enrollment_id
				where e.status = 'active'
				on conflict do nothing""")
			.params(next, next, day, ids.toArray(Long[]::new), workspace.value()).update();
	}

	private static String truncate(String s) {
		return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
	}
}

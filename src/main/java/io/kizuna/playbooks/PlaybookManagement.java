package io.kizuna.playbooks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The playbooks API (ADR 0085): CRUD with validation of every step by its action, activate and pause, preview, the
 * enrollments and run log, manual runs, and {@link #fire} — where every trigger, built-in or another module's, hands
 * the accounts it saw.
 */
@Service
public class PlaybookManagement {

	public static final int MAX_PLAYBOOKS = 100;

	/** Enrollments through enroll_playbook steps deeper than this are a loop: refused and logged. */
	public static final int MAX_DEPTH = 3;

	private final Playbooks playbooks;

	private final Enrollments enrollments;

	private final StepRunner runner;

	private final Map<String, PlaybookTrigger> triggers;

	private final SegmentManagement segments;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Candidates candidates;

	private final Conditions conditions;

	PlaybookManagement(Playbooks playbooks, Enrollments enrollments, StepRunner runner, List<PlaybookTrigger> triggers,
			SegmentManagement segments, AuditTrail audit, ApplicationEventPublisher events,
			TransactionTemplate transactions, Candidates candidates, Conditions conditions) {
		this.playbooks = playbooks;
		this.enrollments = enrollments;
		this.runner = runner;
		this.triggers = triggers.stream().collect(Collectors.toMap(PlaybookTrigger::type, t -> t, (a, b) -> a, LinkedHashMap::new));
		this.segments = segments;
		this.audit = audit;
		this.events = events;
		this.transactions = transactions;
		this.candidates = candidates;
		this.conditions = conditions;
	}

	/** Every trigger type there is (built-in and other modules' beans). */
	public Map<String, PlaybookTrigger> triggers() {
		return triggers;
	}

	/** Every step type there is: the built-in actions, {@code wait_until}, and other modules' action beans. */
	public List<String> actionTypes() {
		List<String> types = new ArrayList<>(runner.actions().keySet());
		types.add("wait_until");
		return types;
	}

	/** The settings a step of this type reads, in the builder's order ({@code wait_until} reads its condition). */
	public List<String> stepSettings(String type) {
		if ("wait_until".equals(type)) {
			return List.of("condition");
		}
		PlaybookAction action = type == null ? null : runner.actions().get(type);
		return action == null ? List.of() : action.settings();
	}

	/** A setting's values and their labels in the reader's language, or empty for free text. */
	public Map<String, String> stepChoices(WorkspaceId workspace, String type, String setting, java.util.Locale locale) {
		PlaybookAction action = type == null ? null : runner.actions().get(type);
		return action == null ? Map.of() : action.choices(workspace, setting, locale);
	}

	public List<Playbook> list(WorkspaceId workspace) {
		return playbooks.list(workspace);
	}

	public Playbook get(WorkspaceId workspace, long id) {
		return playbooks.find(workspace, id).orElseThrow(() -> new NotFoundException("no playbook " + id));
	}

	/** A playbook by its id or by its key (pages' addresses). */
	public Playbook resolve(WorkspaceId workspace, String ref) {
		if (ref != null && ref.matches("\\d{1,18}")) {
			return get(workspace, Long.parseLong(ref));
		}
		return playbooks.idByKey(workspace, ref == null ? "" : ref).map(id -> get(workspace, id))
			.orElseThrow(() -> new NotFoundException("no playbook " + ref));
	}

	/** Gives a playbook a stable key (lower case, digits and -), e.g. for the demo's addresses. */
	public void setKey(WorkspaceId workspace, long id, String key) {
		if (key == null || !key.matches("[a-z][a-z0-9-]{0,62}")) {
			throw new InvalidInputException("invalid playbook", List.of("key: 1 to 63 of a-z, 0-9 and -, a letter first"));
		}
		get(workspace, id);
		if (playbooks.idByKey(workspace, key).filter(other -> other != id).isPresent()) {
			throw new ConflictException("a playbook with key " + key + " exists");
		}
		playbooks.key(workspace, id, key);
	}

	public Playbook create(WorkspaceId workspace, PlaybookDraft draft) {
		String name = name(draft.name());
		if (playbooks.list(workspace).size() >= MAX_PLAYBOOKS) {
			throw new InvalidInputException("a workspace keeps at most " + MAX_PLAYBOOKS + " playbooks");
		}
		PlaybookDefinition definition = validate(workspace, null, draft.definition());
		long id = transactions.execute(tx -> {
			long created = playbooks.insert(workspace, name, definition);
			audit.record(workspace, "playbook.created", "playbook " + created, Map.of("name", name));
			return created;
		});
		return get(workspace, id);
	}

	/** Saves a new version; enrollments already running keep the version they started with. */
	public Playbook update(WorkspaceId workspace, long id, PlaybookDraft draft) {
		Playbook playbook = get(workspace, id);
		String name = draft.name() == null ? playbook.name() : name(draft.name());
		PlaybookDefinition definition = draft.definition() == null ? playbook.definition()
				: validate(workspace, id, draft.definition());
		transactions.executeWithoutResult(tx -> {
			playbooks.update(workspace, id, name, definition);
			audit.record(workspace, "playbook.updated", "playbook " + id,
					Map.of("name", name, "version", playbook.version() + 1));
		});
		return get(workspace, id);
	}

	public void delete(WorkspaceId workspace, long id) {
		Playbook playbook = get(workspace, id);
		List<String> users = playbooks.list(workspace).stream().filter(p -> p.id() != id)
			.filter(p -> enrollTargets(p.definition()).contains(id)).map(Playbook::name).toList();
		if (!users.isEmpty()) {
			throw new ConflictException("playbook " + id + " is enrolled into by " + String.join(", ", users));
		}
		transactions.executeWithoutResult(tx -> {
			playbooks.delete(workspace, id);
			audit.record(workspace, "playbook.deleted", "playbook " + id, Map.of("name", playbook.name()));
		});
	}

	public Playbook activate(WorkspaceId workspace, long id) {
		Playbook playbook = get(workspace, id);
		validate(workspace, id, playbook.definition());
		return status(workspace, playbook, "active");
	}

	/** Pausing stops new enrollments and pending steps; open tasks stay as they are. */
	public Playbook pause(WorkspaceId workspace, long id) {
		return status(workspace, get(workspace, id), "paused");
	}

	private Playbook status(WorkspaceId workspace, Playbook playbook, String status) {
		transactions.executeWithoutResult(tx -> {
			playbooks.status(workspace, playbook.id(), status);
			audit.record(workspace, "playbook." + status, "playbook " + playbook.id(), Map.of("name", playbook.name()));
			playbooks.log(workspace, playbook.id(), status, 0, null);
		});
		return get(workspace, playbook.id());
	}

	public List<Enrollment> enrollments(WorkspaceId workspace, long id, int limit) {
		get(workspace, id);
		return playbooks.enrollments(workspace, id, Math.min(Math.max(limit, 1), 500));
	}

	public List<RunLogEntry> runLog(WorkspaceId workspace, long id, int limit) {
		get(workspace, id);
		return playbooks.runLog(workspace, id, Math.min(Math.max(limit, 1), 500));
	}

	/** Who would enroll right now (the trigger's current state, the condition, the enrollment rule) and what each gets. */
	public PlaybookPreview preview(WorkspaceId workspace, PlaybookDefinition definition, Long id, java.util.Locale locale) {
		PlaybookDefinition checked = validate(workspace, id, definition);
		return candidates.preview(workspace, checked, id, locale);
	}

	/** Enrolls now every account of a segment (by key) or of a list of external ids, if the playbook's rules allow. */
	public int runManually(WorkspaceId workspace, long id, String segmentKey, List<String> externalIds) {
		Playbook playbook = get(workspace, id);
		if (!playbook.status().equals("active")) {
			throw new ConflictException("playbook " + id + " is not active");
		}
		List<AccountId> accounts = candidates.manualAccounts(workspace, segmentKey, externalIds);
		String key = "manual:" + java.time.Instant.now().toEpochMilli();
		List<TriggerHit> hits = accounts.stream()
			.map(a -> new TriggerHit(a, key, Map.of(), Map.of("trigger", "manual"))).toList();
		int enrolled = enroll(workspace, playbook, hits, 0, "manual");
		runner.runDue();
		return enrolled;
	}

	/**
	 * One batch of trigger occurrences of one type: every active playbook on that trigger whose settings match enrolls
	 * the accounts its condition and rule admit; then the due steps run. Called by the built-in triggers and by other
	 * modules' (journeys, onboarding) listeners.
	 */
	public int fire(WorkspaceId workspace, String type, List<TriggerHit> hits) {
		PlaybookTrigger trigger = triggers.get(type);
		if (trigger == null || hits.isEmpty()) {
			return 0;
		}
		int total = 0;
		for (Playbook playbook : playbooks.active(workspace)) {
			PlaybookDefinition.Trigger t = playbook.definition().trigger();
			if (!t.type().equals(type)) {
				continue;
			}
			List<TriggerHit> matching = hits.stream().filter(h -> trigger.matches(t.settings(), h.attributes())).toList();
			total += enroll(workspace, playbook, matching, 0, type);
		}
		if (total > 0) {
			runner.runDue();
		}
		return total;
	}

	/** Ends the active enrollments of these accounts in every active playbook whose exit says "signal resolved". */
	public int resolved(WorkspaceId workspace, String signalKind, Collection<AccountId> accounts) {
		int total = 0;
		for (Playbook playbook : playbooks.active(workspace)) {
			PlaybookDefinition d = playbook.definition();
			if (d.exit().signalResolved() && d.trigger().type().equals("signal_raised")
					&& signalKind.equals(d.trigger().settings().get("kind"))) {
				int exited = transactions.execute(tx -> enrollments.exit(workspace, playbook.id(),
						accounts.stream().map(AccountId::value).toList(), "signal_resolved"));
				if (exited > 0) {
					playbooks.log(workspace, playbook.id(), "exited", exited, "signal_resolved");
				}
				total += exited;
			}
		}
		return total;
	}

	/** From an enroll_playbook step: enrolls one account into another playbook, one level deeper. */
	ActionOutcome enrollFrom(WorkspaceId workspace, long targetId, AccountId account, String stepKey, int depth) {
		if (depth + 1 > MAX_DEPTH) {
			return ActionOutcome.failed("loop stopped: enrollment depth " + (depth + 1) + " > " + MAX_DEPTH);
		}
		Playbook target = playbooks.find(workspace, targetId).orElse(null);
		if (target == null) {
			return ActionOutcome.failed("no playbook " + targetId);
		}
		if (!target.status().equals("active")) {
			return ActionOutcome.done("playbook " + targetId + " not active");
		}
		int n = enroll(workspace, target, List.of(new TriggerHit(account, "step:" + stepKey, Map.of(),
				Map.of("trigger", "enroll_playbook"))), depth + 1, "enroll_playbook");
		return ActionOutcome.done(n == 1 ? "enrolled" : "not enrolled (rule)");
	}

	/** Conditions filter, then one set-based statement enrolls; one run-log line and one event per batch. */
	int enroll(WorkspaceId workspace, Playbook playbook, List<TriggerHit> hits, int depth, String trigger) {
		if (hits.isEmpty()) {
			return 0;
		}
		List<TriggerHit> admitted = hits;
		String condition = playbook.definition().condition();
		if (condition != null && !condition.isBlank()) {
			Set<AccountId> matching = conditions.matching(workspace, condition,
					hits.stream().map(TriggerHit::accountId).collect(java.util.stream.Collectors.toSet()));
			admitted = hits.stream().filter(h -> matching.contains(h.accountId())).toList();
		}
		List<TriggerHit> finalAdmitted = admitted;
		List<Long> enrolled = transactions.execute(tx -> {
			List<Long> accounts = enrollments.enroll(workspace, playbook, finalAdmitted, depth);
			if (!accounts.isEmpty() || !trigger.equals("renewal_within")) {
				playbooks.log(workspace, playbook.id(), "evaluated", hits.size(), trigger + ": " + hits.size()
					+ " seen, " + finalAdmitted.size() + " matched the condition, " + accounts.size() + " enrolled");
			}
			if (!accounts.isEmpty()) {
				events.publishEvent(new PlaybookEnrolled(workspace, playbook.id(), trigger, accounts));
			}
			return accounts;
		});
		return enrolled.size();
	}

	/** Runs the steps that are due now (the scheduler does it every few seconds). */
	public int runDueSteps() {
		return runner.runDue();
	}

	private PlaybookDefinition validate(WorkspaceId workspace, Long id, PlaybookDefinition definition) {
		if (definition == null) {
			throw new InvalidInputException("invalid playbook", List.of("definition: required"));
		}
		List<String> errors = new ArrayList<>();
		PlaybookDefinition.Trigger trigger = definition.trigger();
		if (trigger == null || trigger.type() == null || !triggers.containsKey(trigger.type())) {
			errors.add("trigger: one of " + String.join(", ", triggers.keySet()));
		}
		else {
			collect(errors, () -> triggers.get(trigger.type()).validate(workspace, trigger.settings()));
		}
		if (definition.condition() != null && !definition.condition().isBlank()) {
			condition(workspace, errors, "condition", definition.condition());
		}
		PlaybookDefinition.EnrollmentRule rule = definition.enrollment();
		if (rule.rule() == null || !List.of("once", "after_exit", "limit").contains(rule.rule())) {
			errors.add("enrollment: once, after_exit or limit");
		}
		else if (rule.rule().equals("limit") && (rule.max() == null || rule.max() < 1 || rule.max() > 100
				|| rule.days() == null || rule.days() < 1 || rule.days() > 3650)) {
			errors.add("enrollment: limit needs max 1 to 100 and days 1 to 3650");
		}
		if (definition.exit().condition() != null && !definition.exit().condition().isBlank()) {
			condition(workspace, errors, "exit", definition.exit().condition());
		}
		List<PlaybookDefinition.Step> steps = definition.steps();
		if (steps.isEmpty() || steps.size() > PlaybookDefinition.MAX_STEPS) {
			errors.add("steps: 1 to " + PlaybookDefinition.MAX_STEPS);
		}
		int previousDay = 0;
		for (int i = 0; i < steps.size(); i++) {
			PlaybookDefinition.Step step = steps.get(i);
			String at = "steps[" + (i + 1) + "]";
			if (step.day() < 0 || step.day() > 365 || step.day() < previousDay) {
				errors.add(at + ".day: 0 to 365, not before the previous step's");
			}
			previousDay = Math.max(previousDay, step.day());
			if (step.type() == null || !actionTypes().contains(step.type())) {
				errors.add(at + ".type: one of " + String.join(", ", actionTypes()));
				continue;
			}
			if (step.type().equals("wait_until")) {
				String condition = step.settings().get("condition");
				condition(workspace, errors, at + ".condition", condition);
				if (step.maxDays() == null || step.maxDays() < 0 || step.maxDays() > 365) {
					errors.add(at + ".maxDays: 0 to 365");
				}
				if (step.thenStep() != null && (step.thenStep() <= i || step.thenStep() >= steps.size())) {
					errors.add(at + ".thenStep: a later step");
				}
				if (step.elseStep() != null && step.elseStep() != -1
						&& (step.elseStep() <= i || step.elseStep() >= steps.size())) {
					errors.add(at + ".elseStep: a later step, or -1 to end");
				}
			}
			else {
				collect(errors, () -> runner.actions().get(step.type()).validate(workspace, step.settings()), at + ".");
			}
			if (step.type().equals("enroll_playbook")) {
				String target = step.settings().get("playbook");
				if (id != null && String.valueOf(id).equals(target)) {
					errors.add(at + ".playbook: a playbook cannot enroll into itself");
				}
			}
		}
		if (errors.isEmpty() && id != null) {
			List<Long> loop = loop(workspace, id, definition);
			if (!loop.isEmpty()) {
				errors.add("steps: enrolling creates a loop between playbooks "
						+ loop.stream().map(String::valueOf).collect(Collectors.joining(" → ")));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid playbook", errors);
		}
		return definition;
	}

	/** A path of enroll_playbook steps from this playbook back to itself, or empty. */
	private List<Long> loop(WorkspaceId workspace, long id, PlaybookDefinition definition) {
		Map<Long, Set<Long>> graph = new HashMap<>();
		for (Playbook p : playbooks.list(workspace)) {
			graph.put(p.id(), enrollTargets(p.definition()));
		}
		graph.put(id, enrollTargets(definition));
		List<Long> path = new ArrayList<>();
		return reaches(graph, id, id, path, new HashSet<>()) ? path : List.of();
	}

	private static boolean reaches(Map<Long, Set<Long>> graph, long from, long target, List<Long> path, Set<Long> seen) {
		path.add(from);
		for (long next : graph.getOrDefault(from, Set.of())) {
			if (next == target) {
				path.add(next);
				return true;
			}
			if (seen.add(next) && reaches(graph, next, target, path, seen)) {
				return true;
			}
		}
		path.remove(path.size() - 1);
		return false;
	}

	static Set<Long> enrollTargets(PlaybookDefinition definition) {
		Set<Long> targets = new HashSet<>();
		for (PlaybookDefinition.Step step : definition.steps()) {
			String target = step.settings().get("playbook");
			if ("enroll_playbook".equals(step.type()) && target != null && target.matches("\\d{1,18}")) {
				targets.add(Long.parseLong(target));
			}
		}
		return targets;
	}

	/** A condition is compiled against the workspace's fields (and run on no account) so save refuses what cannot run. */
	private void condition(WorkspaceId workspace, List<String> errors, String field, String condition) {
		try {
			segments.matching(workspace, condition, List.of(new AccountId(0)));
		}
		catch (RuntimeException e) {
			// the filter language's own error (where and why) or a bound exceeded
			errors.add(field + ": " + e.getMessage());
		}
	}

	private static void collect(List<String> errors, Runnable check) {
		collect(errors, check, "");
	}

	private static void collect(List<String> errors, Runnable check, String prefix) {
		try {
			check.run();
		}
		catch (InvalidInputException e) {
			if (e.errors().isEmpty()) {
				errors.add(prefix + e.getMessage());
			}
			e.errors().forEach(err -> errors.add(prefix + err));
		}
	}

	private static String name(String name) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new InvalidInputException("invalid playbook", List.of("name: 1 to 100 characters"));
		}
		return trimmed;
	}
}

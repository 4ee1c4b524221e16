package io.kizuna.journeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountVocabulary;
import io.kizuna.accounts.Term;
import io.kizuna.accounts.VocabularyAdministration;
import io.kizuna.journeys.AccountStages.Move;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journeys module's API: the stage list, the stage rules, each account's stage and its history, and the journey
 * analytics. Every change of a stage is recorded, mirrored into the account's lifecycle_stage through the accounts
 * facade, and announced by one {@link StageChanged} per evaluation (ADR 0078, 0079). Errors are message keys
 * ({@code journeys.error.*}) or filter-language errors the segments facade describes.
 */
@Service
public class JourneyManagement {

	public static final int MAX_RULES = 50;

	public static final int MAX_HISTORY = 500;

	private final Stages stages;

	private final StageRules rules;

	private final AccountStages accountStages;

	private final AccountManagement accounts;

	private final VocabularyAdministration vocabularies;

	private final SegmentManagement segments;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final JourneyAnalytics analytics;

	private final WorkspaceManagement workspaces;

	JourneyManagement(Stages stages, StageRules rules, AccountStages accountStages, AccountManagement accounts,
			VocabularyAdministration vocabularies, SegmentManagement segments, ApplicationEventPublisher events,
			JdbcClient jdbc, JourneyAnalytics analytics, WorkspaceManagement workspaces) {
		this.analytics = analytics;
		this.workspaces = workspaces;
		this.stages = stages;
		this.rules = rules;
		this.accountStages = accountStages;
		this.accounts = accounts;
		this.vocabularies = vocabularies;
		this.segments = segments;
		this.events = events;
		this.jdbc = jdbc;
	}

	// ---- stages

	public List<Stage> stages(WorkspaceId workspace) {
		return stages.list(workspace);
	}

	public Stage stage(WorkspaceId workspace, String code) {
		return stages.list(workspace).stream().filter(s -> s.code().equals(code)).findFirst()
			.orElseThrow(() -> new NotFoundException("no stage " + code));
	}

	/** Every label a stage code has had in the workspace, retired ones too: history and charts name them. */
	public Map<String, Term> stageLabels(WorkspaceId workspace) {
		return stages.allTerms(workspace);
	}

	@Transactional
	public Stage addStage(WorkspaceId workspace, String code, String labelJa, String labelEn, Integer stallDays) {
		checkStallDays(stallDays);
		stages.list(workspace);
		String clean = code == null ? "" : code.strip();
		if (stages.retired(workspace).contains(clean)) {
			vocabularies.rename(workspace, AccountVocabulary.LIFECYCLE_STAGE, clean, labelJa, labelEn);
			stages.restore(workspace, clean);
		}
		else {
			vocabularies.add(workspace, AccountVocabulary.LIFECYCLE_STAGE, clean, labelJa, labelEn);
		}
		stages.setStallDays(workspace, clean, stallDays);
		return stage(workspace, clean);
	}

	@Transactional
	public Stage updateStage(WorkspaceId workspace, String code, String labelJa, String labelEn, Integer stallDays) {
		Stage stage = stage(workspace, code);
		checkStallDays(stallDays);
		vocabularies.rename(workspace, AccountVocabulary.LIFECYCLE_STAGE, code,
				labelJa == null ? stage.labelJa() : labelJa, labelEn == null ? stage.labelEn() : labelEn);
		stages.setStallDays(workspace, code, stallDays);
		return stage(workspace, code);
	}

	/** Moves the stage one place up (-1) or down (+1) among the stages in use; at either end it stays. */
	@Transactional
	public List<Stage> moveStage(WorkspaceId workspace, String code, int by) {
		List<Stage> list = stages.list(workspace);
		int index = list.indexOf(stage(workspace, code));
		int target = index + Integer.signum(by);
		if (by == 0 || target < 0 || target >= list.size()) {
			return list;
		}
		String neighbour = list.get(target).code();
		// retired codes stay in the vocabulary: step over them until the neighbour is passed
		for (int guard = 0; guard < 100; guard++) {
			List<String> codes = vocabularies.vocabulary(workspace, AccountVocabulary.LIFECYCLE_STAGE).codes();
			int mine = codes.indexOf(code);
			int theirs = codes.indexOf(neighbour);
			if (by < 0 ? mine < theirs : mine > theirs) {
				break;
			}
			vocabularies.move(workspace, AccountVocabulary.LIFECYCLE_STAGE, code, by);
		}
		return stages.list(workspace);
	}

	/**
	 * Removes a stage from use. Its accounts move to {@code moveTo} (required while any is in it), and so do the
	 * rules that led to it; its history stays. The code stays in the accounts vocabulary (codes there are never
	 * deleted), retired here.
	 */
	@Transactional
	public void removeStage(WorkspaceId workspace, String code, String moveTo, Long userId) {
		Stage stage = stage(workspace, code);
		List<Stage> all = stages.list(workspace);
		if (all.size() <= 1) {
			throw new ConflictException("journeys.error.lastStage");
		}
		List<Long> members = accountStages.accountsIn(workspace, code);
		boolean ruled = rules.list(workspace).stream().anyMatch(r -> r.stage().equals(code));
		if ((!members.isEmpty() || ruled) && (moveTo == null || moveTo.isBlank())) {
			throw new ConflictException("journeys.error.stageInUse");
		}
		if (moveTo != null && !moveTo.isBlank()) {
			if (moveTo.equals(code) || all.stream().noneMatch(s -> s.code().equals(moveTo))) {
				throw new InvalidInputException("journeys.error.moveTo");
			}
			Instant now = Instant.now();
			List<Move> moves = members.stream()
				.map(id -> new Move(id, stage.code(), moveTo, now, ChangeSource.REMOVED, userId, null, false)).toList();
			write(workspace, moves);
			rules.retarget(workspace, code, moveTo);
		}
		stages.retire(workspace, code);
	}

	private static void checkStallDays(Integer days) {
		if (days != null && (days < 1 || days > 3650)) {
			throw new InvalidInputException("journeys.error.stallDays");
		}
	}

	// ---- rules

	public List<StageRule> rules(WorkspaceId workspace) {
		return rules.list(workspace);
	}

	/**
	 * Replaces the rules (definition and stage, in order), then re-evaluates every account.
	 *
	 * @throws InvalidInputException for a definition that does not compile or an unknown stage
	 */
	@Transactional
	public List<StageRule> saveRules(WorkspaceId workspace, List<RuleDraft> drafts) {
		if (drafts == null || drafts.size() > MAX_RULES) {
			throw new InvalidInputException("journeys.error.tooManyRules");
		}
		Set<String> codes = new HashSet<>(stages.list(workspace).stream().map(Stage::code).toList());
		List<String[]> clean = new ArrayList<>();
		for (RuleDraft draft : drafts) {
			if (draft == null || draft.stage() == null || !codes.contains(draft.stage())) {
				throw new InvalidInputException("journeys.error.ruleStage");
			}
			if (draft.definition() == null || draft.definition().length() > 4000) {
				throw new InvalidInputException("journeys.error.ruleDefinition");
			}
			String text = segments.normalize(draft.definition());
			segments.matchingAccounts(workspace, text, List.of());
			clean.add(new String[] { text, draft.stage() });
		}
		rules.replace(workspace, clean);
		evaluate(workspace, null, false);
		return rules.list(workspace);
	}

	/** A rule as written: accounts the definition matches go to the stage. */
	public record RuleDraft(String definition, String stage) {
	}

	// ---- an account's stage

	public AccountStage accountStage(WorkspaceId workspace, String externalId) {
		Account account = accounts.account(workspace, externalId);
		sync(workspace, List.of(account.id()));
		return accountStages.current(workspace, account.id(), externalId)
			.orElse(new AccountStage(externalId, null, null, false));
	}

	public List<StageChange> history(WorkspaceId workspace, String externalId, int limit) {
		Account account = accounts.account(workspace, externalId);
		return accountStages.history(workspace, account.id(), externalId, Math.min(Math.max(limit, 1), MAX_HISTORY));
	}

	/**
	 * Sets an account's stage by hand. {@code hold}: the rules leave it there until {@link #release}; otherwise the
	 * next evaluation may move it again.
	 */
	@Transactional
	public AccountStage setStage(WorkspaceId workspace, String externalId, String stage, Long userId, boolean hold) {
		Account account = accounts.account(workspace, externalId);
		if (stage == null || stages.list(workspace).stream().noneMatch(s -> s.code().equals(stage))) {
			throw new InvalidInputException("journeys.error.unknownStage");
		}
		sync(workspace, List.of(account.id()));
		AccountStage current = accountStages.current(workspace, account.id(), externalId).orElse(null);
		if (current != null && stage.equals(current.stage())) {
			accountStages.hold(workspace, account.id(), hold);
		}
		else {
			write(workspace, List.of(new Move(account.id(), current == null ? null : current.stage(), stage, Instant.now(),
					ChangeSource.MANUAL, userId, null, hold)));
		}
		return accountStages.current(workspace, account.id(), externalId).orElseThrow();
	}

	/** Hands a held account back to the rules, which are evaluated for it at once. */
	@Transactional
	public AccountStage release(WorkspaceId workspace, String externalId) {
		Account account = accounts.account(workspace, externalId);
		accountStages.hold(workspace, account.id(), false);
		evaluate(workspace, List.of(new AccountId(account.id())), false);
		return accountStage(workspace, externalId);
	}

	// ---- journey view

	/**
	 * How the cohort's accounts moved between stages in the period, how long stays lasted, and who is stalled now.
	 *
	 * @throws InvalidInputException for a period that ends before it starts or is longer than three years
	 */
	public Journey journey(WorkspaceId workspace, JourneyQuery query) {
		if (query.from() == null || query.to() == null || query.to().isBefore(query.from())
				|| query.from().plusYears(3).isBefore(query.to())) {
			throw new InvalidInputException("journeys.error.period");
		}
		if ((query.tier() != null && query.tier().length() > 50) || (query.plan() != null && query.plan().length() > 200)) {
			throw new InvalidInputException("journeys.error.cohort");
		}
		Map<String, Integer> settings = new LinkedHashMap<>();
		stages.list(workspace).stream().filter(s -> s.stallDays() != null).forEach(s -> settings.put(s.code(), s.stallDays()));
		return analytics.journey(workspace, zone(workspace), query, settings);
	}

	public java.time.ZoneId zone(WorkspaceId workspace) {
		return workspaces.get(workspace).timeZone();
	}

	// ---- evaluation

	/**
	 * Brings journeys up to date with the accounts' lifecycle_stage column (changes made elsewhere), then applies the
	 * rules: for every account not held, the first rule that matches gives its stage; one event for all changes.
	 * {@code accountChange}: an account-change pass, which leaves alone accounts a rule moved in the last minute (a
	 * rule set that sends accounts back and forth then cannot loop through its own account changes).
	 */
	@Transactional
	public List<StageChanged.Change> evaluate(WorkspaceId workspace, Collection<AccountId> only, boolean accountChange) {
		List<Long> scope = only == null ? null : only.stream().map(AccountId::value).distinct().toList();
		List<Move> drifted = accountStages.drifted(workspace, scope);
		accountStages.apply(workspace, drifted);
		List<Move> moves = new ArrayList<>(drifted.stream().filter(m -> m.source() != ChangeSource.INITIAL).toList());
		List<StageRule> list = rules.list(workspace);
		if (!list.isEmpty()) {
			Set<String> active = new HashSet<>(stages.list(workspace).stream().map(Stage::code).toList());
			Map<Long, String> target = new LinkedHashMap<>();
			Map<Long, Long> byRule = new LinkedHashMap<>();
			for (StageRule rule : list) {
				if (!active.contains(rule.stage())) {
					continue;
				}
				for (Long id : segments.matchingAccounts(workspace, rule.definition(), only)) {
					if (target.putIfAbsent(id, rule.stage()) == null) {
						byRule.put(id, rule.id());
					}
				}
			}
			Map<Long, AccountStages.Current> current = accountStages.stages(workspace, target.keySet());
			Set<Long> recent = accountChange ? recentlyRuled(workspace, target.keySet()) : Set.of();
			Instant now = Instant.now();
			List<Move> ruled = new ArrayList<>();
			target.forEach((id, stage) -> {
				AccountStages.Current c = current.get(id);
				if ((c == null || (!c.held() && !c.stage().equals(stage))) && !recent.contains(id)) {
					ruled.add(new Move(id, c == null ? null : c.stage(), stage, now, ChangeSource.RULE, null, byRule.get(id),
							false));
				}
			});
			write(workspace, ruled, false);
			moves.addAll(ruled);
		}
		List<StageChanged.Change> changes = moves.stream().map(m -> new StageChanged.Change(new AccountId(m.accountId()),
				m.from(), m.to(), m.source(), m.ruleId())).toList();
		if (!changes.isEmpty()) {
			events.publishEvent(new StageChanged(workspace, changes));
		}
		return changes;
	}

	private Set<Long> recentlyRuled(WorkspaceId workspace, Collection<Long> ids) {
		return new HashSet<>(jdbc.sql("""
				select account_id from journeys_stage_change
				where workspace_id = ? and source = 'rule' and changed_at > now() - interval '1 minute'
				  and account_id = any(?)""").params(workspace.value(), ids.toArray(Long[]::new)).query(Long.class).list());
	}

	/** Records journeys' view of accounts it has not seen yet or whose stage changed elsewhere. */
	private void sync(WorkspaceId workspace, List<Long> ids) {
		List<Move> drifted = accountStages.drifted(workspace, ids);
		accountStages.apply(workspace, drifted);
		List<StageChanged.Change> changes = drifted.stream().filter(m -> m.source() != ChangeSource.INITIAL)
			.map(m -> new StageChanged.Change(new AccountId(m.accountId()), m.from(), m.to(), m.source(), null)).toList();
		if (!changes.isEmpty()) {
			events.publishEvent(new StageChanged(workspace, changes));
		}
	}

	/** Writes moves, mirrors them into the accounts' lifecycle_stage and announces them. */
	private void write(WorkspaceId workspace, List<Move> moves) {
		write(workspace, moves, true);
	}

	private void write(WorkspaceId workspace, List<Move> moves, boolean publish) {
		if (moves.isEmpty()) {
			return;
		}
		accountStages.apply(workspace, moves);
		Map<Long, String> external = accounts.externalIds(workspace, moves.stream().map(Move::accountId).toList());
		for (Move m : moves) {
			accounts.updateAccount(workspace, external.get(m.accountId()),
					new AccountDraft(null, null, null, null, null, m.to(), null, null));
		}
		if (publish) {
			events.publishEvent(new StageChanged(workspace, moves.stream().map(m -> new StageChanged.Change(
					new AccountId(m.accountId()), m.from(), m.to(), m.source(), m.ruleId())).toList()));
		}
	}

	/**
	 * Adds imported stage entries to the history (one already there, same account, stage and time, is a duplicate),
	 * links each entry to the one before it, and moves the accounts whose latest entry is now an imported one.
	 *
	 * @return how many rows were stored
	 */
	@Transactional
	public int importHistory(WorkspaceId workspace, List<ImportedChange> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		Set<String> codes = new HashSet<>(stages.allTerms(workspace).keySet());
		for (ImportedChange row : rows) {
			if (!codes.contains(row.stage())) {
				throw new InvalidInputException("journeys.error.unknownStage");
			}
		}
		List<Long> ids = rows.stream().map(ImportedChange::accountId).distinct().toList();
		sync(workspace, ids);
		int stored = accountStages.insertImported(workspace, rows);
		List<Move> moves = accountStages.relink(workspace, ids);
		Map<Long, String> external = accounts.externalIds(workspace, moves.stream().map(Move::accountId).toList());
		for (Move m : moves) {
			accounts.updateAccount(workspace, external.get(m.accountId()),
					new AccountDraft(null, null, null, null, null, m.to(), null, null));
		}
		if (!moves.isEmpty()) {
			events.publishEvent(new StageChanged(workspace, moves.stream().map(m -> new StageChanged.Change(
					new AccountId(m.accountId()), m.from(), m.to(), ChangeSource.IMPORT, null)).toList()));
		}
		return stored;
	}

	/** One imported row: the account (by id), the stage it entered and when. */
	public record ImportedChange(long accountId, String stage, Instant enteredAt) {
	}
}

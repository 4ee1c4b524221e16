package io.kizuna.journeys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.journeys.AccountStages.Move;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's stage history over the last twelve months, one path per archetype: churned accounts end churned,
 * stalled onboardings stay in onboarding, growing ones reach expansion, declining and idle ones are at risk; and one
 * rule (a canceled subscription → churned). Deterministic from the seed; accounts that already have demo history are
 * left as they are, so loading twice stores nothing twice.
 */
@Component
class JourneysDemo implements DemoContribution {

	private final Stages stages;

	private final StageRules rules;

	private final AccountStages accountStages;

	private final AccountManagement accounts;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	JourneysDemo(Stages stages, StageRules rules, AccountStages accountStages, AccountManagement accounts,
			JdbcClient jdbc, TransactionTemplate transactions) {
		this.stages = stages;
		this.rules = rules;
		this.accountStages = accountStages;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public int order() {
		return 200;
	}

	@Override
	public void load(DemoWorkspace demo) {
		WorkspaceId workspace = demo.workspace();
		stages.list(workspace);
		Set<Long> done = new HashSet<>(jdbc.sql("select distinct account_id from journeys_stage_change where workspace_id = ? and source = 'demo'")
			.param(workspace.value()).query(Long.class).list());
		Map<String, Long> ids = accounts.accountIds(workspace, demo.accounts().stream().map(DemoWorkspace.Account::externalId).toList());
		List<Move> moves = new ArrayList<>();
		List<String[]> mirror = new ArrayList<>();
		LocalDate yearAgo = demo.today().minusMonths(12);
		for (DemoWorkspace.Account a : demo.accounts()) {
			Long id = ids.get(a.externalId());
			if (id == null || done.contains(id)) {
				continue;
			}
			Account account = accounts.account(workspace, a.externalId());
			List<String> path = path(a.archetype(), account.lifecycleStage());
			Random random = new Random(demo.seed() ^ a.externalId().hashCode());
			LocalDate start = a.startedOn() == null || a.startedOn().isBefore(yearAgo) ? yearAgo.plusDays(random.nextInt(40))
					: a.startedOn();
			if (!start.isBefore(demo.today())) {
				start = demo.today().minusDays(1);
			}
			long span = Math.max(1, demo.today().toEpochDay() - start.toEpochDay());
			// onboarding takes 30 to 90 days (a fifth of the span when shorter); the later stages share the rest
			long onboarding = Math.min(30 + random.nextInt(61), Math.max(1, span / 5));
			long rest = Math.max(1, span - onboarding);
			String previous = null;
			for (int i = 0; i < path.size(); i++) {
				long offset = i == 0 ? 0
						: onboarding + (i - 1) * rest / path.size() + random.nextInt((int) Math.max(1, rest / (3L * path.size())));
				LocalDate day = start.plusDays(Math.min(offset, span - 1));
				Instant at = day.atStartOfDay(demo.zone()).plusHours(9).plusMinutes(i).toInstant();
				moves.add(new Move(id, previous, path.get(i), at, ChangeSource.DEMO, null, null, false));
				previous = path.get(i);
			}
			if (!path.get(path.size() - 1).equals(account.lifecycleStage())) {
				mirror.add(new String[] { a.externalId(), path.get(path.size() - 1) });
			}
		}
		Long[] written = moves.stream().map(Move::accountId).distinct().toArray(Long[]::new);
		transactions.executeWithoutResult(tx -> {
			// the stage journeys recorded when the demo's accounts were loaded is superseded by their demo history
			jdbc.sql("delete from journeys_stage_change where workspace_id = ? and source = 'initial' and account_id = any(?)")
				.params(workspace.value(), written).update();
			accountStages.apply(workspace, moves);
			jdbc.sql("""
					update journeys_stage_change c set from_stage = p.previous
					from (select change_id, lag(to_stage) over (partition by account_id order by changed_at, change_id) as previous
					      from journeys_stage_change where workspace_id = ?) p
					where c.workspace_id = ? and c.change_id = p.change_id and c.from_stage is distinct from p.previous""")
				.params(workspace.value(), workspace.value()).update();
			for (String[] m : mirror) {
				accounts.updateAccount(workspace, m[0], new AccountDraft(null, null, null, null, null, m[1], null, null));
			}
			if (rules.list(workspace).isEmpty()) {
				rules.replace(workspace, List.<String[]>of(new String[] { "subscription.status = \"canceled\"", "churned" }));
			}
		});
	}

	/** The stages an archetype goes through, in order; {@code current} is the stage the demo gave the account. */
	static List<String> path(String archetype, String current) {
		boolean renewing = "renewal".equals(current);
		return switch (archetype) {
			case "churned" -> List.of("onboarding", "adopting", "at_risk", "churned");
			case "onboarding_stalled" -> List.of("onboarding");
			case "growing" -> List.of("onboarding", "adopting", "mature", "expansion");
			case "declining" -> List.of("onboarding", "adopting", "mature", "at_risk");
			case "paying_idle" -> List.of("onboarding", "adopting", "at_risk");
			case "seats_unused", "key_feature_missing" -> renewing ? List.of("onboarding", "adopting", "renewal")
					: List.of("onboarding", "adopting");
			default -> renewing ? List.of("onboarding", "adopting", "mature", "renewal")
					: List.of("onboarding", "adopting", "mature");
		};
	}
}

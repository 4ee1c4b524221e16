package io.kizuna.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.RescoreResult;
import io.kizuna.health.HealthSettings;
import io.kizuna.ltv.LifetimeValues;
import io.kizuna.ltv.TransactionDraft;
import io.kizuna.ltv.TransactionLog;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.TrackedMessage;
import io.kizuna.usage.UsageIngestion;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.User;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a generated workspace through the application's own paths: accounts and subscription history through the
 * accounts module, people and usage through Segment ingestion, purchases through the transaction log, then rollups,
 * 30 days of health scores and the lifetime-value models.
 */
@Service
public class DemoLoader {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	private final AccountManagement accounts;

	private final UsageIngestion ingestion;

	private final UsageRollups rollups;

	private final WorkspaceManagement workspaces;

	private final UserManagement people;

	private final HealthAdministration health;

	private final HealthScoring scoring;

	private final TransactionLog purchases;

	private final LifetimeValues lifetimeValues;

	/** Accounts whose customer model is saved in one transaction: one SubscriptionsChanged per chunk. */
	static final int MODEL_CHUNK = 500;

	private final TransactionTemplate transactions;

	private final io.kizuna.segments.SegmentManagement segments;

	private final List<io.kizuna.shared.DemoContribution> contributions;

	DemoLoader(AccountManagement accounts, UsageIngestion ingestion, UsageRollups rollups,
			WorkspaceManagement workspaces, UserManagement people, HealthAdministration health, HealthScoring scoring,
			TransactionLog purchases, LifetimeValues lifetimeValues, PlatformTransactionManager transactionManager,
			io.kizuna.segments.SegmentManagement segments, List<io.kizuna.shared.DemoContribution> contributions) {
		this.contributions = contributions.stream()
			.sorted(java.util.Comparator.comparingInt(io.kizuna.shared.DemoContribution::order))
			.toList();
		this.purchases = purchases;
		this.lifetimeValues = lifetimeValues;
		this.segments = segments;
		this.transactions = new TransactionTemplate(transactionManager);
		this.accounts = accounts;
		this.ingestion = ingestion;
		this.rollups = rollups;
		this.workspaces = workspaces;
		this.people = people;
		this.health = health;
		this.scoring = scoring;
	}

	private void saveModel(WorkspaceId workspace, DemoAccount account, List<Long> owners) {
		accounts.saveAccount(workspace, account.externalId(), new AccountDraft(account.name(), account.domain(),
				account.industry(), account.tier(), owners.get(account.ownerIndex() % owners.size()),
				account.lifecycleStage(), null, Map.of("demo_archetype", account.archetype().code())));
		for (DemoAccount.Step step : account.subscription()) {
			accounts.saveSubscription(workspace, "sub-" + account.externalId(), new SubscriptionDraft(
					account.externalId(), "Kizuna Cloud", step.plan(), step.mrrMinor(), "JPY", step.seats(),
					step.status(), account.startedOn(), step.termEnd(), null, step.cancelReason(), step.effectiveOn()));
		}
	}

	/** What a load did. */
	public record Loaded(int accounts, long events, long purchases, long millis) {
	}

	public boolean hasAccounts(WorkspaceId workspace) {
		return accounts.accounts(workspace, new AccountQuery(null, null, null, null, 0, 1)).total() > 0;
	}

	/** Generates and loads the demo into the workspace; loading the same seed twice stores nothing twice. */
	public Loaded load(WorkspaceId workspace, long seed, int count, int days, int chunk) {
		long started = System.nanoTime();
		ZoneId zone = workspaces.get(workspace).timeZone();
		LocalDate today = LocalDate.now(zone);
		List<Long> owners = owners(workspace);
		List<DemoAccount> generated = DemoGenerator.accounts(seed, count, today, days);
		List<TrackedMessage> buffer = new ArrayList<>(chunk);
		List<TransactionDraft> orders = new ArrayList<>();
		long bought = 0;
		long events = 0;
		long lastReport = System.nanoTime();
		int position = 0;
		for (DemoAccount account : generated) {
			if (position++ % MODEL_CHUNK == 0) {
				// The next chunk's accounts and subscription histories in one transaction: one event per chunk, never
				// one per subscription (ARCHITECTURE §2). Usage stays outside: ingestion commits its own batches.
				List<DemoAccount> models = generated.subList(position - 1,
						Math.min(generated.size(), position - 1 + MODEL_CHUNK));
				transactions.executeWithoutResult(status -> models.forEach(a -> saveModel(workspace, a, owners)));
			}
			long[] counted = { 0 };
			DemoUsage.messages(account, today, days, zone, message -> {
				buffer.add(message);
				counted[0]++;
				if (buffer.size() >= chunk) {
					ingestion.ingest(workspace, buffer);
					buffer.clear();
				}
			});
			events += counted[0];
			DemoPurchases.purchases(account, today, zone, orders::add);
			if (orders.size() >= TransactionLog.MAX_BATCH / 2) {
				bought += purchases.record(workspace, orders).stored();
				orders.clear();
			}
			if (System.nanoTime() - lastReport > 2_000_000_000L) {
				double seconds = (System.nanoTime() - started) / 1e9;
				log.info("Demo: {} of {} accounts, {} events ({} events/s)", account.index(), count, events,
						Math.round(events / seconds));
				lastReport = System.nanoTime();
			}
		}
		if (!buffer.isEmpty()) {
			ingestion.ingest(workspace, buffer);
		}
		if (!orders.isEmpty()) {
			bought += purchases.record(workspace, orders).stored();
		}
		long folding = System.nanoTime();
		log.info("Demo: folding the usage into daily rollups");
		// All of them, also what the scheduled pass holds at this moment: the scoring below reads them.
		rollups.foldAll(workspace);
		log.info("Demo: daily rollups folded in {} ms; scoring 30 days of health", (System.nanoTime() - folding) / 1_000_000);
		health.saveSettings(workspace,
				new HealthSettings(List.of(DemoUsage.KEY_FEATURES), health.settings(workspace).thresholds()));
		long scoringStarted = System.nanoTime();
		RescoreResult last = null;
		for (int back = 29; back >= 0; back--) {
			last = scoring.recompute(workspace, today.minusDays(back));
		}
		log.info("Demo: scored 30 days of health in {} ms; today {} accounts: {}",
				(System.nanoTime() - scoringStarted) / 1_000_000, last.accounts(), last.bands());
		// The LTV page's models fitted now, not at its first view.
		long fitting = System.nanoTime();
		lifetimeValues.warm(workspace);
		log.info("Demo: {} purchases; lifetime-value models fitted in {} ms", bought, (System.nanoTime() - fitting) / 1_000_000);
		demoSegments(workspace);
		contribute(workspace, seed, zone, today, owners, generated);
		if (!contributions.isEmpty()) {
			// today's health once more, now with what the modules' own demo data feeds it (tickets, texts' sentiment)
			RescoreResult withModules = scoring.recompute(workspace, today);
			log.info("Demo: today scored again with the modules' data: {}", withModules.bands());
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		log.info("Demo loaded: {} accounts, {} events, {} purchases in {} ms", count, events, bought, millis);
		return new Loaded(count, events, bought, millis);
	}

	/**
	 * The demo's saved segments, named in the workspace's language: large accounts in trouble, and small ones that
	 * stopped using the product (the many a tech-touch programme reaches).
	 */
	private void demoSegments(WorkspaceId workspace) {
		boolean ja = "ja".equals(workspaces.get(workspace).locale().getLanguage());
		List<io.kizuna.segments.SegmentDraft> drafts = List.of(
				new io.kizuna.segments.SegmentDraft("enterprise-at-risk", ja ? "リスクのあるエンタープライズ顧客" : "Enterprise at risk",
						"tier = \"enterprise\" and (health.band in (\"red\", \"yellow\") or health.open_signals > 0)"),
				new io.kizuna.segments.SegmentDraft("tech-touch-idle", ja ? "テックタッチの休眠顧客" : "Tech-touch idle",
						"tier = \"smb\" and subscription.status in (\"active\", \"trial\") and usage.active_days_30d <= 2"),
				new io.kizuna.segments.SegmentDraft("renewing-90-days", ja ? "90日以内に更新" : "Renewing within 90 days",
						"subscription.days_to_renewal <= 90 and subscription.status != \"canceled\""));
		for (io.kizuna.segments.SegmentDraft draft : drafts) {
			if (segments.list(workspace).stream().noneMatch(s -> s.key().equals(draft.key()))) {
				segments.create(workspace, draft);
			}
		}
	}

	/** Every module's own demo data (tickets, tasks, articles, …), each after the base load, in their order. */
	private void contribute(WorkspaceId workspace, long seed, ZoneId zone, LocalDate today, List<Long> owners,
			List<DemoAccount> generated) {
		if (contributions.isEmpty()) {
			return;
		}
		String language = workspaces.get(workspace).locale().getLanguage();
		List<io.kizuna.shared.DemoWorkspace.Account> accounts = generated.stream()
			.map(a -> new io.kizuna.shared.DemoWorkspace.Account(a.externalId(), a.name(), a.archetype().code(), a.tier(),
					a.subscription().get(a.subscription().size() - 1).mrrMinor(), a.startedOn(),
					owners.get(a.ownerIndex() % owners.size())))
			.toList();
		io.kizuna.shared.DemoWorkspace demo = new io.kizuna.shared.DemoWorkspace(workspace, language, zone, today, seed,
				owners, accounts);
		for (io.kizuna.shared.DemoContribution contribution : contributions) {
			long started = System.nanoTime();
			log.info("Demo: loading {}", contribution.getClass().getSimpleName());
			contribution.load(demo);
			log.info("Demo: {} loaded in {} ms", contribution.getClass().getSimpleName(),
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	/** Six CSMs and a manager to own the accounts; their passwords are random and never shown. */
	private List<Long> owners(WorkspaceId workspace) {
		List<Long> owners = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			String email = (i == 7 ? "manager" : "csm" + i) + "@" + workspaces.get(workspace).slug() + ".demo.kizuna.local";
			Role role = i == 7 ? Role.MANAGER : Role.CSM;
			String name = Names.person(new java.util.SplittableRandom(i), true);
			User user = people.findUser(email)
				.orElseGet(() -> people.createUser(workspace, email, name, java.util.UUID.randomUUID().toString(), role));
			if (role == Role.CSM) {
				owners.add(user.id());
			}
		}
		return owners;
	}
}

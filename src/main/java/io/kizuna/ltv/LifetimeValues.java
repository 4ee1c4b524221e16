package io.kizuna.ltv;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Page;
import io.kizuna.accounts.SubscriptionsChanged;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Lifetime value in the product: BG/NBD + Gamma-Gamma CLV and RFM on the transaction log, sBG per plan with DERL on
 * the subscription history. Fitted models are cached per workspace (per node) and fitted ahead of the pages: in the
 * background right after purchases are recorded or a subscription changes, for every workspace at start-up, and
 * again when older than {@code kizuna.revenue.ltv.refresh} (default 60 minutes; time alone changes P(alive)), the
 * older fit served meanwhile. A read waits for a fit only when there is none yet, or when new purchases made the
 * cached one obsolete (the caller then reads its own writes).
 */
@Service
public class LifetimeValues {

	private final PurchaseHistories histories;

	private final PlanLifetimes lifetimes;

	private final TransactionLog log;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final Duration refresh;

	private final Map<Long, WorkspaceModels> cache = new ConcurrentHashMap<>();

	private final Map<Long, Object> locks = new ConcurrentHashMap<>();

	/**
	 * Bumped when the log or the subscriptions change: a fit that started before (on the older rows) and ends after
	 * is not cached, so that it cannot replace the invalidation that came while it ran.
	 */
	private final Map<Long, java.util.concurrent.atomic.AtomicLong> generations = new ConcurrentHashMap<>();

	/** Workspaces with a background fit queued: one queued at a time per workspace. */
	private final Set<Long> fitting = ConcurrentHashMap.newKeySet();

	/** When each workspace last changed: a background fit waits until its changes have stopped for {@link #SETTLE}. */
	private final Map<Long, Instant> lastChange = new ConcurrentHashMap<>();

	/** An import commits a chunk every second or so: one fit after the last chunk, not one per chunk. */
	static final Duration SETTLE = Duration.ofSeconds(2);

	/** One daemon thread: fits take a core for up to a few seconds; a second thread would only slow the pages. */
	private final java.util.concurrent.ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "ltv-fits");
		thread.setDaemon(true);
		return thread;
	});

	private static final Logger logger = LoggerFactory.getLogger(LifetimeValues.class);

	/** Whether changes and the start-up fit ahead (off for the CLI, and in tests that do not ask for it). */
	private final boolean fitAhead;

	private final AccountValues accountValues;

	LifetimeValues(PurchaseHistories histories, PlanLifetimes lifetimes, TransactionLog log, AccountManagement accounts,
			WorkspaceManagement workspaces, AccountValues accountValues, @Value("${kizuna.revenue.ltv.refresh:PT60M}") Duration refresh,
			@Value("${kizuna.scheduling.enabled:true}") boolean scheduling,
			@Value("${kizuna.revenue.ltv.fit-ahead:true}") boolean fitAhead) {
		this.fitAhead = scheduling && fitAhead;
		this.histories = histories;
		this.lifetimes = lifetimes;
		this.log = log;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.refresh = refresh;
		this.accountValues = accountValues;
	}

	/**
	 * New purchases refit the transaction models at the next read. Synchronous, right after the commit and before
	 * the recording call returns, so the caller's next read fits on its purchases (read-your-writes); a fit made
	 * before this moment, on the rows before the commit, is dropped by it.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(TransactionsRecorded recorded) {
		invalidate(recorded.workspaceId());
		if (fitAhead) {
			refitInBackground(recorded.workspaceId());
		}
	}

	/**
	 * Changed subscriptions refit the plan models: from the accounts module, asynchronously after its commit, through
	 * the event publication registry. Models are refitted at least every {@code refresh} anyway; this only makes a
	 * change show sooner.
	 */
	@ApplicationModuleListener
	void on(SubscriptionsChanged changed) {
		invalidate(changed.workspaceId());
		if (fitAhead) {
			refitInBackground(changed.workspaceId());
		}
	}

	/** After a start, every workspace's models are fitted in the background, so that no first view waits for them. */
	@EventListener(ApplicationReadyEvent.class)
	void warmAll() {
		if (fitAhead) {
			workspaces.ids().forEach(this::refitInBackground);
		}
	}

	/** Fits older than the refresh period are refitted in the background; pages keep the older one meanwhile. */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void refreshOld() {
		Instant due = Instant.now().minus(refresh);
		cache.forEach((id, models) -> {
			if (models.computedAt.isBefore(due)) {
				refitInBackground(new WorkspaceId(id));
			}
		});
	}

	/** Fits the workspace's models now and caches them (after a demo load; the benchmark). */
	public void warm(WorkspaceId workspace) {
		synchronized (locks.computeIfAbsent(workspace.value(), id -> new Object())) {
			fitAndCache(workspace);
		}
	}

	private void invalidate(WorkspaceId workspace) {
		lastChange.put(workspace.value(), Instant.now());
		generation(workspace).incrementAndGet();
		cache.remove(workspace.value());
	}

	private java.util.concurrent.atomic.AtomicLong generation(WorkspaceId workspace) {
		return generations.computeIfAbsent(workspace.value(), id -> new java.util.concurrent.atomic.AtomicLong());
	}

	/** Called holding the workspace's lock. */
	private WorkspaceModels fitAndCache(WorkspaceId workspace) {
		long before = generation(workspace).get();
		WorkspaceModels fresh = compute(workspace);
		if (generation(workspace).get() == before) {
			cache.put(workspace.value(), fresh);
			try {
				// what segments' revenue fields read (ADR 0073)
				accountValues.store(workspace, fresh);
			}
			catch (RuntimeException ex) {
				logger.warn("Publishing the account values of workspace {} failed: {}", workspace.value(), ex.toString());
			}
		}
		return fresh;
	}

	private void refitInBackground(WorkspaceId workspace) {
		if (fitting.add(workspace.value())) {
			schedule(workspace, Instant.now(), SETTLE);
		}
	}

	private void schedule(WorkspaceId workspace, Instant asked, Duration delay) {
		try {
			background.schedule(() -> fitInBackground(workspace, asked), delay.toMillis(),
					java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			fitting.remove(workspace.value());
		}
	}

	private void fitInBackground(WorkspaceId workspace, Instant asked) {
		Instant changed = lastChange.getOrDefault(workspace.value(), Instant.EPOCH);
		Duration quiet = Duration.between(changed, Instant.now());
		if (quiet.compareTo(SETTLE) < 0) {
			schedule(workspace, asked, SETTLE.minus(quiet));
			return;
		}
		fitting.remove(workspace.value());
		try {
			WorkspaceModels cached = cache.get(workspace.value());
			// A read may have fitted since: nothing to do then.
			if (cached == null || cached.computedAt.isBefore(asked)) {
				warm(workspace);
			}
		}
		catch (RuntimeException ex) {
			// A deleted workspace, a database going down: the next read fits, or says why it cannot.
			logger.warn("Background lifetime-value fit of workspace {} failed: {}", workspace.value(), ex.toString());
		}
	}

	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	/** Fits one model now, on the workspace's log (bgnbd, gammagamma) or on a cohort or a plan's history (sbg). */
	public FittedModel fit(WorkspaceId workspace, String model, LocalDate calibrationEnd, String currency, int[] cohort,
			String plan) {
		switch (model == null ? "" : model) {
			case "bgnbd", "gammagamma" -> {
				ZoneId zone = workspaces.get(workspace).timeZone();
				String code = currency != null ? currency
						: histories.mainCurrency(workspace).orElseThrow(() -> new LtvFitException("the transaction log is empty"));
				PurchaseHistories.Log purchases = histories.read(workspace, code, zone, calibrationEnd);
				if (purchases.lastDay() == null) {
					throw new LtvFitException("no purchases in " + code + (calibrationEnd == null ? "" : " up to " + calibrationEnd));
				}
				LocalDate end = calibrationEnd != null ? calibrationEnd : purchases.lastDay();
				List<CustomerHistory> calibrated = TransactionSummaries.calibrate(purchases.days(), end);
				int repeat = (int) calibrated.stream().filter(c -> c.x() > 0).count();
				LocalDate first = purchases.days().stream().map(Transaction::date).min(LocalDate::compareTo).orElse(end);
				int logDays = (int) java.time.temporal.ChronoUnit.DAYS.between(first, end) + 1;
				if ("bgnbd".equals(model)) {
					BgNbd fit = BgNbd.fit(calibrated);
					return new FittedModel(model, ordered("r", fit.r(), "alpha", fit.alpha(), "a", fit.a(), "b", fit.b()),
							fit.logLikelihood(), calibrated.size(), repeat, end, code, null, null,
							FitWarning.of(fit, null, logDays));
				}
				GammaGamma fit = GammaGamma.fit(calibrated);
				return new FittedModel(model, ordered("p", fit.p(), "q", fit.q(), "gamma", fit.gamma()), fit.logLikelihood(),
						calibrated.size(), repeat, end, code, null, fit.leftOut(), FitWarning.of(null, fit, logDays));
			}
			case "sbg" -> {
				ShiftedBetaGeometric fit;
				int periods;
				if (cohort != null) {
					if (cohort.length > 1_000) {
						throw new InvalidInputException("cohort: at most 1,000 periods");
					}
					fit = ShiftedBetaGeometric.fit(cohort);
					periods = cohort.length - 1;
				}
				else if (plan != null) {
					LocalDate today = today(workspace);
					List<PlanLifetimes.Lifetime> ofPlan = lifetimes.lifetimes(workspace, today)
						.stream()
						.filter(l -> l.plan().equals(plan))
						.toList();
					if (ofPlan.isEmpty()) {
						throw new LtvFitException("no paid subscription started on plan " + plan);
					}
					fit = WorkspaceModels.fitPlan(ofPlan, today);
					periods = ofPlan.stream().mapToInt(l -> l.periods(today)).max().orElse(0);
				}
				else {
					throw new InvalidInputException("sbg: give a cohort (customers active at the start of each period) or a plan");
				}
				Map<String, Double> parameters = ordered("alpha", fit.alpha(), "beta", fit.beta());
				return new FittedModel(model, parameters, fit.logLikelihood(), null, null, null, null, periods, null,
						FitWarning.of(parameters, "sBG", null));
			}
			default -> throw new InvalidInputException("model: bgnbd, gammagamma or sbg");
		}
	}

	/** The customer's CLV at the cached fit on the whole log; 422-class LtvFitException when the log cannot support it. */
	public CustomerValue customer(WorkspaceId workspace, String customerId, ClvParameters parameters) {
		return customer(workspace, customerId, parameters, null, DEFAULT_OUTLOOK_MONTHS);
	}

	/**
	 * The customer's CLV and purchase outlook, with the models fitted on the log up to {@code calibrationEnd} (null:
	 * the whole log, the cached fit) and the customer's history as of that day.
	 */
	public CustomerValue customer(WorkspaceId workspace, String customerId, ClvParameters parameters,
			LocalDate calibrationEnd, int outlookMonths) {
		checkOutlook(outlookMonths);
		WorkspaceModels models = calibrationEnd == null ? models(workspace) : calibrated(workspace, calibrationEnd);
		CustomerHistory history = models.historyOf.get(customerId);
		if (history == null) {
			throw new NotFoundException("no purchases of customer " + customerId + " in " + models.currency
					+ (calibrationEnd == null ? "" : " up to " + calibrationEnd));
		}
		models.requireTransactionModels();
		return models.value(history, parameters).withOutlook(PurchaseOutlook.of(models.bgNbd, history, outlookMonths));
	}

	/** The outlook's period when none is asked for: the next quarter. */
	public static final int DEFAULT_OUTLOOK_MONTHS = 3;

	private static void checkOutlook(int months) {
		if (months < 1 || months > 24) {
			throw new InvalidInputException("outlookMonths: between 1 and 24");
		}
	}

	/** Models fitted on the log up to a day, for one answer: not cached (the cached ones follow the whole log). */
	private WorkspaceModels calibrated(WorkspaceId workspace, LocalDate calibrationEnd) {
		var settings = workspaces.get(workspace);
		String currency = histories.mainCurrency(workspace).orElse(settings.currency().getCurrencyCode());
		PurchaseHistories.Log purchases = histories.read(workspace, currency, settings.timeZone(), calibrationEnd);
		WorkspaceModels models = new WorkspaceModels(Instant.now(), LocalDate.now(settings.timeZone()), currency, purchases,
				settings.currency().getCurrencyCode(), calibrationEnd, false);
		if (models.asOf == null) {
			throw new LtvFitException("no purchases in " + currency + " up to " + calibrationEnd);
		}
		return models;
	}

	/** The customers with the highest CLV at the default parameters. */
	public List<CustomerValue> topCustomers(WorkspaceId workspace, int limit) {
		WorkspaceModels models = models(workspace);
		return models.ranked.stream().limit(Math.max(0, Math.min(limit, 500))).toList();
	}

	public TransactionModels transactionModels(WorkspaceId workspace) {
		WorkspaceModels m = models(workspace);
		int repeat = (int) m.historyOf.values().stream().filter(h -> h.x() > 0).count();
		return new TransactionModels(m.currency, m.asOf, m.historyOf.size(), repeat, m.bgNbd, m.gammaGamma, m.problem,
				m.computedAt, m.warnings);
	}

	public RfmSummary rfm(WorkspaceId workspace, Rfm.Segment segment, int page, int size) {
		if (page < 0 || size < 1 || size > 500) {
			throw new InvalidInputException("page ≥ 0 and size between 1 and 500");
		}
		WorkspaceModels models = models(workspace);
		Map<Rfm.Segment, Long> sizes = new EnumMap<>(Rfm.Segment.class);
		models.rfm.forEach(c -> sizes.merge(c.segment(), 1L, Long::sum));
		List<Rfm.Customer> selected = models.rfm.stream().filter(c -> segment == null || c.segment() == segment).toList();
		List<Rfm.Customer> items = selected.stream().skip((long) page * size).limit(size).toList();
		return new RfmSummary(models.asOf, models.currency, sizes, new Page<>(items, page, size, selected.size()));
	}

	/** The sBG model of each plan, plan names in order; MRR and values in the workspace's currency. */
	public List<PlanLifetime> plans(WorkspaceId workspace, ClvParameters parameters) {
		WorkspaceModels models = models(workspace);
		boolean usual = parameters.annualDiscountRate() == ClvParameters.DEFAULT.annualDiscountRate();
		if (usual && models.usualPlans != null) {
			return models.usualPlans;
		}
		List<PlanLifetime> plans = new ArrayList<>();
		models.planFits.forEach((plan, fit) -> plans.add(models.plan(plan, fit, parameters)));
		if (usual) {
			models.usualPlans = List.copyOf(plans);
		}
		return plans;
	}

	public AccountLifetimeValue account(WorkspaceId workspace, String externalId, ClvParameters parameters) {
		return account(workspace, externalId, parameters, null, DEFAULT_OUTLOOK_MONTHS);
	}

	/**
	 * The account's residual value and its transaction customers' CLV and purchase outlook, the transaction models
	 * fitted up to {@code calibrationEnd} (null: the whole log).
	 */
	public AccountLifetimeValue account(WorkspaceId workspace, String externalId, ClvParameters parameters,
			LocalDate calibrationEnd, int outlookMonths) {
		checkOutlook(outlookMonths);
		Account account = accounts.account(workspace, externalId);
		WorkspaceModels models = models(workspace);
		WorkspaceModels transactionModels = calibrationEnd == null ? models : calibrated(workspace, calibrationEnd);
		String currency = workspaces.get(workspace).currency().getCurrencyCode();
		long mrr = 0;
		double residual = 0;
		boolean valued = false;
		double d = parameters.monthlyDiscountRate();
		for (var subscription : accounts.subscriptions(workspace, externalId, null, 0, 500).items()) {
			boolean live = subscription.status().code().equals("active") || subscription.status().code().equals("past_due");
			if (!live || !subscription.mrr().currency().getCurrencyCode().equals(currency)) {
				continue;
			}
			mrr += subscription.mrr().minorUnits();
			PlanLifetimes.Lifetime lifetime = models.lifetimeOf.get(subscription.id());
			WorkspaceModels.PlanFit fit = lifetime == null ? null : models.planFits.get(lifetime.plan());
			if (fit != null && fit.model() != null) {
				residual += subscription.mrr().minorUnits()
						* fit.model().discountedExpectedResidualLifetime(lifetime.periods(models.today), d);
				valued = true;
			}
		}
		List<CustomerValue> customers = new ArrayList<>();
		if (transactionModels.problem == null) {
			transactionModels.customersOfAccount.getOrDefault(externalId, List.of()).forEach(id -> {
				CustomerHistory history = transactionModels.historyOf.get(id);
				if (history != null) {
					customers.add(transactionModels.value(history, parameters));
				}
			});
		}
		customers.sort(Comparator.comparing((CustomerValue c) -> c.clv().minorUnits()).reversed()
			.thenComparing(CustomerValue::customerId));
		Money clv = customers.isEmpty() ? null
				: Money.of(customers.stream().mapToLong(c -> c.clv().minorUnits()).sum(), transactionModels.currency);
		List<CustomerValue> shown = customers.stream().limit(20)
			.map(c -> c.withOutlook(PurchaseOutlook.of(transactionModels.bgNbd, transactionModels.historyOf.get(c.customerId()),
					outlookMonths)))
			.toList();
		return new AccountLifetimeValue(account.externalId(), Money.of(mrr, currency),
				valued && mrr > 0 ? residual / mrr : null, valued ? Money.of(Math.round(residual), currency) : null,
				shown, clv, parameters, transactionModels.asOf, transactionModels.problem);
	}

	/** Forgets the workspace's fitted models, so the next read fits again (the fit endpoint, tests, the benchmark). */
	public void refit(WorkspaceId workspace) {
		invalidate(workspace);
		if (fitAhead) {
			refitInBackground(workspace);
		}
	}

	/** Whether the workspace's models are fitted and cached on this node (a read would not wait for a fit). */
	public boolean isFitted(WorkspaceId workspace) {
		return cache.containsKey(workspace.value());
	}

	/** The cached models; older than the refresh period they are still served while a refit runs in the background. */
	private WorkspaceModels models(WorkspaceId workspace) {
		WorkspaceModels cached = cache.get(workspace.value());
		if (cached == null) {
			synchronized (locks.computeIfAbsent(workspace.value(), id -> new Object())) {
				cached = cache.get(workspace.value());
				if (cached == null) {
					cached = fitAndCache(workspace);
				}
			}
		}
		if (cached.computedAt.plus(refresh).isBefore(Instant.now())) {
			refitInBackground(workspace);
		}
		return cached;
	}

	private WorkspaceModels compute(WorkspaceId workspace) {
		log.linkNewlyKnownCustomers(workspace);
		var settings = workspaces.get(workspace);
		LocalDate today = LocalDate.now(settings.timeZone());
		String currency = histories.mainCurrency(workspace).orElse(settings.currency().getCurrencyCode());
		PurchaseHistories.Log purchases = histories.read(workspace, currency, settings.timeZone(), null);
		WorkspaceModels models = new WorkspaceModels(Instant.now(), today, currency, purchases,
				settings.currency().getCurrencyCode(), null, true);
		List<PlanLifetimes.Lifetime> all = lifetimes.lifetimes(workspace, today);
		models.lifetimes = all;
		all.forEach(l -> models.lifetimeOf.put(l.subscriptionId(), l));
		Map<String, List<PlanLifetimes.Lifetime>> byPlan = new TreeMap<>();
		all.forEach(l -> byPlan.computeIfAbsent(l.plan(), p -> new ArrayList<>()).add(l));
		byPlan.forEach((plan, ofPlan) -> {
			try {
				models.planFits.put(plan, new WorkspaceModels.PlanFit(WorkspaceModels.fitPlan(ofPlan, today), null, ofPlan));
			}
			catch (LtvFitException ex) {
				models.planFits.put(plan, new WorkspaceModels.PlanFit(null, ex.getMessage(), ofPlan));
			}
		});
		// The LTV page's plan table at the default rate, made with the fit rather than at the first view.
		List<PlanLifetime> plans = new ArrayList<>();
		models.planFits.forEach((plan, fit) -> plans.add(models.plan(plan, fit, ClvParameters.DEFAULT)));
		models.usualPlans = List.copyOf(plans);
		return models;
	}

	private LocalDate today(WorkspaceId workspace) {
		return LocalDate.now(workspaces.get(workspace).timeZone());
	}

	private static Map<String, Double> ordered(Object... namesAndValues) {
		Map<String, Double> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
		}
		return map;
	}
}

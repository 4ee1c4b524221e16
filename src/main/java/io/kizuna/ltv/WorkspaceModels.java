package io.kizuna.ltv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kizuna.shared.Money;

/** One workspace's fitted models and what the pages read from them; built once per refit, then read-only. */
final class WorkspaceModels {

	final Instant computedAt;

	final LocalDate today;

	final String currency;

	final String workspaceCurrency;

	final LocalDate asOf;

	final Map<String, CustomerHistory> historyOf = new HashMap<>();

	final Map<String, List<String>> customersOfAccount = new HashMap<>();

	final Map<String, String> accountOfCustomer;

	final List<Rfm.Customer> rfm;

	final Map<String, PlanFit> planFits = new TreeMap<>();

	final Map<Long, PlanLifetimes.Lifetime> lifetimeOf = new HashMap<>();

	List<PlanLifetimes.Lifetime> lifetimes = List.of();

	BgNbd bgNbd;

	GammaGamma gammaGamma;

	String problem;

	List<CustomerValue> ranked = List.of();

	volatile List<PlanLifetime> usualPlans;

	/** Warnings about the transaction models' fit (degenerate parameters, customers the spend model left out). */
	List<FitWarning> warnings = List.of();

	/**
	 * @param calibrationEnd the day the histories end (their T); null for the day of the last purchase
	 * @param rank whether to value and rank every customer (the pages' lists) and segment them (RFM)
	 */
	WorkspaceModels(Instant computedAt, LocalDate today, String currency, PurchaseHistories.Log purchases,
			String workspaceCurrency, LocalDate calibrationEnd, boolean rank) {
		this.computedAt = computedAt;
		this.today = today;
		this.currency = currency;
		this.workspaceCurrency = workspaceCurrency;
		this.asOf = calibrationEnd != null && purchases.lastDay() != null ? calibrationEnd : purchases.lastDay();
		this.accountOfCustomer = purchases.accountOfCustomer();
		accountOfCustomer.forEach((customer, account) -> customersOfAccount
			.computeIfAbsent(account, a -> new ArrayList<>()).add(customer));
		if (asOf == null) {
			rfm = List.of();
			problem = "the transaction log is empty" + (calibrationEnd == null ? "" : " up to " + calibrationEnd);
			return;
		}
		TransactionSummaries.calibrate(purchases.days(), asOf).forEach(h -> historyOf.put(h.customerId(), h));
		rfm = rank ? Rfm.segment(purchases.days(), asOf) : List.of();
		try {
			List<CustomerHistory> all = new ArrayList<>(historyOf.values());
			bgNbd = BgNbd.fit(all);
			gammaGamma = GammaGamma.fit(all);
			if (gammaGamma.q() <= 1) {
				throw new LtvFitException("Gamma-Gamma: q ≤ 1, the mean spend is unbounded; more repeat buyers are needed");
			}
			LocalDate first = purchases.days().stream().map(Transaction::date).min(LocalDate::compareTo).orElse(asOf);
			warnings = FitWarning.of(bgNbd, gammaGamma, (int) java.time.temporal.ChronoUnit.DAYS.between(first, asOf) + 1);
			if (rank) {
				List<CustomerValue> values = new ArrayList<>(historyOf.size());
				historyOf.values().forEach(h -> values.add(value(h, ClvParameters.DEFAULT)));
				values.sort(Comparator.comparing((CustomerValue c) -> c.clv().minorUnits()).reversed()
					.thenComparing(CustomerValue::customerId));
				ranked = values;
			}
		}
		catch (LtvFitException ex) {
			problem = ex.getMessage();
			bgNbd = null;
			gammaGamma = null;
		}
	}

	void requireTransactionModels() {
		if (problem != null) {
			throw new LtvFitException(problem);
		}
	}

	/** Months are 52/12 weeks, the models' unit; each month's expected purchases are discounted at its end. */
	CustomerValue value(CustomerHistory history, ClvParameters parameters) {
		double month = 52.0 / 12;
		double d = parameters.monthlyDiscountRate();
		double discounted = 0;
		double previous = 0;
		for (int i = 1; i <= parameters.horizonMonths(); i++) {
			double cumulative = bgNbd.conditionalExpectedPurchases(i * month, history);
			discounted += (cumulative - previous) / Math.pow(1 + d, i);
			previous = cumulative;
		}
		double spend = gammaGamma.expectedSpend(history);
		int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		double scale = Math.pow(10, digits);
		return new CustomerValue(history.customerId(), accountOfCustomer.get(history.customerId()), history.x() + 1,
				bgNbd.probabilityAlive(history), previous, Money.of(Math.round(spend * scale), currency),
				Money.of(Math.round(discounted * spend * scale), currency), parameters, null);
	}

	PlanLifetime plan(String plan, PlanFit fit, ClvParameters parameters) {
		List<PlanLifetimes.Lifetime> live = fit.lifetimes().stream()
			.filter(l -> !l.endedBy(today) && l.live() && workspaceCurrency.equals(l.currency()))
			.toList();
		int ended = (int) fit.lifetimes().stream().filter(l -> l.endedBy(today)).count();
		Money averageMrr = live.isEmpty() ? null
				: Money.of(Math.round(live.stream().mapToLong(PlanLifetimes.Lifetime::mrrMinor).average().orElse(0)),
						workspaceCurrency);
		if (fit.model() == null) {
			return new PlanLifetime(plan, fit.lifetimes().size(), ended, live.size(), null, null, null, null, null, null, averageMrr,
					null, null, fit.problem());
		}
		ShiftedBetaGeometric model = fit.model();
		double d = parameters.monthlyDiscountRate();
		List<Double> survival = new ArrayList<>();
		List<Double> retention = new ArrayList<>();
		for (int t = 0; t <= 12; t++) {
			survival.add(model.survival(t));
			if (t > 0) {
				retention.add(model.retention(t));
			}
		}
		double del = model.discountedExpectedLifetime(d);
		// DERL depends on the periods survived only: computed once per distinct tenure.
		Map<Integer, Double> derl = new HashMap<>();
		double residual = live.stream()
			.mapToDouble(l -> l.mrrMinor() * derl.computeIfAbsent(l.periods(today),
					n -> model.discountedExpectedResidualLifetime(n, d)))
			.sum();
		Double expected = Double.isFinite(model.expectedLifetime()) ? model.expectedLifetime() : null;
		return new PlanLifetime(plan, fit.lifetimes().size(), ended, live.size(), model.alpha(), model.beta(), survival,
				retention,
				expected, del, averageMrr,
				averageMrr == null ? null : Money.of(Math.round(averageMrr.minorUnits() * del), workspaceCurrency),
				Money.of(Math.round(residual), workspaceCurrency), null);
	}

	static ShiftedBetaGeometric fitPlan(List<PlanLifetimes.Lifetime> ofPlan, LocalDate today) {
		int longest = ofPlan.stream().mapToInt(l -> l.periods(today)).max().orElse(0);
		long[] lost = new long[longest + 1];
		long[] alive = new long[longest + 1];
		for (PlanLifetimes.Lifetime l : ofPlan) {
			int t = l.periods(today);
			if (l.endedBy(today)) {
				lost[t]++;
			}
			else if (t > 0) {
				alive[t]++;
			}
		}
		return ShiftedBetaGeometric.fitLifetimes(lost, alive);
	}

	/** A plan's sBG model, or why it could not be fitted, and the lifetimes it was fitted on. */
	record PlanFit(ShiftedBetaGeometric model, String problem, List<PlanLifetimes.Lifetime> lifetimes) {
	}
}

package io.kizuna.ltv;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A model fitted on request: its parameters by name, the log-likelihood at the optimum, and what it was fitted on
 * (customers and repeat buyers of the transaction log up to {@code calibrationEnd}, or a cohort's periods).
 * {@code spendLeftOut} (Gamma-Gamma) counts the repeat customers left out because their purchases averaged 0;
 * {@code warnings} say when a fit that converged should still not be trusted (empty when nothing is wrong).
 */
public record FittedModel(String model, Map<String, Double> parameters, double logLikelihood, Integer customers,
		Integer repeatCustomers, LocalDate calibrationEnd, String currency, Integer periods, Integer spendLeftOut,
		List<FitWarning> warnings) {
}

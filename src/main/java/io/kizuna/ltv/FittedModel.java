package io.kizuna.ltv;

import java.time.LocalDate;
import java.util.Map;

/**
 * A model fitted on request: its parameters by name, the log-likelihood at the optimum, and what it was fitted on
 * (customers and repeat buyers of the transaction log up to {@code calibrationEnd}, or a cohort's periods).
 */
public record FittedModel(String model, Map<String, Double> parameters, double logLikelihood, Integer customers,
		Integer repeatCustomers, LocalDate calibrationEnd, String currency, Integer periods) {
}

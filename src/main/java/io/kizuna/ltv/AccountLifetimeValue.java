package io.kizuna.ltv;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.Money;

/**
 * An account's future value: from its live subscriptions, residual value = Σ MRR × DERL (per the plan each started
 * on) and DERL weighted by MRR, in months; from its linked transaction customers, their P(alive), CLV and purchase
 * outlook, with the transaction models fitted on the log up to {@code calibrationEnd}. {@code derlMonths} and
 * {@code residualValue} are null when the account has no live subscription or its plans could not be fitted;
 * {@code transactionProblem} says why the transaction models could not be fitted (no customers are listed then).
 */
public record AccountLifetimeValue(String accountExternalId, Money mrr, Double derlMonths, Money residualValue,
		List<CustomerValue> transactionCustomers, Money clv, ClvParameters parameters, LocalDate calibrationEnd,
		String transactionProblem) {
}

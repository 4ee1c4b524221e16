package io.kizuna.ltv;

import java.util.List;

import io.kizuna.shared.Money;

/**
 * An account's future value: from its live subscriptions, residual value = Σ MRR × DERL (per the plan each started
 * on) and DERL weighted by MRR, in months; from its linked transaction customers, their P(alive) and CLV.
 * {@code derlMonths} and {@code residualValue} are null when the account has no live subscription or its plans
 * could not be fitted.
 */
public record AccountLifetimeValue(String accountExternalId, Money mrr, Double derlMonths, Money residualValue,
		List<CustomerValue> transactionCustomers, Money clv, ClvParameters parameters) {
}

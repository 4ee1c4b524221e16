package io.kizuna.ltv;

import java.util.List;

import io.kizuna.shared.Money;

/**
 * The sBG model of one plan's subscriptions, by monthly billing period. {@code survival} is S(0..12), the share of
 * a cohort still subscribed after t months; {@code retention} is r(1..12), the renewal rate at month t; {@code
 * expectedLifetimeMonths} is null when infinite (α ≤ 1) or not fitted; {@code lifetimeValue} is the plan's average
 * live MRR × DEL (a new subscriber's discounted expected lifetime); {@code residualValue} is Σ MRR × DERL over its
 * live subscriptions. {@code problem} says why the plan could not be fitted (then the fields that need it are null).
 */
public record PlanLifetime(String plan, int subscriptions, int ended, int live, Double alpha, Double beta,
		List<Double> survival, List<Double> retention, Double expectedLifetimeMonths, Double discountedExpectedLifetime, Money averageMrr,
		Money lifetimeValue, Money residualValue, String problem) {
}

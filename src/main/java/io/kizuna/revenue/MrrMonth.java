package io.kizuna.revenue;

import java.time.YearMonth;

/**
 * One month of MRR movements in one currency, by comparing each account's MRR at the end of the previous month
 * with its MRR at the end of this one (live subscriptions: active or past due). Opening + new + expansion +
 * reactivation − contraction − churn = closing, exactly.
 *
 * @param customersAtStart accounts with MRR at the end of the previous month (the denominator of logo churn)
 * @param churnedCustomers of those, the ones with no MRR at the end of this month
 */
public record MrrMonth(YearMonth month, String currency, long openingMinor, long newMinor, long expansionMinor,
		long reactivationMinor, long contractionMinor, long churnMinor, long closingMinor, int customersAtStart,
		int churnedCustomers) {

	/** Churned customers ÷ customers at the start of the month. */
	public Double logoChurnRate() {
		return customersAtStart == 0 ? null : (double) churnedCustomers / customersAtStart;
	}

	/** Churned MRR ÷ MRR at the start of the month. */
	public Double revenueChurnRate() {
		return openingMinor == 0 ? null : (double) churnMinor / openingMinor;
	}

	/** (start − churn − contraction) ÷ start, on the accounts that had MRR at the start only. */
	public Double grossRevenueRetention() {
		return openingMinor == 0 ? null : (double) (openingMinor - churnMinor - contractionMinor) / openingMinor;
	}

	/** (start + expansion − contraction − churn) ÷ start, on the accounts that had MRR at the start only. */
	public Double netRevenueRetention() {
		return openingMinor == 0 ? null
				: (double) (openingMinor + expansionMinor - contractionMinor - churnMinor) / openingMinor;
	}

	/** ARPA: MRR per paying account at the start of the month. */
	public Double averageRevenuePerAccountAtStart() {
		return customersAtStart == 0 ? null : (double) openingMinor / customersAtStart;
	}
}

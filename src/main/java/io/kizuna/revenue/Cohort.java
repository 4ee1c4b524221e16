package io.kizuna.revenue;

import java.time.YearMonth;
import java.util.List;

/**
 * One row of a retention matrix: the accounts whose first month-end with MRR fell in {@code month} (and, with a
 * breakdown, in one segment), followed month by month through the query's last month.
 *
 * @param segment the plan, tier or attribute value; null without a breakdown or when the account has none
 * @param accounts accounts in the cohort; {@code mrrMinor} their MRR at the end of month 0
 */
public record Cohort(YearMonth month, String segment, String currency, int accounts, long mrrMinor,
		List<Period> periods) {

	/**
	 * Month k after the signup month: accounts with MRR at its end (won-back accounts count again) and their MRR.
	 *
	 * @param retention the query's measure: retained accounts ÷ cohort accounts, or MRR ÷ month-0 MRR
	 */
	public record Period(int k, int accounts, long mrrMinor, double retention) {
	}
}

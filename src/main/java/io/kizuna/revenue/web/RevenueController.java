package io.kizuna.revenue.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.kizuna.revenue.Cohort;
import io.kizuna.revenue.CohortQuery;
import io.kizuna.revenue.MrrMonth;
import io.kizuna.revenue.Renewal;
import io.kizuna.revenue.RenewalForecast;
import io.kizuna.revenue.Renewals;
import io.kizuna.revenue.RevenueReports;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Subscription revenue metrics. */
@RestController
@Tag(name = "Revenue")
class RevenueController {

	private final RevenueReports reports;

	private final Renewals renewals;

	RevenueController(RevenueReports reports, Renewals renewals) {
		this.reports = reports;
		this.renewals = renewals;
	}

	@GetMapping("/api/v1/revenue/renewals")
	@Operation(summary = "Live subscriptions whose current term ends within the next withinDays days (0–730), with "
			+ "ARR, owner and the account's latest health score and band")
	List<Renewal> renewals(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "90") int withinDays) {
		return reports.upcomingRenewals(client.workspaceId(), renewals.today(client.workspaceId()), withinDays);
	}

	@GetMapping("/api/v1/revenue/renewals/forecast")
	@Operation(summary = "Expected renewing ARR per month (1–24 months): Σ ARR × P(renew | health band), P estimated "
			+ "from the past 12 months' renewal outcomes per band, or a stated prior below 10 outcomes (source=prior)")
	RenewalForecast forecast(@AuthenticationPrincipal ApiClient client, @RequestParam(defaultValue = "6") int months) {
		return reports.renewalForecast(client.workspaceId(), renewals.today(client.workspaceId()), months);
	}

	@GetMapping("/api/v1/revenue/cohorts")
	@Operation(summary = "Retention matrix by signup month: logo or revenue retention, optionally by plan, tier or "
			+ "an account attribute (by=attribute:<key>)")
	List<Cohort> cohorts(@AuthenticationPrincipal ApiClient client, @RequestParam String from, @RequestParam String to,
			@RequestParam(required = false) String measure, @RequestParam(required = false) String by) {
		return reports.cohorts(client.workspaceId(), CohortQuery.parse(from, to, measure, by));
	}

	record MonthView(MrrMonth movements, Double logoChurnRate, Double revenueChurnRate, Double grossRevenueRetention,
			Double netRevenueRetention) {
	}

	@GetMapping("/api/v1/revenue/mrr")
	@Operation(summary = "MRR by month with new, expansion, contraction, churn and reactivation; churn rates, GRR, NRR")
	List<MonthView> mrr(@AuthenticationPrincipal ApiClient client, @RequestParam String from, @RequestParam String to) {
		YearMonth start;
		YearMonth end;
		try {
			start = YearMonth.parse(from);
			end = YearMonth.parse(to);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("from and to are months: YYYY-MM");
		}
		return reports.monthly(client.workspaceId(), start, end)
			.stream()
			.map(m -> new MonthView(m, m.logoChurnRate(), m.revenueChurnRate(), m.grossRevenueRetention(),
					m.netRevenueRetention()))
			.toList();
	}
}

package io.kizuna.revenue.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.kizuna.health.HealthQueries;
import io.kizuna.health.SegmentChoice;
import io.kizuna.revenue.Cohort;
import io.kizuna.revenue.CohortQuery;
import io.kizuna.revenue.MrrMonth;
import io.kizuna.revenue.Renewal;
import io.kizuna.revenue.RenewalForecast;
import io.kizuna.revenue.Renewals;
import io.kizuna.revenue.RevenueReports;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Subscription revenue metrics. */
@RestController
@Tag(name = "Revenue", description = "MRR movements, churn, GRR and NRR, cohorts, renewals and their forecast")
class RevenueController {

	private final RevenueReports reports;

	private final Renewals renewals;

	private final HealthQueries health;

	RevenueController(RevenueReports reports, Renewals renewals, HealthQueries health) {
		this.reports = reports;
		this.renewals = renewals;
		this.health = health;
	}

	static final String SEGMENT = "Only the members of this saved segment (its key, as on the accounts list); "
			+ "404 when the workspace has no such segment";

	/** The saved segment's id, null for every account; an unknown key is a 404 (NotFoundException). */
	private Long members(WorkspaceId workspace, String segment) {
		return SegmentChoice.idOf(SegmentChoice.named(health.segmentChoices(workspace), segment));
	}

	@GetMapping("/api/v1/revenue/renewals")
	@Operation(summary = "Live subscriptions whose current term ends within the next withinDays days (0–730), with "
			+ "ARR, owner and the account's latest health score and band")
	List<Renewal> renewals(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "90") int withinDays,
			@Parameter(description = SEGMENT) @RequestParam(required = false) String segment) {
		return reports.upcomingRenewals(client.workspaceId(), renewals.today(client.workspaceId()), withinDays,
				members(client.workspaceId(), segment));
	}

	@GetMapping("/api/v1/revenue/renewals/forecast")
	@Operation(summary = "Expected renewing ARR per month (1–24 months): Σ ARR × P(renew | health band), P estimated "
			+ "from the past 12 months' renewal outcomes per band, or a stated prior below 10 outcomes (source=prior)")
	RenewalForecast forecast(@AuthenticationPrincipal ApiClient client, @RequestParam(defaultValue = "6") int months,
			@Parameter(description = SEGMENT) @RequestParam(required = false) String segment) {
		return reports.renewalForecast(client.workspaceId(), renewals.today(client.workspaceId()), months,
				members(client.workspaceId(), segment));
	}

	@GetMapping("/api/v1/revenue/cohorts")
	@Operation(summary = "Retention matrix by signup month: logo or revenue retention, optionally by plan, tier or "
			+ "an account attribute (by=attribute:<key>)")
	List<CohortView> cohorts(@AuthenticationPrincipal ApiClient client, @RequestParam String from,
			@RequestParam String to, @RequestParam(required = false) String measure,
			@RequestParam(required = false) String by,
			@Parameter(description = SEGMENT) @RequestParam(required = false) String segment) {
		Long members = members(client.workspaceId(), segment);
		return reports.cohorts(client.workspaceId(), CohortQuery.parse(from, to, measure, by), members)
			.stream()
			.map(CohortView::of)
			.toList();
	}

	/**
	 * A month of MRR movements, money as everywhere in the API (ADR 0039): opening + new + expansion + reactivation −
	 * contraction − churn = closing.
	 */
	record MonthView(YearMonth month, Money openingMrr, Money newMrr, Money expansionMrr, Money reactivationMrr,
			Money contractionMrr, Money churnMrr, Money closingMrr, int customersAtStart, int churnedCustomers,
			Double logoChurnRate, Double revenueChurnRate, Double grossRevenueRetention, Double netRevenueRetention) {

		static MonthView of(MrrMonth m) {
			String c = m.currency();
			return new MonthView(m.month(), Money.of(m.openingMinor(), c), Money.of(m.newMinor(), c),
					Money.of(m.expansionMinor(), c), Money.of(m.reactivationMinor(), c),
					Money.of(m.contractionMinor(), c), Money.of(m.churnMinor(), c), Money.of(m.closingMinor(), c),
					m.customersAtStart(), m.churnedCustomers(), m.logoChurnRate(), m.revenueChurnRate(),
					m.grossRevenueRetention(), m.netRevenueRetention());
		}
	}

	/** A cohort row with money as everywhere in the API; {@code mrr} is the cohort's MRR at the end of month 0. */
	record CohortView(YearMonth month, String segment, int accounts, Money mrr, List<PeriodView> periods) {

		static CohortView of(Cohort cohort) {
			return new CohortView(cohort.month(), cohort.segment(), cohort.accounts(),
					Money.of(cohort.mrrMinor(), cohort.currency()),
					cohort.periods()
						.stream()
						.map(p -> new PeriodView(p.k(), p.accounts(), Money.of(p.mrrMinor(), cohort.currency()),
								p.retention()))
						.toList());
		}
	}

	/** Month k after the signup month: accounts with MRR at its end, their MRR and the retention measured. */
	record PeriodView(int k, int accounts, Money mrr, double retention) {
	}

	@GetMapping("/api/v1/revenue/mrr")
	@Operation(summary = "MRR by month with new, expansion, contraction, churn and reactivation; churn rates, GRR, NRR")
	List<MonthView> mrr(@AuthenticationPrincipal ApiClient client, @RequestParam String from, @RequestParam String to,
			@Parameter(description = SEGMENT) @RequestParam(required = false) String segment) {
		Long members = members(client.workspaceId(), segment);
		YearMonth start;
		YearMonth end;
		try {
			start = YearMonth.parse(from);
			end = YearMonth.parse(to);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("from and to are months: YYYY-MM");
		}
		return reports.monthly(client.workspaceId(), start, end, members)
			.stream()
			.map(MonthView::of)
			.toList();
	}
}

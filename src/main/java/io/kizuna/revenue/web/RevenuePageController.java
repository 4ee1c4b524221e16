package io.kizuna.revenue.web;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Vocabulary;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.SegmentChoice;
import io.kizuna.shared.Formats;
import io.kizuna.workspace.SignedInUser;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.revenue.Cohort;
import io.kizuna.revenue.CohortQuery;
import io.kizuna.revenue.MrrMonth;
import io.kizuna.revenue.Renewal;
import io.kizuna.revenue.RenewalForecast;
import io.kizuna.revenue.Renewals;
import io.kizuna.revenue.RevenueReports;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The revenue dashboard: the MRR waterfall by month, NRR and GRR, logo and revenue cohorts, renewals in the next 90
 * days and the renewal forecast. Figures are in the workspace currency; every signed-in role may view it.
 */
@Controller
class RevenuePageController {

	private static final int MONTHS = 12;

	/** Renewals shown a page at a time (issue 13): the count and ARR above the table are the whole 90 days'. */
	static final int RENEWALS_PAGE = 10;

	private final RevenueReports reports;

	private final Renewals renewals;

	private final WorkspaceManagement workspaces;

	private final JsonMapper json;

	private final Formats fmt;

	private final AccountManagement accounts;

	private final HealthQueries health;

	RevenuePageController(RevenueReports reports, Renewals renewals, WorkspaceManagement workspaces,
			JsonMapper json, Formats fmt, AccountManagement accounts, HealthQueries health) {
		this.health = health;
		this.fmt = fmt;
		this.accounts = accounts;
		this.reports = reports;
		this.renewals = renewals;
		this.workspaces = workspaces;
		this.json = json;
	}

	@GetMapping("/revenue")
	String dashboard(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String by,
			@RequestParam(defaultValue = "0") int renewalsPage, @RequestParam(required = false) String segment,
			Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		// The saved segment the page is narrowed to (the accounts list's ?segment=<key>), or every account.
		List<SegmentChoice> segments = health.segmentChoices(workspace);
		SegmentChoice chosen = SegmentChoice.named(segments, segment);
		Long members = SegmentChoice.idOf(chosen);
		String segmentKey = chosen == null ? null : chosen.key();
		String currency = workspaces.get(workspace).currency().getCurrencyCode();
		LocalDate today = renewals.today(workspace);
		// The last complete month: the current one has only begun (on its first day NRR and GRR are 100 % and the
		// waterfall is ¥0), so the page ends its months, tiles and cohorts at the month before and says which it is.
		YearMonth to = YearMonth.from(today).minusMonths(1);
		YearMonth from = to.minusMonths(MONTHS - 1);
		// Only the two offered breakdowns reach the query; anything else shows the cohorts unbroken.
		String breakdown = "plan".equals(by) || "tier".equals(by) ? by : "";
		List<MrrMonth> months = reports.monthly(workspace, from, to, members)
			.stream()
			.filter(m -> m.currency().equals(currency))
			.toList();
		List<Renewal> due = reports.upcomingRenewals(workspace, today, 90, members);
		RenewalForecast forecast = reports.renewalForecast(workspace, today, 6, members);

		model.addAttribute("segments", segments);
		model.addAttribute("segment", chosen);
		model.addAttribute("currency", currency);
		model.addAttribute("by", breakdown);
		model.addAttribute("months", months);
		List<Renewal> dueHere = due.stream().filter(r -> r.currency().equals(currency)).toList();
		int lastRenewalsPage = dueHere.isEmpty() ? 0 : (dueHere.size() - 1) / RENEWALS_PAGE;
		int shownPage = Math.min(Math.max(0, renewalsPage), lastRenewalsPage);
		model.addAttribute("renewals", dueHere);
		model.addAttribute("renewalsShown", dueHere.subList(shownPage * RENEWALS_PAGE,
				Math.min(dueHere.size(), (shownPage + 1) * RENEWALS_PAGE)));
		model.addAttribute("renewalsPage", shownPage);
		model.addAttribute("lastRenewalsPage", lastRenewalsPage);
		model.addAttribute("previousRenewals", shownPage > 0 ? renewalsLink(breakdown, segmentKey, shownPage - 1) : null);
		model.addAttribute("nextRenewals", shownPage < lastRenewalsPage ? renewalsLink(breakdown, segmentKey, shownPage + 1) : null);
		model.addAttribute("renewalArr", due.stream().filter(r -> r.currency().equals(currency))
			.mapToLong(Renewal::arrMinor).sum());
		model.addAttribute("forecast", forecast);
		model.addAttribute("minOutcomes", Renewals.MIN_OUTCOMES);
		List<RenewalForecast.Month> forecastMonths = forecast.months().stream()
			.filter(m -> m.currency().equals(currency)).toList();
		model.addAttribute("forecastMonths", forecastMonths);
		// Which part of the forecast rests on observed renewal rates and which on the prior, said on the page.
		model.addAttribute("forecastArr", forecastMonths.stream().mapToLong(RenewalForecast.Month::arrMinor).sum());
		model.addAttribute("forecastPriorArr",
				forecastMonths.stream().mapToLong(RenewalForecast.Month::priorArrMinor).sum());
		model.addAttribute("latest", months.isEmpty() ? null : months.get(months.size() - 1));
		model.addAttribute("shownMonth", to);
		model.addAttribute("waterfallChart", json.writeValueAsString(months.stream().map(m -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("month", fmt.month(m.month()));
			row.put("opening", m.openingMinor());
			row.put("new", m.newMinor());
			row.put("expansion", m.expansionMinor());
			row.put("reactivation", m.reactivationMinor());
			row.put("contraction", m.contractionMinor());
			row.put("churn", m.churnMinor());
			row.put("closing", m.closingMinor());
			return row;
		}).toList()));
		model.addAttribute("retentionChart", json.writeValueAsString(months.stream().map(m -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("month", fmt.month(m.month()));
			row.put("nrr", m.netRevenueRetention());
			row.put("grr", m.grossRevenueRetention());
			return row;
		}).toList()));
		model.addAttribute("logoCohorts",
				heatmap(workspace, from, to, CohortQuery.Measure.LOGO, breakdown, currency, members));
		model.addAttribute("revenueCohorts",
				heatmap(workspace, from, to, CohortQuery.Measure.REVENUE, breakdown, currency, members));
		model.addAttribute("minorDigits", Math.max(0, java.util.Currency.getInstance(currency)
			.getDefaultFractionDigits()));
		return "revenue/revenue";
	}

	/** A page of the renewals list, keeping the cohort breakdown and the segment, scrolled to the list. */
	private static String renewalsLink(String breakdown, String segment, int page) {
		return org.springframework.web.util.UriComponentsBuilder.fromPath("/revenue")
			.queryParamIfPresent("segment", java.util.Optional.ofNullable(segment))
			.queryParamIfPresent("by", java.util.Optional.of(breakdown).filter(b -> !b.isEmpty()))
			.queryParam("renewalsPage", page)
			.fragment("renewals")
			.encode()
			.toUriString();
	}

	/** Rows (cohort, segment) × columns (months since signup) as JSON for the ECharts heatmap. */
	private String heatmap(WorkspaceId workspace, YearMonth from, YearMonth to, CohortQuery.Measure measure,
			String breakdown, String currency, Long members) {
		CohortQuery query = CohortQuery.parse(from.toString(), to.toString(), measure.name().toLowerCase(),
				breakdown);
		// A tier breakdown shows the tiers' labels, as the rest of the app does; plans are the customer's own names.
		Vocabulary tiers = "tier".equals(breakdown) ? accounts.tiers(workspace) : null;
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		List<Map<String, Object>> rows = reports.cohorts(workspace, query, members)
			.stream()
			.filter(c -> c.currency().equals(currency))
			.map(c -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("cohort", fmt.month(c.month()));
				String label = tiers == null || c.segment() == null ? null : tiers.label(c.segment(), locale);
				row.put("segment", label != null ? label : c.segment());
				row.put("accounts", c.accounts());
				row.put("values", c.periods().stream().map(Cohort.Period::retention).toList());
				return row;
			})
			.toList();
		return json.writeValueAsString(rows);
	}
}

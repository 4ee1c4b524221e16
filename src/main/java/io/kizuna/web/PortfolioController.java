package io.kizuna.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.health.AtRiskAccount;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.revenue.MrrMonth;
import io.kizuna.revenue.MrrMovements;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/** Home: the portfolio at a glance. */
@Controller
class PortfolioController {

	private final AccountManagement accounts;

	private final HealthQueries health;

	private final HealthScoring scoring;

	private final MrrMovements mrr;

	private final WorkspaceManagement workspaces;

	private final JsonMapper json;

	PortfolioController(AccountManagement accounts, HealthQueries health, HealthScoring scoring, MrrMovements mrr,
			WorkspaceManagement workspaces, JsonMapper json) {
		this.accounts = accounts;
		this.health = health;
		this.scoring = scoring;
		this.mrr = mrr;
		this.workspaces = workspaces;
		this.json = json;
	}

	@GetMapping("/")
	String portfolio(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		LocalDate today = scoring.today(workspace);
		List<AccountState> states = accounts.states(workspace, today.plusDays(1));
		long mrrMinor = states.stream().filter(AccountState::live).mapToLong(AccountState::mrrMinor).sum();
		long live = states.stream().filter(AccountState::live).count();
		List<AccountState> renewals = states.stream()
			.filter(s -> s.live() && s.nextRenewalOn() != null && !s.nextRenewalOn().isAfter(today.plusDays(90)))
			.sorted(java.util.Comparator.comparing(AccountState::nextRenewalOn))
			.toList();
		var risk = health.atRisk(workspace, new AtRiskQuery(null, null, null, null, null, 0, 500));
		long revenueAtRisk = risk.items().stream().mapToLong(AtRiskAccount::revenueAtRiskMinor).sum();
		var portfolio = health.portfolio(workspace);
		List<MrrMonth> months = mrr.monthly(workspace, YearMonth.from(today).minusMonths(5), YearMonth.from(today));
		String currency = workspaces.get(workspace).currency().getCurrencyCode();

		model.addAttribute("user", signedIn.user());
		model.addAttribute("currency", currency);
		model.addAttribute("accounts", states.size());
		model.addAttribute("liveAccounts", live);
		model.addAttribute("mrr", mrrMinor);
		model.addAttribute("arr", mrrMinor * 12);
		model.addAttribute("revenueAtRisk", revenueAtRisk);
		model.addAttribute("bands", portfolio.bands());
		model.addAttribute("signalsThisWeek", portfolio.signalsThisWeek());
		model.addAttribute("newSignals", portfolio.signalsThisWeek().values().stream().mapToInt(Integer::intValue).sum());
		model.addAttribute("renewals", renewals.stream().limit(10).toList());
		model.addAttribute("renewalCount", renewals.size());
		model.addAttribute("topRisk", risk.items().stream().limit(8).toList());
		model.addAttribute("bandChart", json.writeValueAsString(Map.of("red", portfolio.bands().getOrDefault("red", 0),
				"yellow", portfolio.bands().getOrDefault("yellow", 0), "green", portfolio.bands().getOrDefault("green", 0))));
		model.addAttribute("mrrChart", json.writeValueAsString(months.stream()
			.map(m -> Map.of("month", m.month().toString(), "closing", m.closingMinor(), "new", m.newMinor(),
					"expansion", m.expansionMinor(), "contraction", m.contractionMinor(), "churn", m.churnMinor()))
			.toList()));
		return "portfolio";
	}
}

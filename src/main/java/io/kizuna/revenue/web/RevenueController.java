package io.kizuna.revenue.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.kizuna.revenue.MrrMonth;
import io.kizuna.revenue.MrrMovements;
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

	private final MrrMovements movements;

	RevenueController(MrrMovements movements) {
		this.movements = movements;
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
		return movements.monthly(client.workspaceId(), start, end)
			.stream()
			.map(m -> new MonthView(m, m.logoChurnRate(), m.revenueChurnRate(), m.grossRevenueRetention(),
					m.netRevenueRetention()))
			.toList();
	}
}

package io.kizuna.ltv.web;

import io.kizuna.workspace.SignedInUser;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.ltv.ClvParameters;
import io.kizuna.ltv.LifetimeValues;
import io.kizuna.ltv.PlanLifetime;
import io.kizuna.ltv.Rfm;
import io.kizuna.ltv.TransactionModels;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lifetime value: LTV by plan, RFM segments and the customers with the highest CLV; and the LTV panel of account
 * 360, loaded into that page by htmx. Both read the fitted models the revenue module caches: a view never fits.
 */
@Controller
class LtvPageController {

	/** The LTV page lists this many customers (LtvPagesIT counts them). */
	static final int TOP = 20;

	private final LifetimeValues values;

	private final JsonMapper json;

	private final MessageSource messages;

	LtvPageController(LifetimeValues values, JsonMapper json, MessageSource messages) {
		this.values = values;
		this.json = json;
		this.messages = messages;
	}

	@GetMapping("/revenue/ltv")
	String page(@AuthenticationPrincipal SignedInUser signedIn, Locale locale, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		List<PlanLifetime> plans = values.plans(workspace, ClvParameters.DEFAULT);
		TransactionModels transactions = values.transactionModels(workspace);
		Map<Rfm.Segment, Long> segments = values.rfm(workspace, null, 0, 1).segmentSizes();
		model.addAttribute("plans", plans);
		model.addAttribute("problems", new FitProblems(messages, locale));
		model.addAttribute("transactions", transactions);
		model.addAttribute("parameters", ClvParameters.DEFAULT);
		model.addAttribute("top", transactions.problem() == null ? values.topCustomers(workspace, TOP) : List.of());
		model.addAttribute("segments", segments);
		List<Map<String, Object>> planBars = new ArrayList<>();
		for (PlanLifetime plan : plans) {
			if (plan.lifetimeValue() != null) {
				planBars.add(bar(plan.plan(), major(plan.lifetimeValue().minorUnits(),
						plan.lifetimeValue().currency())));
			}
		}
		List<Map<String, Object>> segmentBars = new ArrayList<>();
		segments.forEach((segment, count) -> segmentBars
			.add(bar(messages.getMessage("ltv.segment." + segment.name(), null, segment.name(), locale), count)));
		model.addAttribute("planChart", json.writeValueAsString(planBars));
		model.addAttribute("rfmChart", json.writeValueAsString(segmentBars));
		return "ltv/ltv";
	}

	/** The account 360 panel (an htmx fragment); another workspace's account is a 404 like the page itself. */
	@GetMapping("/accounts/{externalId}/ltv")
	String panel(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId, Model model) {
		model.addAttribute("ltv", values.account(signedIn.user().workspaceId(), externalId, ClvParameters.DEFAULT));
		return "ltv/account-ltv :: panel";
	}

	private static Map<String, Object> bar(String label, Number value) {
		Map<String, Object> bar = new LinkedHashMap<>();
		bar.put("label", label);
		bar.put("value", value);
		return bar;
	}

	private static double major(long minorUnits, Currency currency) {
		return minorUnits / Math.pow(10, Math.max(0, currency.getDefaultFractionDigits()));
	}
}

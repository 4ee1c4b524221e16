package io.kizuna.ltv.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Page;
import io.kizuna.ltv.AccountLifetimeValue;
import io.kizuna.ltv.ClvParameters;
import io.kizuna.ltv.CustomerValue;
import io.kizuna.ltv.FittedModel;
import io.kizuna.ltv.LifetimeValues;
import io.kizuna.ltv.LtvFitException;
import io.kizuna.ltv.PlanLifetime;
import io.kizuna.ltv.Rfm;
import io.kizuna.ltv.RfmSummary;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lifetime value: model fits, customer CLV, RFM, plan lifetimes and an account's residual value. CLV defaults: a
 * 12-month horizon and a 10 % annual discount rate ({@code horizonMonths} 1–120, {@code annualDiscountRate}
 * 0.001–1).
 */
@RestController
@Tag(name = "Lifetime value", description = "BG/NBD, Gamma-Gamma and sBG fits, customer CLV, RFM, plan "
		+ "lifetimes and an account's residual value")
class LtvController {

	private final LifetimeValues values;

	LtvController(LifetimeValues values) {
		this.values = values;
	}

	/** @param cohort sbg only: customers active at the start of each period, the whole cohort first */
	record FitRequest(String model, String calibrationEnd, String currency, int[] cohort, String plan) {
	}

	/** The data cannot support the model, or the fit did not converge: 422, with the reason. */
	@ExceptionHandler(LtvFitException.class)
	ProblemDetail cannotFit(LtvFitException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("The model cannot be fitted to this data");
		return problem;
	}

	@PostMapping("/api/v1/revenue/ltv/fit")
	@ResponseStatus(HttpStatus.OK)
	@ApiResponse(responseCode = "422", description = "The data cannot support the model, or the fit did not converge")
	@Operation(summary = "Fit bgnbd or gammagamma on the transaction log (optional calibrationEnd, currency), or sbg on a cohort or a plan's history")
	FittedModel fit(@AuthenticationPrincipal ApiClient client, @RequestBody FitRequest request) {
		if (request == null || request.model() == null) {
			throw new InvalidInputException("model: bgnbd, gammagamma or sbg");
		}
		LocalDate end = day(request.calibrationEnd());
		if (request.currency() != null && !request.currency().matches("[A-Za-z]{3}")) {
			throw new InvalidInputException("currency: an ISO 4217 code");
		}
		if (request.plan() != null && request.plan().length() > 200) {
			throw new InvalidInputException("plan: at most 200 characters");
		}
		FittedModel fitted = values.fit(client.workspaceId(), request.model().toLowerCase(Locale.ROOT), end,
				request.currency() == null ? null : request.currency().toUpperCase(Locale.ROOT), request.cohort(),
				request.plan());
		// The pages' models follow the log as it is now.
		values.refit(client.workspaceId());
		return fitted;
	}

	@GetMapping("/api/v1/revenue/customers/{customerId}/clv")
	@ResponseStatus(HttpStatus.OK)
	@ApiResponse(responseCode = "422", description = "The transaction log cannot support the models yet")
	@Operation(summary = "P(alive), expected purchases and spend, CLV and P(0, 1, 2, … purchases in the next outlookMonths) "
			+ "of a transaction customer; calibrationEnd fits the models on the log up to that day")
	CustomerValue clv(@AuthenticationPrincipal ApiClient client, @PathVariable String customerId,
			@RequestParam(defaultValue = "12") int horizonMonths,
			@RequestParam(defaultValue = "0.1") double annualDiscountRate,
			@RequestParam(required = false) String calibrationEnd,
			@RequestParam(defaultValue = "3") int outlookMonths) {
		return values.customer(client.workspaceId(), bounded(customerId),
				new ClvParameters(horizonMonths, annualDiscountRate), day(calibrationEnd), outlookMonths);
	}

	/** RFM with money as everywhere in the API; segment sizes keyed by the segment's code. */
	record RfmView(LocalDate asOf, Map<String, Long> segmentSizes, Page<CustomerRfm> customers) {

		static RfmView of(RfmSummary rfm) {
			Map<String, Long> sizes = new LinkedHashMap<>();
			rfm.segmentSizes().forEach((segment, count) -> sizes.put(segment.code(), count));
			Page<Rfm.Customer> page = rfm.customers();
			return new RfmView(rfm.asOf(), sizes, new Page<>(page.items()
				.stream()
				.map(c -> new CustomerRfm(c.customerId(), c.recencyDays(), c.frequency(),
						Money.parse(c.monetary().toPlainString(), rfm.currency()), c.r(), c.f(), c.m(), c.segment()))
				.toList(), page.page(), page.size(), page.total()));
		}
	}

	/** @param monetary the customer's total spend */
	record CustomerRfm(String customerId, long recencyDays, int frequency, Money monetary, int r, int f, int m,
			Rfm.Segment segment) {
	}

	@GetMapping("/api/v1/revenue/rfm")
	@Operation(summary = "RFM segment sizes and per-customer scores (paged, optionally one segment)")
	RfmView rfm(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String segment,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Rfm.Segment chosen = null;
		if (segment != null) {
			try {
				chosen = Rfm.Segment.valueOf(segment.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("segment: one of " + Arrays.stream(Rfm.Segment.values())
					.map(Rfm.Segment::code)
					.toList());
			}
		}
		return RfmView.of(values.rfm(client.workspaceId(), chosen, page, size));
	}

	@GetMapping("/api/v1/revenue/ltv/plans")
	@Operation(summary = "sBG per plan by monthly period: alpha, beta, survival, expected lifetime, LTV and residual value")
	List<PlanLifetime> plans(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "0.1") double annualDiscountRate) {
		return values.plans(client.workspaceId(), new ClvParameters(12, annualDiscountRate));
	}

	@GetMapping("/api/v1/revenue/accounts/{externalId}/ltv")
	@Operation(summary = "An account's residual value (MRR × DERL) and its transaction customers' P(alive), CLV and "
			+ "P(0, 1, 2, … purchases in the next outlookMonths); calibrationEnd fits the models on the log up to that day")
	AccountLifetimeValue account(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(defaultValue = "12") int horizonMonths,
			@RequestParam(defaultValue = "0.1") double annualDiscountRate,
			@RequestParam(required = false) String calibrationEnd,
			@RequestParam(defaultValue = "3") int outlookMonths) {
		return values.account(client.workspaceId(), bounded(externalId),
				new ClvParameters(horizonMonths, annualDiscountRate), day(calibrationEnd), outlookMonths);
	}

	private static LocalDate day(String value) {
		if (value == null) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("calibrationEnd: a date (YYYY-MM-DD), not "
					+ value.substring(0, Math.min(value.length(), 40)));
		}
	}

	private static String bounded(String id) {
		if (id.length() > 200) {
			throw new InvalidInputException("id: at most 200 characters");
		}
		return id;
	}
}

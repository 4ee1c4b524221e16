package io.kizuna.segments.web;

import java.util.List;

import io.kizuna.segments.BookOfBusiness;
import io.kizuna.segments.TouchLevel;
import io.kizuna.segments.TouchModelManagement;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The touch model's levels and rules, and each owner's book of business. */
@RestController
@RequestMapping("/api/v1/touch-model")
@Tag(name = "Touch model", description = "High-, mid- and tech-touch levels by rules, and each owner's book of business")
class TouchModelController {

	private final TouchModelManagement touch;

	private final FilterMessages messages;

	TouchModelController(TouchModelManagement touch, FilterMessages messages) {
		this.touch = touch;
		this.messages = messages;
	}

	@ExceptionHandler(FilterException.class)
	ProblemDetail invalidRule(FilterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				messages.describe(ex, LocaleContextHolder.getLocale()));
		problem.setTitle("Invalid touch rule");
		problem.setProperty("code", ex.code());
		return problem;
	}

	record LevelsBody(List<TouchLevel> levels) {
	}

	@GetMapping
	@Operation(summary = "The touch levels: names in ja and en, and the rules of high and mid")
	List<TouchLevel> levels(@AuthenticationPrincipal ApiClient client) {
		return touch.levels(client.workspaceId());
	}

	@PutMapping
	@Operation(summary = "Set the levels' names (nameJa, nameEn) and the rules of high and mid (filter definitions)")
	List<TouchLevel> save(@AuthenticationPrincipal ApiClient client, @RequestBody LevelsBody body) {
		if (body == null || body.levels() == null || body.levels().size() > 3) {
			throw new InvalidInputException("levels: up to three of high, mid, tech");
		}
		return touch.save(client.workspaceId(), body.levels());
	}

	@GetMapping("/book-of-business")
	@Operation(summary = "Per owner: accounts, ARR, accounts per touch level and at risk (churned accounts left out)")
	BookOfBusiness bookOfBusiness(@AuthenticationPrincipal ApiClient client) {
		return touch.bookOfBusiness(client.workspaceId());
	}
}

package io.kizuna.text.web;

import java.util.List;
import java.util.Map;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.RisingIssue;
import io.kizuna.text.TermQuery;
import io.kizuna.text.TermRow;
import io.kizuna.text.TextAnalytics;
import io.kizuna.text.Topic;
import io.kizuna.text.UnhappyAccount;
import io.kizuna.text.Verbatim;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Text analytics over REST: terms of a period, a term's verbatims, topics, sentiment per account, alerts, search. */
@RestController
@RequestMapping("/api/v1/text")
@Tag(name = "Text analytics", description = "What customers are saying: terms, topics, sentiment, rising issues, search")
class TextController {

	private final TextAnalytics analytics;

	TextController(TextAnalytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/terms")
	@Operation(summary = "The period's terms, most unusual against its baseline first")
	List<TermRow> terms(@AuthenticationPrincipal ApiClient client, @ModelAttribute TextFilters filters,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidInputException("limit: 1 to 500");
		}
		return analytics.terms(client.workspaceId(), filters.query(analytics, client.workspaceId()), limit);
	}

	@GetMapping("/terms/verbatims")
	@Operation(summary = "The period's texts holding a term, newest first")
	List<Verbatim> verbatims(@AuthenticationPrincipal ApiClient client, @RequestParam String term,
			@ModelAttribute TextFilters filters) {
		WorkspaceId ws = client.workspaceId();
		return analytics.verbatims(ws, term, filters.query(analytics, ws), 100);
	}

	@GetMapping("/topics")
	@Operation(summary = "The topics of the last 90 days")
	List<Topic> topics(@AuthenticationPrincipal ApiClient client) {
		return analytics.topics(client.workspaceId());
	}

	@GetMapping("/sentiment")
	@Operation(summary = "An account's weekly mean sentiment")
	List<TextAnalytics.SentimentPoint> sentiment(@AuthenticationPrincipal ApiClient client, @RequestParam String account,
			@RequestParam(defaultValue = "26") int weeks) {
		Long id = analytics.accountId(client.workspaceId(), account);
		if (id == null) {
			throw new NotFoundException("No such account: " + account);
		}
		return analytics.accountSentiment(client.workspaceId(), id, weeks);
	}

	@GetMapping("/sentiment/unhappy")
	@Operation(summary = "The accounts whose texts of the period were negative on average, most negative first")
	List<UnhappyAccount> unhappy(@AuthenticationPrincipal ApiClient client, @ModelAttribute TextFilters filters,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 200) {
			throw new InvalidInputException("limit: 1 to 200");
		}
		return analytics.unhappyAccounts(client.workspaceId(), filters.query(analytics, client.workspaceId()), limit);
	}

	@GetMapping("/alerts")
	@Operation(summary = "Rising issues, newest first")
	List<RisingIssue> alerts(@AuthenticationPrincipal ApiClient client) {
		return analytics.alerts(client.workspaceId(), 50);
	}

	@GetMapping("/search")
	@Operation(summary = "Search all customer text with the knowledge base's Japanese-aware analysis")
	Map<String, Object> search(@AuthenticationPrincipal ApiClient client, @RequestParam String q) {
		return Map.of("query", q, "results", analytics.search(client.workspaceId(), q, 100));
	}
}

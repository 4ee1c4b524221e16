package io.kizuna.health.web;

import io.kizuna.workspace.SignedInUser;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalRules;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Optional;

/** The at-risk worklist: live accounts ranked risk first, then by revenue at risk, a page at a time, with one-click filters. */
@Controller
class WorklistController {

	private final HealthQueries health;

	private final SignalRules signals;

	private final io.kizuna.accounts.AccountManagement accounts;

	WorklistController(HealthQueries health, SignalRules signals, io.kizuna.accounts.AccountManagement accounts) {
		this.signals = signals;
		this.health = health;
		this.accounts = accounts;
	}

	@GetMapping("/at-risk")
	String worklist(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String band,
			@RequestParam(required = false) String signal, @RequestParam(required = false) Integer renewal,
			@RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) String segment,
			@RequestParam(defaultValue = "0") int page, Model model) {
		SignalKind kind = signal == null ? null : signals.kind(signal).orElse(null);
		String bandFilter = band == null || band.isBlank() ? null : band;
		var segments = health.segmentChoices(signedIn.user().workspaceId());
		var chosen = segments.stream().filter(s -> s.key().equals(segment)).findFirst();
		model.addAttribute("segments", segments);
		model.addAttribute("segment", chosen.map(io.kizuna.health.SegmentChoice::key).orElse(null));
		model.addAttribute("segmentInvalid", segment != null && !segment.isBlank() && chosen.isEmpty());
		var rows = health.atRisk(signedIn.user().workspaceId(), new AtRiskQuery(mine ? signedIn.user().id() : null,
				null, bandFilter, kind, renewal, chosen.map(io.kizuna.health.SegmentChoice::id).orElse(null),
				Math.max(0, page), 25));
		String segmentKey = chosen.map(io.kizuna.health.SegmentChoice::key).orElse(null);
		model.addAttribute("page", rows);
		model.addAttribute("tiers", accounts.tiers(signedIn.user().workspaceId()));
		long lastPage = rows.total() == 0 ? 0 : (rows.total() - 1) / rows.size();
		model.addAttribute("lastPage", lastPage);
		model.addAttribute("previousPage", rows.page() > 0 ? link(bandFilter, kind, renewal, mine, segmentKey, rows.page() - 1) : null);
		model.addAttribute("nextPage", rows.page() < lastPage ? link(bandFilter, kind, renewal, mine, segmentKey, rows.page() + 1) : null);
		model.addAttribute("band", bandFilter);
		model.addAttribute("signal", kind == null ? null : kind.code());
		model.addAttribute("renewal", renewal);
		model.addAttribute("mine", mine);
		model.addAttribute("kinds", signals.kinds());
		return "health/at-risk";
	}

	/** A page of the worklist with the same filters. */
	private static String link(String band, SignalKind kind, Integer renewal, boolean mine, String segment, long page) {
		return UriComponentsBuilder.fromPath("/at-risk")
			.queryParamIfPresent("band", Optional.ofNullable(band))
			.queryParamIfPresent("signal", Optional.ofNullable(kind).map(SignalKind::code))
			.queryParamIfPresent("renewal", Optional.ofNullable(renewal))
			.queryParamIfPresent("mine", mine ? Optional.of(true) : Optional.empty())
			.queryParamIfPresent("segment", Optional.ofNullable(segment))
			.queryParam("page", page)
			.encode()
			.toUriString();
	}
}

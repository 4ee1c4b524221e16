package io.kizuna.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.AccountHealth;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.DailyUsage;
import io.kizuna.usage.UsageMetrics;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The account 360 page. */
@Controller
class AccountPagesController {

	private final AccountManagement accounts;

	private final HealthQueries health;

	private final HealthScoring scoring;

	private final UsageMetrics usage;

	private final JsonMapper json;

	private final io.kizuna.workspace.WorkspaceManagement workspaces;

	AccountPagesController(AccountManagement accounts, HealthQueries health, HealthScoring scoring, UsageMetrics usage,
			JsonMapper json, io.kizuna.workspace.WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
		this.accounts = accounts;
		this.health = health;
		this.scoring = scoring;
		this.usage = usage;
		this.json = json;
	}

	@GetMapping("/accounts/{externalId}")
	String account(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId, Locale locale,
			Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		Account account = accounts.account(workspace, externalId);
		LocalDate today = scoring.today(workspace);
		AccountHealth accountHealth = health.accountHealth(workspace, externalId, locale);
		List<DailyUsage> daily = usage.daily(workspace, account.id(), today.minusDays(89), today);
		java.time.ZoneId zone = workspaces.get(workspace).timeZone();
		model.addAttribute("zone", zone);
		model.addAttribute("account", account);
		model.addAttribute("health", accountHealth);
		var subscriptions = accounts.subscriptions(workspace, externalId, null, 0, 50).items();
		var notes = accounts.notes(workspace, externalId, 20);
		model.addAttribute("subscriptions", subscriptions);
		model.addAttribute("contacts", accounts.contacts(workspace, externalId, null, 0, 50));
		model.addAttribute("notes", notes);
		model.addAttribute("features", usage.eventCounts(workspace, account.id(), today.minusDays(89), today));
		model.addAttribute("timeline", timeline(workspace, subscriptions, notes, accountHealth, zone));
		model.addAttribute("healthChart", json.writeValueAsString(accountHealth.history()
			.stream()
			.map(d -> Map.of("day", d.day().toString(), "score", d.score() == null ? "" : d.score()))
			.toList()));
		model.addAttribute("usageChart", json.writeValueAsString(daily.stream()
			.map(d -> Map.of("day", d.day().toString(), "users", d.activeUsers(), "events", d.events()))
			.toList()));
		return "account";
	}

	@PostMapping("/accounts/{externalId}/notes")
	String addNote(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam String body, RedirectAttributes redirect) {
		try {
			accounts.addNote(signedIn.user().workspaceId(), externalId, signedIn.user().displayName(), body);
			redirect.addFlashAttribute("noted", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("noteError", true);
		}
		return "redirect:/accounts/" + AccountLinks.encode(externalId) + "#notes";
	}

	/** Subscription changes, signals and notes, newest first. */
	private List<TimelineEntry> timeline(WorkspaceId workspace, List<io.kizuna.accounts.Subscription> subscriptions,
			List<io.kizuna.accounts.AccountNote> notes, AccountHealth accountHealth, java.time.ZoneId zone) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (var subscription : subscriptions) {
			for (var change : accounts.subscriptionHistory(workspace, subscription.externalId())) {
				entries.add(new TimelineEntry(change.effectiveOn(), "subscription",
						change.plan() + " · " + change.status().code() + " · " + change.seats(), change.mrrMinor(),
						change.currency()));
			}
		}
		for (var signal : accountHealth.signals()) {
			entries.add(new TimelineEntry(signal.detectedOn(), "signal", signal.kind().code(), null, null));
		}
		for (var note : notes) {
			entries.add(new TimelineEntry(note.createdAt().atZone(zone).toLocalDate(), "note",
					note.author() + ": " + note.body(), null, null));
		}
		entries.sort(Comparator.comparing(TimelineEntry::day).reversed());
		return entries.stream().limit(40).toList();
	}

	record TimelineEntry(LocalDate day, String kind, String text, Long mrrMinor, String currency) {
	}
}

package io.kizuna.accounts.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountNote;
import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.accounts.Subscription;
import io.kizuna.accounts.TimelineEntry;
import io.kizuna.shared.AccountLinks;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account 360 page: the account's own profile, subscriptions, contacts, notes and timeline, and the panels other
 * modules contribute ({@link AccountPanel}), in their order.
 */
@Controller
class AccountPagesController {

	private final AccountManagement accounts;

	private final List<AccountPanel> panels;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	AccountPagesController(AccountManagement accounts, List<AccountPanel> panels, WorkspaceManagement workspaces,
			MessageSource messages) {
		this.accounts = accounts;
		this.panels = panels.stream().sorted(Comparator.comparingInt(AccountPanel::order)).toList();
		this.workspaces = workspaces;
		this.messages = messages;
	}

	@GetMapping("/accounts/{externalId}")
	String account(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId, Locale locale,
			Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		Account account = accounts.account(workspace, externalId);
		ZoneId zone = workspaces.get(workspace).timeZone();
		AccountView view = new AccountView(workspace, account, locale, zone);
		List<ShownPanel> shown = panels.stream()
			.map(panel -> new ShownPanel(panel.template(), panel.fragment(), panel.content(view)))
			.toList();
		var subscriptions = accounts.subscriptions(workspace, externalId, null, 0, 50).items();
		var notes = accounts.notes(workspace, externalId, 20);
		model.addAttribute("zone", zone);
		model.addAttribute("account", account);
		model.addAttribute("tiers", accounts.tiers(workspace));
		model.addAttribute("stages", accounts.lifecycleStages(workspace));
		model.addAttribute("panels", shown);
		model.addAttribute("subscriptions", subscriptions);
		model.addAttribute("contacts", accounts.contacts(workspace, externalId, null, 0, 50));
		model.addAttribute("notes", notes);
		model.addAttribute("timeline", timeline(workspace, subscriptions, notes, shown, zone, locale));
		return "accounts/account";
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

	/** Subscription changes, notes and what the panels added, newest first. */
	private List<TimelineEntry> timeline(WorkspaceId workspace, List<Subscription> subscriptions, List<AccountNote> notes,
			List<ShownPanel> shown, ZoneId zone, Locale locale) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (var subscription : subscriptions) {
			for (var change : accounts.subscriptionHistory(workspace, subscription.externalId())) {
				String status = messages.getMessage("subscription.status." + change.status().code(), null, locale);
				entries.add(new TimelineEntry(change.effectiveOn(), "subscription", messages.getMessage(
						"timeline.subscription.change", new Object[] { change.plan(), status, change.seats() }, locale),
						change.mrrMinor(), change.currency()));
			}
		}
		for (var note : notes) {
			entries.add(new TimelineEntry(note.createdAt().atZone(zone).toLocalDate(), "note",
					note.author() + ": " + note.body(), null, null));
		}
		shown.forEach(panel -> entries.addAll(panel.content().timeline()));
		entries.sort(Comparator.comparing(TimelineEntry::day).reversed());
		return entries.stream().limit(40).toList();
	}

	/** A panel as the template draws it: {@code ~{template :: fragment}} with {@code panel} = its model. */
	record ShownPanel(String template, String fragment, AccountPanelContent content) {

		public Map<String, Object> model() {
			return content.model();
		}
	}
}

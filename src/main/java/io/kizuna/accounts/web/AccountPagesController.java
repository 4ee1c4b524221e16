package io.kizuna.accounts.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountEditing;
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
import io.kizuna.workspace.UserManagement;
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

	private final AccountEditing editing;

	private final UserManagement people;

	private final MessageSource messages;

	AccountPagesController(AccountManagement accounts, List<AccountPanel> panels, WorkspaceManagement workspaces,
			AccountEditing editing, UserManagement people, MessageSource messages) {
		this.accounts = accounts;
		this.panels = panels.stream().sorted(Comparator.comparingInt(AccountPanel::order)).toList();
		this.workspaces = workspaces;
		this.editing = editing;
		this.people = people;
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
		var users = people.users(workspace);
		var roles = new ContactRoleLabels(editing.contactRoles(workspace), locale, messages);
		model.addAttribute("header", AccountHeader.of(account, subscriptions, users, LocalDate.now(zone)));
		model.addAttribute("users", users.stream().filter(u -> !u.disabled() || u.id() == nullToZero(account.ownerUserId())).toList());
		model.addAttribute("me", signedIn.user().id());
		model.addAttribute("roles", roles);
		model.addAttribute("zone", zone);
		model.addAttribute("account", account);
		model.addAttribute("tiers", accounts.tiers(workspace));
		model.addAttribute("stages", accounts.lifecycleStages(workspace));
		model.addAttribute("panels", shown);
		model.addAttribute("subscriptions", subscriptions);
		model.addAttribute("contacts", accounts.contacts(workspace, externalId, null, 0, 50));
		model.addAttribute("notes", notes);
		List<TimelineEntry> edits = new EditTimeline(messages, locale, roles, accounts.tiers(workspace),
				accounts.lifecycleStages(workspace))
			.entries(editing.changes(workspace, externalId, 40), zone);
		model.addAttribute("timeline", timeline(workspace, subscriptions, notes, shown, edits, zone, locale));
		return "accounts/account";
	}

	@PostMapping("/accounts/{externalId}/notes")
	String addNote(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String externalId,
			@RequestParam String body, RedirectAttributes redirect) {
		try {
			accounts.addNote(signedIn.user().workspaceId(), externalId, signedIn.user().id(), signedIn.user().displayName(),
					body);
			redirect.addFlashAttribute("noted", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("noteError", true);
		}
		return "redirect:/accounts/" + AccountLinks.encode(externalId) + "#notes";
	}

	/** Subscription changes, notes and what the panels added, newest first. */
	private List<TimelineEntry> timeline(WorkspaceId workspace, List<Subscription> subscriptions, List<AccountNote> notes,
			List<ShownPanel> shown, List<TimelineEntry> edits, ZoneId zone, Locale locale) {
		List<TimelineEntry> entries = new ArrayList<>(edits);
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

	private static long nullToZero(Long id) {
		return id == null ? 0 : id;
	}

	/** A panel as the template draws it: {@code ~{template :: fragment}} with {@code panel} = its model. */
	record ShownPanel(String template, String fragment, AccountPanelContent content) {

		public Map<String, Object> model() {
			return content.model();
		}
	}
}

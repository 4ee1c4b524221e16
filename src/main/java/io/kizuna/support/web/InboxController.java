package io.kizuna.support.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.SavedTicketViews;
import io.kizuna.support.SavedView;
import io.kizuna.support.SupportAgents;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketFilter;
import io.kizuna.support.TicketPage;
import io.kizuna.support.TicketSla;
import io.kizuna.support.TicketView;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The inbox: the built-in views, the agent's saved views and the shared ones as tabs with their counts, and a filter
 * (status, priority, channel, tag, assignee) that can be saved as a view.
 */
@Controller
class InboxController {

	private final SupportDesk desk;

	private final SavedTicketViews saved;

	private final SupportAgents agents;

	private final TicketSla sla;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	InboxController(SupportDesk desk, SavedTicketViews saved, SupportAgents agents, TicketSla sla,
			UserManagement people, WorkspaceManagement workspaces) {
		this.desk = desk;
		this.saved = saved;
		this.agents = agents;
		this.sla = sla;
		this.people = people;
		this.workspaces = workspaces;
	}

	static TicketFilter filter(List<String> status, List<String> priority, List<String> channel, String tag,
			String assignee) {
		return new TicketFilter(status, priority, channel, tag, assignee);
	}

	@GetMapping("/support")
	String inbox(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String view,
			@RequestParam(name = "saved", required = false) Long savedId, @RequestParam(required = false) Long before,
			@RequestParam(required = false) List<String> status, @RequestParam(required = false) List<String> priority,
			@RequestParam(required = false) List<String> channel, @RequestParam(required = false) String tag,
			@RequestParam(required = false) String assignee, HttpServletRequest request, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		long me = user.user().id();
		List<SavedView> visible = saved.visibleTo(ws, me);
		TicketFilter asked = filter(status, priority, channel, tag, assignee);
		TicketPage page;
		String mode;
		TicketFilter shown;
		if (savedId != null) {
			SavedView chosen = saved.get(ws, me, savedId);
			page = saved.tickets(ws, chosen.filter(), me, before, 50);
			mode = "saved";
			shown = chosen.filter();
			model.addAttribute("savedView", chosen);
		}
		else if (!asked.isEmpty()) {
			shown = asked.validated();
			page = saved.tickets(ws, shown, me, before, 50);
			mode = "filter";
		}
		else {
			TicketView chosen = view == null ? TicketView.MINE : TicketView.parse(view);
			page = desk.view(ws, chosen, me, before, 50);
			mode = "view";
			shown = TicketFilter.none();
			model.addAttribute("view", chosen.code());
		}
		model.addAttribute("mode", mode);
		model.addAttribute("filter", shown);
		model.addAttribute("views", Arrays.stream(TicketView.values()).map(TicketView::code).toList());
		model.addAttribute("counts", desk.counts(ws, me).entrySet().stream()
			.collect(Collectors.toMap(e -> e.getKey().code(), Map.Entry::getValue)));
		model.addAttribute("savedViews", visible);
		model.addAttribute("savedCounts", saved.counts(ws, me, visible));
		model.addAttribute("page", page);
		model.addAttribute("nextUrl", page.next() == null ? null
				: UriComponentsBuilder.fromPath("/support").query(request.getQueryString())
					.replaceQueryParam("before", page.next()).build().toUriString());
		model.addAttribute("sla", sla.summaries(ws, page.items().stream().map(Ticket::id).toList()));
		model.addAttribute("names", people.users(ws).stream().collect(Collectors.toMap(User::id, User::displayName)));
		model.addAttribute("zone", workspaces.get(ws).timeZone());
		model.addAttribute("statuses", Ticket.STATUSES);
		model.addAttribute("priorities", Ticket.PRIORITIES);
		model.addAttribute("channels", TicketFilter.CHANNELS);
		List<SupportAgents.AgentState> team = agents.agents(ws);
		model.addAttribute("agentsList", team);
		model.addAttribute("me", team.stream().filter(a -> a.userId() == me).findFirst().orElse(null));
		return "support/inbox";
	}

	@PostMapping("/support/views")
	String save(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "false") boolean shared, @RequestParam(required = false) List<String> status,
			@RequestParam(required = false) List<String> priority, @RequestParam(required = false) List<String> channel,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String assignee) {
		SavedView view = saved.save(user.user().workspaceId(), user.user().id(), name, shared,
				filter(status, priority, channel, tag, assignee));
		return "redirect:/support?saved=" + view.id();
	}

	@PostMapping("/support/views/{id}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") long id) {
		saved.delete(user.user().workspaceId(), user.user().id(), id, user.user().role() == Role.ADMIN);
		return "redirect:/support";
	}
}

package io.kizuna.support.web;

import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.support.SavedTicketViews;
import io.kizuna.support.SavedView;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.TicketFilter;
import io.kizuna.support.TicketPage;
import io.kizuna.support.TicketView;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading tickets over REST: a built-in view, a shared saved view, or a filter. */
@RestController
@RequestMapping("/api/v1/support")
@Tag(name = "Support")
class TicketViewsApiController {

	private final SupportDesk desk;

	private final SavedTicketViews views;

	TicketViewsApiController(SupportDesk desk, SavedTicketViews views) {
		this.desk = desk;
		this.views = views;
	}

	@GetMapping("/tickets")
	@Operation(summary = "A view of tickets (mine is empty for a token; unassigned, pending, solved, all), a shared "
			+ "saved view (saved=id), or a filter (status, priority, channel repeated or comma-separated; tag; "
			+ "assignee none or a user id), newest first, by keyset: pass next as before")
	TicketPage tickets(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String view,
			@RequestParam(required = false) Long saved, @RequestParam(required = false) List<String> status,
			@RequestParam(required = false) List<String> priority, @RequestParam(required = false) List<String> channel,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String assignee,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
		if (saved != null) {
			SavedView shared = views.visibleTo(client.workspaceId(), 0).stream()
				.filter(v -> v.id() == saved && v.shared()).findFirst()
				.orElseThrow(() -> new NotFoundException("no shared view " + saved));
			return views.tickets(client.workspaceId(), shared.filter(), 0, before, limit);
		}
		if ("me".equals(assignee)) {
			throw new InvalidInputException("assignee: a token is nobody's; use none or a user's id");
		}
		TicketFilter filter = new TicketFilter(status, priority, channel, tag, assignee);
		return filter.isEmpty() ? desk.view(client.workspaceId(), TicketView.parse(view), 0, before, limit)
				: views.tickets(client.workspaceId(), filter, 0, before, limit);
	}

	@GetMapping("/views")
	@Operation(summary = "The workspace's shared saved views (agents' private ones are theirs alone)")
	List<SavedView> sharedViews(@AuthenticationPrincipal ApiClient client) {
		return views.visibleTo(client.workspaceId(), 0).stream().filter(SavedView::shared).toList();
	}

}

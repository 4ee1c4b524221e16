package io.kizuna.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ticket views beyond the built-in ones: an ad-hoc filter of the inbox, and the filters agents save under a name, for
 * themselves or shared with the workspace (ADR 0138). Read newest first by keyset, like the built-in views.
 */
@Service
public class SavedTicketViews {

	public static final int MAX_PER_AGENT = 50;

	public static final int MAX_NAME = 80;

	private final SavedViews views;

	private final Tickets tickets;

	SavedTicketViews(SavedViews views, Tickets tickets) {
		this.views = views;
		this.tickets = tickets;
	}

	/** The agent's own views and the workspace's shared ones. */
	public List<SavedView> visibleTo(WorkspaceId ws, long userId) {
		return views.visibleTo(ws, userId);
	}

	/** One view the agent may see, else not found (another agent's private view, or another workspace's). */
	public SavedView get(WorkspaceId ws, long userId, long viewId) {
		return find(ws, userId, viewId).orElseThrow(() -> new NotFoundException("no saved view " + viewId));
	}

	public Optional<SavedView> find(WorkspaceId ws, long userId, long viewId) {
		return views.visibleTo(ws, userId).stream().filter(v -> v.id() == viewId).findFirst();
	}

	@Transactional
	public SavedView save(WorkspaceId ws, long userId, String name, boolean shared, TicketFilter filter) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("name: 1 to " + MAX_NAME + " characters on one line", List.of("name"));
		}
		TicketFilter checked = (filter == null ? TicketFilter.none() : filter).validated();
		if (checked.isEmpty()) {
			throw new InvalidInputException("A view needs at least one condition", List.of("filter"));
		}
		if (views.countOwnedBy(ws, userId) >= MAX_PER_AGENT) {
			throw new InvalidInputException("At most " + MAX_PER_AGENT + " saved views per agent", List.of("limit"));
		}
		long id = views.insert(ws, userId, clean, shared, checked);
		return new SavedView(id, clean, userId, shared, checked);
	}

	/** Deletes the agent's own view, or a shared one when an admin asks; another's is not found. */
	@Transactional
	public void delete(WorkspaceId ws, long userId, long viewId, boolean admin) {
		if (!views.delete(ws, viewId, userId, admin)) {
			throw new NotFoundException("no saved view " + viewId + " you may delete");
		}
	}

	public TicketPage tickets(WorkspaceId ws, TicketFilter filter, long userId, Long before, int limit) {
		if (limit < 1 || limit > 200) {
			throw new InvalidInputException("limit must be between 1 and 200");
		}
		TicketFilter checked = filter.validated();
		List<Ticket> page = tickets.filtered(ws, checked, userId, before, limit + 1);
		Long next = page.size() > limit ? page.get(limit - 1).id() : null;
		return new TicketPage(page.size() > limit ? page.subList(0, limit) : page, next);
	}

	/** Each visible view's ticket count (up to 10,000), for the inbox's tabs. */
	public Map<Long, Long> counts(WorkspaceId ws, long userId, List<SavedView> visible) {
		Map<Long, Long> counts = new LinkedHashMap<>();
		for (SavedView view : visible) {
			counts.put(view.id(), tickets.countFiltered(ws, view.filter(), userId));
		}
		return counts;
	}
}

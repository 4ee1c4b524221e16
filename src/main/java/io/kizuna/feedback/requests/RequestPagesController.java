package io.kizuna.feedback.requests;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequest;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.PortalLinks;
import io.kizuna.feedback.RequestDraft;
import io.kizuna.feedback.RiceDraft;
import io.kizuna.feedback.VoteDraft;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The CS team's feature-request pages: the board sorted by each measure of demand, a request with its voters, RICE,
 * status, merge and comments, the form that logs a request or a vote on behalf of an account (from the account 360,
 * a ticket or a note), and the editable status list.
 */
@Controller
class RequestPagesController {

	private final FeatureRequests requests;

	private final PortalLinks links;

	private final AccountManagement accounts;

	private final SupportDesk support;

	private final WorkspaceManagement workspaces;

	private final RequestSections sections;

	RequestPagesController(FeatureRequests requests, PortalLinks links, AccountManagement accounts, SupportDesk support,
			WorkspaceManagement workspaces, RequestSections sections) {
		this.requests = requests;
		this.links = links;
		this.accounts = accounts;
		this.support = support;
		this.workspaces = workspaces;
		this.sections = sections;
	}

	static String uiLanguage() {
		return "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "ja";
	}

	static long id(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private void common(Model model, WorkspaceId ws) {
		Workspace workspace = workspaces.get(ws);
		model.addAttribute("zone", workspace.timeZone());
		model.addAttribute("currency", workspace.currency().getCurrencyCode());
		model.addAttribute("lang", uiLanguage());
		model.addAttribute("statuses", requests.statuses(ws));
		model.addAttribute("statusLabels", requests.statusLabels(ws, LocaleContextHolder.getLocale()));
		model.addAttribute("slug", workspace.slug());
		model.addAttribute("tiers", accounts.tiers(ws));
	}

	@GetMapping("/feedback/requests")
	String board(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String status, @RequestParam(required = false) String category,
			@RequestParam(required = false) String tag, @RequestParam(defaultValue = "0") int page, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		common(model, ws);
		BoardSort chosen = BoardSort.parse(sort);
		int size = 50;
		int from = Math.max(0, Math.min(page, 10_000)) * size;
		List<FeatureRequest> rows = requests.board(ws, chosen, status, category, tag, size + 1, from);
		model.addAttribute("requests", rows.size() > size ? rows.subList(0, size) : rows);
		model.addAttribute("hasNext", rows.size() > size);
		model.addAttribute("page", Math.max(0, page));
		model.addAttribute("sort", chosen.code());
		model.addAttribute("sorts", Arrays.stream(BoardSort.values()).map(BoardSort::code).toList());
		model.addAttribute("status", status);
		model.addAttribute("category", category);
		model.addAttribute("tag", tag);
		model.addAttribute("categories", requests.categories(ws));
		model.addAttribute("section", sections.topRequests(ws, 12));
		return "feedback/requests";
	}

	@GetMapping("/feedback/requests/new")
	String newRequest(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String account,
			@RequestParam(required = false) String ticket, @RequestParam(required = false) String via, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		return form(model, ws, account, ticket, via, null, null);
	}

	private String form(Model model, WorkspaceId ws, String account, String ticket, String via,
			Map<String, String> form, InvalidInputException error) {
		common(model, ws);
		String accountRef = account;
		String contactRef = null;
		Ticket t = null;
		if (ticket != null && !ticket.isBlank()) {
			t = support.findTicket(ws, id(ticket)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			if (t.accountId() != null) {
				accountRef = accounts.externalIds(ws, List.of(t.accountId())).get(t.accountId());
			}
			if (t.requesterContactId() != null) {
				contactRef = requests.contactExternalId(ws, t.requesterContactId()).orElse(null);
			}
		}
		if (accountRef != null && !accountRef.isBlank()) {
			model.addAttribute("account", accounts.findAccount(ws, accountRef)
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
			model.addAttribute("contacts", accounts.contacts(ws, accountRef, null, 0, 100).items());
		}
		model.addAttribute("ticket", t);
		model.addAttribute("contactRef", contactRef);
		model.addAttribute("via", t != null ? "ticket" : "note".equals(via) ? "note" : "account");
		model.addAttribute("existing", requests.board(ws, BoardSort.ACCOUNTS, null, null, null, 200, 0));
		model.addAttribute("form", form);
		model.addAttribute("error", error);
		return "feedback/request-new";
	}

	@PostMapping("/feedback/requests")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		String actor = user.user().displayName();
		try {
			long requestId;
			String existing = form.get("existing");
			if (existing != null && !existing.isBlank()) {
				requestId = id(existing);
				requests.get(ws, requestId);
			}
			else {
				requestId = requests.create(ws, new RequestDraft(form.get("title"), form.get("description"),
						form.get("category"), tags(form.get("tags"))), actor).id();
			}
			if (form.get("account") != null && !form.get("account").isBlank()) {
				requests.vote(ws, requestId, vote(form), actor);
			}
			return "redirect:/feedback/requests/" + requestId + "?saved=1";
		}
		catch (InvalidInputException ex) {
			return form(model, ws, form.get("account"), form.get("ticket"), form.get("via"), form, ex);
		}
	}

	static VoteDraft vote(Map<String, String> form) {
		String ticket = form.get("ticket");
		return new VoteDraft(form.get("account"), blank(form.get("contact")) ? null : form.get("contact"),
				form.get("language"), form.getOrDefault("via", "account"),
				blank(ticket) ? null : Long.valueOf(id(ticket)), form.get("note"));
	}

	static List<String> tags(String text) {
		return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split("[,、\\s]+"));
	}

	@GetMapping("/feedback/requests/{id}")
	String show(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, Model model) {
		return show(model, user.user().workspaceId(), id(id), null, null);
	}

	private String show(Model model, WorkspaceId ws, long id, Object error, String failed) {
		common(model, ws);
		FeatureRequest request = requests.get(ws, id);
		model.addAttribute("request", request);
		model.addAttribute("votes", requests.votes(ws, id, 500));
		model.addAttribute("comments", requests.comments(ws, id));
		model.addAttribute("mergeTargets", requests.board(ws, BoardSort.ACCOUNTS, null, null, null, 200, 0).stream()
			.filter(r -> r.id() != id).toList());
		model.addAttribute("error", error);
		model.addAttribute("failed", failed);
		return "feedback/request";
	}

	@PostMapping("/feedback/requests/{id}/votes")
	String vote(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam Map<String, String> form, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		long requestId = id(id);
		try {
			boolean stored = requests.vote(ws, requestId, vote(form), user.user().displayName()).isPresent();
			return "redirect:/feedback/requests/" + requestId + (stored ? "?voted=1" : "?already=1");
		}
		catch (InvalidInputException ex) {
			return show(model, ws, requestId, ex, "vote");
		}
		catch (NotFoundException ex) {
			return show(model, ws, requestId, new InvalidInputException("invalid vote", List.of(ex.getMessage())), "vote");
		}
	}

	@PostMapping("/feedback/requests/{id}/votes/{vote}/delete")
	String removeVote(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, @PathVariable String vote) {
		requests.removeVote(user.user().workspaceId(), id(id), id(vote));
		return "redirect:/feedback/requests/" + id(id);
	}

	@PostMapping("/feedback/requests/{id}/status")
	String status(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, @RequestParam String status,
			Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			requests.changeStatus(ws, id(id), status, user.user().displayName());
			return "redirect:/feedback/requests/" + id(id) + "?status=1";
		}
		catch (InvalidInputException ex) {
			return show(model, ws, id(id), ex, "status");
		}
		catch (ConflictException ex) {
			return show(model, ws, id(id), new InvalidInputException("invalid status", List.of(ex.getMessage())), "status");
		}
	}

	@PostMapping("/feedback/requests/{id}/rice")
	String rice(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam Map<String, String> form, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			requests.setRice(ws, id(id), new RiceDraft(integer(form.get("reach"), "reach"),
					decimal(form.get("impact"), "impact"), integer(form.get("confidence"), "confidence"),
					decimal(form.get("effort"), "effort")));
			return "redirect:/feedback/requests/" + id(id) + "?rice=1";
		}
		catch (InvalidInputException ex) {
			return show(model, ws, id(id), ex, "rice");
		}
	}

	@PostMapping("/feedback/requests/{id}/merge")
	String merge(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, @RequestParam String target,
			Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			FeatureRequest merged = requests.merge(ws, id(id), id(target));
			return "redirect:/feedback/requests/" + merged.id() + "?merged=" + id(id);
		}
		catch (InvalidInputException ex) {
			return show(model, ws, id(id), ex, "merge");
		}
		catch (ConflictException ex) {
			return show(model, ws, id(id), new InvalidInputException("invalid merge", List.of(ex.getMessage())), "merge");
		}
	}

	@PostMapping("/feedback/requests/{id}/comments")
	String comment(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, @RequestParam String body,
			Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			requests.comment(ws, id(id), user.user().displayName(), body);
			return "redirect:/feedback/requests/" + id(id) + "#comments";
		}
		catch (InvalidInputException ex) {
			return show(model, ws, id(id), ex, "comment");
		}
	}

	@PostMapping("/feedback/requests/{id}/link")
	String portalLink(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam String contact, @RequestParam(defaultValue = "ja") String language, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			model.addAttribute("portalLink", links.link(ws, contact.strip(), language));
			return show(model, ws, id(id), null, null);
		}
		catch (NotFoundException | InvalidInputException ex) {
			return show(model, ws, id(id), ex instanceof InvalidInputException invalid ? invalid
					: new InvalidInputException("invalid link", List.of(ex.getMessage())), "link");
		}
	}

	@GetMapping("/feedback/requests/statuses")
	String statuses(@AuthenticationPrincipal SignedInUser user, Model model) {
		common(model, user.user().workspaceId());
		return "feedback/request-statuses";
	}

	@PostMapping("/feedback/requests/statuses")
	String saveStatus(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form,
			Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			if ("delete".equals(form.get("action"))) {
				requests.deleteStatus(ws, form.get("code"));
			}
			else {
				requests.saveStatus(ws, form.get("code"), form.get("labelJa"), form.get("labelEn"),
						integer(form.get("position"), "position"));
			}
			return "redirect:/feedback/requests/statuses?saved=1";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex);
			return statuses(user, model);
		}
		catch (ConflictException ex) {
			model.addAttribute("error", new InvalidInputException("invalid status", List.of(ex.getMessage())));
			return statuses(user, model);
		}
	}

	static Integer integer(String value, String field) {
		if (blank(value)) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("invalid number", List.of(field + ": a whole number"));
		}
	}

	static BigDecimal decimal(String value, String field) {
		if (blank(value)) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("invalid number", List.of(field + ": a number"));
		}
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}

package io.kizuna.support.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.MailChannelDraft;
import io.kizuna.support.MailChannels;
import io.kizuna.support.SupportAgents;
import io.kizuna.support.SupportContext;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.SupportMacros;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketDraft;
import io.kizuna.support.TicketMessage;
import io.kizuna.support.TicketSla;
import io.kizuna.support.TicketUpdate;
import io.kizuna.support.mail.SafeHtml;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agents' pages (the inbox is InboxController): a ticket with its conversation and actions, mailboxes, macros. */
@Controller
class SupportPagesController {

	/** The ticket page's policy: no script but ours, images only from us until the agent loads remote ones. */
	static final String CSP = "default-src 'self'; script-src 'self'; img-src 'self'%s; style-src 'self' 'unsafe-inline'; "
			+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; frame-src 'self'";

	private final SupportDesk desk;

	private final MailChannels channels;

	private final SupportAgents agents;

	private final SupportMacros macros;

	private final SupportContext context;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final TicketSla sla;

	SupportPagesController(SupportDesk desk, MailChannels channels, SupportAgents agents, SupportMacros macros,
			SupportContext context, UserManagement people, WorkspaceManagement workspaces, TicketSla sla) {
		this.sla = sla;
		this.desk = desk;
		this.channels = channels;
		this.agents = agents;
		this.macros = macros;
		this.context = context;
		this.people = people;
		this.workspaces = workspaces;
	}

	private Map<Long, String> names(WorkspaceId ws) {
		return people.users(ws).stream().collect(Collectors.toMap(User::id, User::displayName));
	}

	@PostMapping("/support/availability")
	String availability(@AuthenticationPrincipal SignedInUser user, @RequestParam boolean available,
			@RequestParam(defaultValue = "25") int cap) {
		agents.setAvailability(user.user().workspaceId(), user.user().id(), available, cap);
		return "redirect:/support";
	}

	@GetMapping("/support/tickets/new")
	String newTicket(Model model) {
		return "support/new-ticket";
	}

	@PostMapping("/support/tickets")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam String subject,
			@RequestParam(required = false) String body, @RequestParam(required = false) String email,
			@RequestParam(required = false) String name, @RequestParam(defaultValue = "normal") String priority,
			@RequestParam(defaultValue = "phone") String channel, @RequestParam(required = false) String direction,
			@RequestParam(required = false) Integer minutes, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			TicketDraft draft = new TicketDraft(subject, "phone".equals(channel) ? null : body, blank(email), blank(name),
					null, priority, null, List.of(), channel);
			long id;
			if ("phone".equals(channel)) {
				id = desk.logCall(ws, null, user.user(), direction == null ? "inbound" : direction,
						minutes == null ? 0 : minutes * 60, body, draft).ticketId();
			}
			else {
				id = desk.create(ws, draft, user.user().id()).id();
			}
			return "redirect:/support/tickets/" + id;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
			return "support/new-ticket";
		}
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	@GetMapping("/support/tickets/{id}")
	String ticket(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String ticketId,
			@RequestParam(defaultValue = "false") boolean images, Model model, HttpServletResponse response) {
		long id = pageId(ticketId);
		WorkspaceId ws = user.user().workspaceId();
		Ticket ticket = desk.ticket(ws, id);
		Locale locale = LocaleContextHolder.getLocale();
		List<TicketMessage> messages = desk.messages(ws, id);
		record Shown(TicketMessage message, String safeHtml, int blocked) {
		}
		model.addAttribute("ticket", ticket);
		model.addAttribute("messages", messages.stream().map(m -> {
			SafeHtml.Result safe = SafeHtml.clean(m.bodyHtml(), images);
			return new Shown(m, safe.html().isEmpty() ? null : safe.html(), safe.blockedImages());
		}).toList());
		model.addAttribute("blocked", messages.stream().anyMatch(m -> SafeHtml.clean(m.bodyHtml(), false).blockedImages() > 0));
		model.addAttribute("images", images);
		model.addAttribute("attachments", desk.attachments(ws, id).stream()
			.collect(Collectors.groupingBy(a -> a.messageId())));
		List<io.kizuna.support.TicketChange> history = desk.history(ws, id);
		model.addAttribute("history", history);
		model.addAttribute("splitFrom", history.stream().filter(h -> h.field().equals("split_from"))
			.map(io.kizuna.support.TicketChange::newValue).findFirst().orElse(null));
		model.addAttribute("splitInto", history.stream().filter(h -> h.field().equals("split_into"))
			.map(io.kizuna.support.TicketChange::newValue).toList());
		// a message can be split off only while the ticket keeps a customer message of its own
		model.addAttribute("splittable", !"chat".equals(ticket.channel())
				&& messages.stream().filter(m -> "customer".equals(m.kind())).count() > 1);
		model.addAttribute("sla", sla.status(ws, id).orElse(null));
		model.addAttribute("names", names(ws));
		model.addAttribute("users", people.users(ws).stream().filter(u -> !u.disabled()).toList());
		model.addAttribute("zone", workspaces.get(ws).timeZone());
		model.addAttribute("account", context.of(ws, ticket.accountId(), locale).orElse(null));
		String language = locale.getLanguage();
		model.addAttribute("macros", macros.list(ws).stream().filter(m -> m.language().equals(language)).toList());
		model.addAttribute("statuses", Ticket.STATUSES);
		model.addAttribute("priorities", Ticket.PRIORITIES);
		model.addAttribute("types", Ticket.TYPES);
		response.setHeader("Content-Security-Policy", CSP.formatted(images ? " https:" : ""));
		return "support/ticket";
	}

	@PostMapping("/support/tickets/{id}/reply")
	String reply(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(required = false) String body, @RequestParam(required = false) Long macro,
			@RequestParam(defaultValue = "pending") String status, RedirectAttributes redirect) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			String text = body;
			if ((text == null || text.isBlank()) && macro != null) {
				Ticket ticket = desk.ticket(ws, id);
				var m = macros.get(ws, macro);
				text = macros.render(m, ticket, user.user().displayName(), context.accountName(ws, ticket.accountId()));
				if (m.setStatus() != null) {
					status = m.setStatus();
				}
			}
			TicketMessage sent = desk.reply(ws, id, user.user(), text, status);
			redirect.addFlashAttribute("notice", "queued".equals(sent.delivery()) ? "support.reply.queued"
					: sent.delivery() == null ? "support.reply.stored" : "support.reply.sent");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/support/tickets/" + id;
	}

	@PostMapping("/support/tickets/{id}/note")
	String note(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @RequestParam String body,
			RedirectAttributes redirect) {
		try {
			desk.addNote(user.user().workspaceId(), id, user.user(), body);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/support/tickets/" + id;
	}

	@PostMapping("/support/tickets/{id}/call")
	String call(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @RequestParam String direction,
			@RequestParam(defaultValue = "0") int minutes, @RequestParam String summary, RedirectAttributes redirect) {
		try {
			desk.logCall(user.user().workspaceId(), id, user.user(), direction, minutes * 60, summary, null);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/support/tickets/" + id;
	}

	@PostMapping("/support/tickets/{id}/update")
	String update(@AuthenticationPrincipal SignedInUser user, @PathVariable long id,
			@RequestParam(required = false) String status, @RequestParam(required = false) String priority,
			@RequestParam(required = false) String type, @RequestParam(required = false) String tags,
			@RequestParam(required = false) String assignee, RedirectAttributes redirect) {
		try {
			boolean unassign = "none".equals(assignee);
			Long assigneeId = assignee == null || assignee.isBlank() || unassign ? null : Long.valueOf(assignee);
			desk.update(user.user().workspaceId(), id, new TicketUpdate(blank(status), blank(priority), blank(type),
					tags == null ? null : Arrays.asList(tags.split("[\\s,、]+")), assigneeId, unassign), user.user().id());
		}
		catch (InvalidInputException | NumberFormatException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/support/tickets/" + id;
	}

	@PostMapping("/support/tickets/{id}/merge")
	String merge(@AuthenticationPrincipal SignedInUser user, @PathVariable long id, @RequestParam long into,
			RedirectAttributes redirect) {
		try {
			desk.merge(user.user().workspaceId(), id, into, user.user().id());
			return "redirect:/support/tickets/" + into;
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/support/tickets/" + id;
		}
	}

	@GetMapping("/support/tickets/{id}/messages/{message}/original")
	ResponseEntity<byte[]> original(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String ticketId,
			@PathVariable("message") String messageId) {
		long id = pageId(ticketId);
		long message = pageId(messageId);
		byte[] raw = desk.original(user.user().workspaceId(), id, message);
		return download(raw, "message-" + message + ".eml", "message/rfc822");
	}

	@GetMapping("/support/attachments/{id}")
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal SignedInUser user, @PathVariable("id") String attachmentId) {
		long id = pageId(attachmentId);
		SupportDesk.Download file = desk.attachment(user.user().workspaceId(), id);
		return download(file.content(), file.attachment().fileName(), file.attachment().contentType());
	}

	/** Always a download (attachment disposition), its declared type, nosniff and a sandbox for good measure. */
	static ResponseEntity<byte[]> download(byte[] content, String fileName, String type) {
		MediaType mediaType;
		try {
			mediaType = MediaType.parseMediaType(type);
		}
		catch (RuntimeException ex) {
			mediaType = MediaType.APPLICATION_OCTET_STREAM;
		}
		if (mediaType.getType().equals("text") || mediaType.getSubtype().contains("html")
				|| mediaType.getSubtype().contains("xml") || mediaType.getSubtype().contains("svg")) {
			mediaType = MediaType.APPLICATION_OCTET_STREAM; // never rendered by the browser as our origin
		}
		return ResponseEntity.ok()
			.contentType(mediaType)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.body(content);
	}

	@GetMapping("/support/channels")
	String channels(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("channels", channels.channels(user.user().workspaceId()));
		model.addAttribute("zone", workspaces.get(user.user().workspaceId()).timeZone());
		return "support/channels";
	}

	@PostMapping("/support/channels")
	String connect(@AuthenticationPrincipal SignedInUser user, @RequestParam String name, @RequestParam String address,
			@RequestParam String imapHost, @RequestParam(defaultValue = "993") int imapPort,
			@RequestParam String imapUser, @RequestParam String imapPassword, @RequestParam String smtpHost,
			@RequestParam(defaultValue = "587") int smtpPort, @RequestParam(required = false) String smtpUser,
			@RequestParam(required = false) String smtpPassword, Model model) {
		try {
			channels.connect(user.user().workspaceId(), new MailChannelDraft(name, address, imapHost, imapPort, imapUser,
					imapPassword, true, smtpHost, smtpPort, smtpUser, smtpPassword, true));
			return "redirect:/support/channels";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
			return channels(user, model);
		}
	}

	@PostMapping("/support/channels/{id}/fetch")
	String fetch(@AuthenticationPrincipal SignedInUser user, @PathVariable long id) {
		channels.fetchNow(user.user().workspaceId(), id);
		return "redirect:/support/channels";
	}

	@GetMapping("/support/macros")
	String macros(@AuthenticationPrincipal SignedInUser user, Model model) {
		model.addAttribute("macros", macros.list(user.user().workspaceId()));
		return "support/macros";
	}

	@PostMapping("/support/macros")
	String createMacro(@AuthenticationPrincipal SignedInUser user, @RequestParam String name,
			@RequestParam String language, @RequestParam String body, @RequestParam(required = false) String setStatus,
			Model model) {
		try {
			macros.create(user.user().workspaceId(), name, language, body, setStatus);
			return "redirect:/support/macros";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
			return macros(user, model);
		}
	}

	/** A page's id from its address: anything but a number names no ticket, message or file (404, not 400). */
	private static long pageId(String value) {
		if (value == null || !value.matches("\\d{1,18}")) {
			throw new io.kizuna.shared.NotFoundException("no such ticket, message or file");
		}
		return Long.parseLong(value);
	}
}

package io.kizuna.support.web;

import java.net.URI;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.MailChannel;
import io.kizuna.support.MailChannelDraft;
import io.kizuna.support.MailChannels;
import io.kizuna.support.Macro;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.SupportMacros;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketAttachment;
import io.kizuna.support.TicketChange;
import io.kizuna.support.TicketDraft;
import io.kizuna.support.TicketMessage;
import io.kizuna.support.TicketUpdate;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets, their messages and history, mail channels and macros over REST. An API token writes as the workspace (no
 * agent): its replies and notes carry no author, its tickets come from the api channel.
 */
@RestController
@RequestMapping("/api/v1/support")
@Tag(name = "Support", description = "Tickets with their messages and history, mail channels, macros")
class SupportController {

	private final SupportDesk desk;

	private final MailChannels channels;

	private final SupportMacros macros;

	SupportController(SupportDesk desk, MailChannels channels, SupportMacros macros) {
		this.desk = desk;
		this.channels = channels;
		this.macros = macros;
	}

	record TicketBody(String subject, String body, String requesterEmail, String requesterName,
			String accountExternalId, String priority, String type, List<String> tags) {
	}

	record UpdateBody(String status, String priority, String type, List<String> tags, Long assigneeUserId,
			Boolean unassign) {
	}

	record MessageBody(String kind, String body, String status) {
	}

	record MergeBody(Long into) {
	}

	record MacroBody(String name, String language, String body, String setStatus) {
	}

	record TicketDetail(Ticket ticket, List<TicketMessage> messages, List<TicketAttachment> attachments) {
	}

	@PostMapping("/tickets")
	@Operation(summary = "Create a ticket (channel api); the requester becomes a contact by e-mail")
	ResponseEntity<Ticket> create(@AuthenticationPrincipal ApiClient client, @RequestBody TicketBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with subject is required");
		}
		Ticket ticket = desk.create(client.workspaceId(), new TicketDraft(body.subject(), body.body(),
				body.requesterEmail(), body.requesterName(), body.accountExternalId(), body.priority(), body.type(),
				body.tags(), "api"), null);
		return ResponseEntity.created(URI.create("/api/v1/support/tickets/" + ticket.id())).body(ticket);
	}

	@GetMapping("/tickets/{id}")
	@Operation(summary = "One ticket with its messages and attachments")
	TicketDetail ticket(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		WorkspaceId ws = client.workspaceId();
		return new TicketDetail(desk.ticket(ws, id), desk.messages(ws, id), desk.attachments(ws, id));
	}

	@PatchMapping("/tickets/{id}")
	@Operation(summary = "Change status, priority, type, tags or assignee; every change goes to the history")
	Ticket update(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody UpdateBody body) {
		if (body == null) {
			throw new InvalidInputException("a body is required");
		}
		return desk.update(client.workspaceId(), id, new TicketUpdate(body.status(), body.priority(), body.type(),
				body.tags(), body.assigneeUserId(), Boolean.TRUE.equals(body.unassign())), null);
	}

	@GetMapping("/tickets/{id}/history")
	@Operation(summary = "Every change of a ticket, oldest first")
	List<TicketChange> history(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return desk.history(client.workspaceId(), id);
	}

	@GetMapping("/tickets/{id}/messages")
	@Operation(summary = "A ticket's conversation: customer messages, replies, internal notes and calls")
	List<TicketMessage> messages(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return desk.messages(client.workspaceId(), id);
	}

	@PostMapping("/tickets/{id}/messages")
	@Operation(summary = "Add a reply (kind reply, sent by mail) or an internal note (kind note)")
	ResponseEntity<TicketMessage> addMessage(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestBody MessageBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with kind and body is required");
		}
		WorkspaceId ws = client.workspaceId();
		TicketMessage message = switch (body.kind() == null ? "" : body.kind()) {
			case "reply" -> desk.reply(ws, id, null, body.body(), body.status());
			case "note" -> desk.addNote(ws, id, null, body.body());
			default -> throw new InvalidInputException("kind must be reply or note");
		};
		return ResponseEntity.status(201).body(message);
	}

	@PostMapping("/tickets/{id}/merge")
	@Operation(summary = "Merge this ticket into another: messages move, this one closes and points to the survivor")
	Ticket merge(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody MergeBody body) {
		if (body == null || body.into() == null) {
			throw new InvalidInputException("into is required");
		}
		return desk.merge(client.workspaceId(), id, body.into(), null);
	}

	@PostMapping("/tickets/{id}/messages/{messageId}/split")
	@Operation(summary = "Split a customer's message (with its attachments) into a new ticket for the same requester; "
			+ "both histories point to each other. Refused (400) for a reply, note or call, for the ticket's only "
			+ "customer message and in a chat")
	ResponseEntity<Ticket> split(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@PathVariable long messageId) {
		Ticket created = desk.split(client.workspaceId(), id, messageId, null);
		return ResponseEntity.created(URI.create("/api/v1/support/tickets/" + created.id())).body(created);
	}

	@GetMapping("/channels")
	@Operation(summary = "Connected mailboxes with their fetch state (never their passwords)")
	List<MailChannel> channels(@AuthenticationPrincipal ApiClient client) {
		return channels.channels(client.workspaceId());
	}

	@PostMapping("/channels")
	@Operation(summary = "Connect a mailbox (IMAP and SMTP); the passwords are sealed and never returned")
	ResponseEntity<MailChannel> connect(@AuthenticationPrincipal ApiClient client, @RequestBody MailChannelDraft body) {
		if (body == null) {
			throw new InvalidInputException("a body is required");
		}
		MailChannel channel = channels.connect(client.workspaceId(), body);
		return ResponseEntity.created(URI.create("/api/v1/support/channels/" + channel.id())).body(channel);
	}

	@GetMapping("/channels/{id}")
	@Operation(summary = "One mailbox and its fetch state")
	MailChannel channel(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return channels.channel(client.workspaceId(), id);
	}

	@PostMapping("/channels/{id}/fetch")
	@Operation(summary = "Fetch the mailbox now; answers how many messages were stored")
	MailChannels.FetchResult fetch(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return channels.fetchNow(client.workspaceId(), id);
	}

	@GetMapping("/macros")
	@Operation(summary = "Canned responses in ja and en")
	List<Macro> macros(@AuthenticationPrincipal ApiClient client) {
		return macros.list(client.workspaceId());
	}

	@PostMapping("/macros")
	@Operation(summary = "Add a canned response (Mustache variables: requester.name, ticket.id, agent.name, account.name)")
	ResponseEntity<Macro> createMacro(@AuthenticationPrincipal ApiClient client, @RequestBody MacroBody body) {
		if (body == null) {
			throw new InvalidInputException("a body is required");
		}
		return ResponseEntity.status(201)
			.body(macros.create(client.workspaceId(), body.name(), body.language(), body.body(), body.setStatus()));
	}

	@DeleteMapping("/macros/{id}")
	@Operation(summary = "Delete a canned response")
	ResponseEntity<Void> deleteMacro(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		macros.delete(client.workspaceId(), id);
		return ResponseEntity.noContent().build();
	}
}

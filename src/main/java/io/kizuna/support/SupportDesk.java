package io.kizuna.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.accounts.Contact;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.mail.MailParser;
import io.kizuna.support.mail.ParsedMail;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The support desk's facade: mail in ({@link #receive}, the one entry point the IMAP fetch, the demo and tests feed
 * raw messages to), tickets from agents and REST, replies, notes, calls, changes with their history, merging and
 * assignment.
 */
@Service
public class SupportDesk {

	private static final Logger log = LoggerFactory.getLogger(SupportDesk.class);

	static final int MAX_BODY = 100_000;

	static final int MAX_SUBJECT = 1000;

	static final int MAX_TAGS = 20;

	private static final Pattern REFERENCE = Pattern.compile("\\[#(\\d{1,18})\\]");

	private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_-]{1,40}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,200}@[^@\\s<>\"]{1,200}");

	private final Tickets tickets;

	private final Channels channels;

	private final Assignment assignment;

	private final MailSender sender;

	private final AccountManagement accounts;

	private final UserManagement people;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	private final MailParser parser;

	private final SupportTexts texts;

	private final TicketSla sla;

	private final ReplyOutbox outbox;

	private final MessageSource messages;

	SupportDesk(Tickets tickets, Channels channels, Assignment assignment, MailSender sender,
			AccountManagement accounts, UserManagement people, WorkspaceManagement workspaces,
			ApplicationEventPublisher events,
			@Value("${kizuna.support.attachment-limit:26214400}") long attachmentLimit, SupportTexts texts,
			TicketSla sla, ReplyOutbox outbox, MessageSource messages) {
		this.messages = messages;
		this.texts = texts;
		this.sla = sla;
		this.outbox = outbox;
		this.tickets = tickets;
		this.channels = channels;
		this.assignment = assignment;
		this.sender = sender;
		this.accounts = accounts;
		this.people = people;
		this.workspaces = workspaces;
		this.events = events;
		this.parser = new MailParser(attachmentLimit);
	}

	// ---- reading -------------------------------------------------------------------------------------------------

	public Ticket ticket(WorkspaceId ws, long id) {
		return tickets.find(ws, id).orElseThrow(() -> new NotFoundException("no ticket " + id));
	}

	public Optional<Ticket> findTicket(WorkspaceId ws, long id) {
		return tickets.find(ws, id);
	}

	public TicketPage view(WorkspaceId ws, TicketView view, long userId, Long before, int limit) {
		if (limit < 1 || limit > 200) {
			throw new InvalidInputException("limit must be between 1 and 200");
		}
		List<Ticket> page = tickets.view(ws, view, userId, before, limit + 1);
		Long next = page.size() > limit ? page.get(limit - 1).id() : null;
		return new TicketPage(page.size() > limit ? page.subList(0, limit) : page, next);
	}

	public Map<TicketView, Long> counts(WorkspaceId ws, long userId) {
		Map<TicketView, Long> counts = new java.util.EnumMap<>(TicketView.class);
		for (TicketView view : List.of(TicketView.MINE, TicketView.UNASSIGNED, TicketView.PENDING)) {
			counts.put(view, tickets.count(ws, view, userId));
		}
		return counts;
	}

	public List<TicketMessage> messages(WorkspaceId ws, long ticketId) {
		ticket(ws, ticketId);
		return tickets.messages(ws, ticketId);
	}

	public TicketMessage message(WorkspaceId ws, long ticketId, long messageId) {
		TicketMessage message = tickets.findMessage(ws, messageId)
			.filter(m -> m.ticketId() == ticketId)
			.orElseThrow(() -> new NotFoundException("no message " + messageId));
		return message;
	}

	public List<TicketChange> history(WorkspaceId ws, long ticketId) {
		ticket(ws, ticketId);
		return tickets.changes(ws, ticketId);
	}

	public List<TicketAttachment> attachments(WorkspaceId ws, long ticketId) {
		ticket(ws, ticketId);
		return tickets.attachments(ws, ticketId);
	}

	/** An attachment's bytes; only within the workspace. */
	public record Download(TicketAttachment attachment, byte[] content) {
	}

	public Download attachment(WorkspaceId ws, long attachmentId) {
		Tickets.StoredFile file = tickets.attachment(ws, attachmentId)
			.orElseThrow(() -> new NotFoundException("no attachment " + attachmentId));
		return new Download(file.attachment(), file.content());
	}

	/** The original message of a mail, byte for byte. */
	public byte[] original(WorkspaceId ws, long ticketId, long messageId) {
		TicketMessage message = message(ws, ticketId, messageId);
		if (message.rawId() == null) {
			throw new NotFoundException("message " + messageId + " did not come by mail");
		}
		return tickets.raw(ws, message.rawId()).orElseThrow(() -> new NotFoundException("no original"));
	}

	public List<Ticket> accountTickets(WorkspaceId ws, long accountId, boolean openOnly, int limit) {
		return tickets.ofAccount(ws, accountId, openOnly, Math.min(Math.max(limit, 1), 200));
	}

	public long accountTicketsSince(WorkspaceId ws, long accountId, int days) {
		return tickets.countOfAccountSince(ws, accountId, days);
	}

	// ---- mail in ---------------------------------------------------------------------------------------------------

	/**
	 * Stores one raw RFC 822 message received on a channel (null: no channel, e.g. the demo). The same message twice
	 * (same bytes, or the same Message-ID from the same sender) is stored once. Mail never posts as an agent: even
	 * from an agent's own address it is the customer side of the thread.
	 */
	@Transactional
	public InboundMail receive(WorkspaceId ws, Long channelId, byte[] raw) {
		List<Long> written = new ArrayList<>();
		InboundMail received = receive(ws, channelId, raw, written);
		texts.written(ws, written);
		return received;
	}

	/**
	 * Stores a group of raw messages in the caller's transaction, as {@link #receive} each, and announces their
	 * customer text to text analytics in one event instead of one per message (the IMAP fetch, ADR 0141).
	 */
	@Transactional
	List<InboundMail> receiveAll(WorkspaceId ws, Long channelId, List<byte[]> raws) {
		List<Long> written = new ArrayList<>();
		List<InboundMail> received = new ArrayList<>();
		for (byte[] raw : raws) {
			received.add(receive(ws, channelId, raw, written));
		}
		texts.written(ws, written);
		return received;
	}

	private InboundMail receive(WorkspaceId ws, Long channelId, byte[] raw, List<Long> written) {
		if (raw == null || raw.length == 0) {
			throw new InvalidInputException("an empty message");
		}
		byte[] sha = sha256(raw);
		Optional<Long> knownRaw = tickets.rawBySha(ws, sha);
		if (knownRaw.isPresent()) {
			Optional<Long> message = tickets.messageOfRaw(ws, knownRaw.get());
			if (message.isPresent()) {
				TicketMessage m = tickets.findMessage(ws, message.get()).orElseThrow();
				return new InboundMail(m.ticketId(), m.id(), false, true);
			}
		}
		ParsedMail mail = parser.parse(raw);
		if (mail.messageId() != null) {
			Optional<long[]> same = tickets.messageByMailIdFrom(ws, mail.messageId(), mail.fromAddress());
			if (same.isPresent()) {
				return new InboundMail(same.get()[1], same.get()[0], false, true);
			}
		}
		long rawId = tickets.insertRaw(ws, sha, raw);
		List<String> problems = new ArrayList<>(mail.problems());
		Long ticketId = thread(ws, mail).orElse(null);
		boolean created = ticketId == null;
		Requester requester = requester(ws, mail.fromAddress(), mail.fromName());
		String subject = mail.subject() == null || mail.subject().isBlank() ? "(no subject)" : mail.subject();
		if (created) {
			String type = mail.automatic() == null ? "question" : mail.automatic();
			// machine mail that threads nowhere is kept for the record, closed: nobody answers it, no loop starts
			String status = mail.automatic() == null ? "new" : "closed";
			ticketId = tickets.insert(ws, requester.accountId(), requester.contactId(), mail.fromAddress(),
					mail.fromName(), truncate(subject, MAX_SUBJECT), status, "normal", type, List.of(), "email",
					channelId, Instant.now());
			tickets.change(ws, ticketId, null, "created", null, "email");
		}
		long messageId = tickets.insertMessage(ws, ticketId, requester.accountId(), "customer", null,
				mail.fromAddress(), mail.fromName(), mail.to(), subject, mail.text(), mail.html(), mail.messageId(),
				mail.inReplyTo(), mail.references(), rawId, mail.automatic(), problems, null, null, null);
		storeAttachments(ws, messageId, mail, problems);
		if (mail.automatic() == null) {
			written.add(messageId);
			tickets.touched(ws, ticketId, "customer");
			if (!created) {
				Ticket ticket = tickets.find(ws, ticketId).orElseThrow();
				if (List.of("pending", "solved").contains(ticket.status())) {
					changeStatus(ws, ticket, "open", null);
				}
			}
		}
		if (created) {
			events.publishEvent(new TicketCreated(ws, ticketId, requester.accountId(), "email"));
			if (mail.automatic() == null) {
				assignment.assign(ws, ticketId).ifPresent(user -> log.debug("ticket assigned to {}", user));
			}
		}
		sla.refresh(ws, ticketId);
		return new InboundMail(ticketId, messageId, created, false);
	}

	private void storeAttachments(WorkspaceId ws, long messageId, ParsedMail mail, List<String> problems) {
		long limit = tickets.attachmentBytes(ws);
		long workspaceLimit = workspaceLimit(ws);
		for (ParsedMail.ParsedAttachment attachment : mail.attachments()) {
			if (attachment.content() == null) {
				continue;
			}
			if (limit + attachment.size() > workspaceLimit) {
				log.warn("workspace {} is over its attachment storage; an attachment was not kept", ws.value());
				continue;
			}
			limit += attachment.size();
			tickets.insertAttachment(ws, messageId, attachment.fileName(), attachment.contentType(), attachment.size(),
					attachment.sha256(), attachment.content());
		}
	}

	private long workspaceLimit(WorkspaceId ws) {
		return 10L * 1024 * 1024 * 1024;
	}

	/** Threading: In-Reply-To and References, then a [#id] in the subject from a participant, then a safe fallback. */
	private Optional<Long> thread(WorkspaceId ws, ParsedMail mail) {
		List<String> ids = new ArrayList<>();
		if (mail.inReplyTo() != null) {
			ids.add(mail.inReplyTo());
		}
		ids.addAll(mail.references());
		Optional<Long> byHeaders = tickets.ticketOfMailIds(ws, ids).flatMap(id -> survivor(ws, id));
		if (byHeaders.isPresent()) {
			return byHeaders.filter(id -> !"closed".equals(tickets.find(ws, id).orElseThrow().status())
					|| mail.automatic() != null);
		}
		if (mail.subject() != null && mail.fromAddress() != null) {
			Matcher m = REFERENCE.matcher(mail.subject());
			while (m.find()) {
				long id = Long.parseLong(m.group(1));
				Optional<Ticket> ticket = tickets.find(ws, id).flatMap(t -> survivor(ws, t.id())).flatMap(t -> tickets.find(ws, t));
				if (ticket.isPresent() && !"closed".equals(ticket.get().status())
						&& (mail.fromAddress().equalsIgnoreCase(String.valueOf(ticket.get().requesterEmail()))
								|| tickets.hasMessageFrom(ws, ticket.get().id(), mail.fromAddress()))) {
					return Optional.of(ticket.get().id());
				}
			}
			String plain = normalise(mail.subject());
			if (!plain.isBlank() && !plain.equals(mail.subject().strip().toLowerCase(Locale.ROOT))) {
				// only a subject marked as a reply ("Re:") falls back to the sender's recent ticket of that subject
				return tickets.recentBySubject(ws, mail.fromAddress(), plain);
			}
		}
		return Optional.empty();
	}

	static String normalise(String subject) {
		return subject.replaceAll("\\[#\\d{1,18}\\]", "")
			.replaceAll("(?i)^((re|fwd?|aw|sv|返信|転送)\\s*[:：]\\s*)+", "")
			.strip()
			.toLowerCase(Locale.ROOT);
	}

	private Optional<Long> survivor(WorkspaceId ws, long id) {
		long current = id;
		for (int i = 0; i < 10; i++) {
			Optional<Ticket> t = tickets.find(ws, current);
			if (t.isEmpty()) {
				return Optional.empty();
			}
			if (t.get().mergedIntoId() == null) {
				return Optional.of(current);
			}
			current = t.get().mergedIntoId();
		}
		return Optional.of(current);
	}

	record Requester(Long contactId, Long accountId) {
	}

	/** The sender as a contact: known by address, else created through accounts, with the account its domain suggests. */
	Requester requester(WorkspaceId ws, String email, String name) {
		if (email == null) {
			return new Requester(null, null);
		}
		Optional<Contact> known = accounts.contacts(ws, null, email, 0, 20).items().stream()
			.filter(c -> email.equalsIgnoreCase(c.email()))
			.findFirst();
		Contact contact = known.orElseGet(() -> {
			String account = suggestedAccount(ws, email).map(Account::externalId).orElse(null);
			return accounts.saveContact(ws, "email:" + email,
					new ContactDraft(email, name, null, account, Instant.now(), Map.of("source", "support_email")));
		});
		Long accountId = contact.accountExternalId() == null ? null
				: accounts.accountIds(ws, List.of(contact.accountExternalId())).get(contact.accountExternalId());
		return new Requester(contact.id(), accountId);
	}

	Optional<Account> suggestedAccount(WorkspaceId ws, String email) {
		String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
		if (domain.isBlank()) {
			return Optional.empty();
		}
		List<Account> matches = accounts.accounts(ws, new AccountQuery(domain, null, null, null, 0, 50)).items()
			.stream()
			.filter(a -> a.domain() != null && (domain.equals(a.domain().toLowerCase(Locale.ROOT))
					|| domain.endsWith("." + a.domain().toLowerCase(Locale.ROOT))))
			.toList();
		return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
	}

	// ---- agents' work ----------------------------------------------------------------------------------------------

	@Transactional
	public Ticket create(WorkspaceId ws, TicketDraft draft, Long actorUserId) {
		String subject = required("subject", draft.subject(), MAX_SUBJECT);
		String body = optional("body", draft.body(), MAX_BODY);
		String channel = draft.channel() == null ? "api" : draft.channel();
		if (!List.of("api", "phone", "web", "import").contains(channel)) {
			throw new InvalidInputException("channel must be api, phone, web or import");
		}
		String priority = choice("priority", draft.priority(), Ticket.PRIORITIES, "normal");
		String type = choice("type", draft.type(), Ticket.TYPES.subList(0, 4), "question");
		List<String> tags = tags(draft.tags());
		String email = draft.requesterEmail() == null || draft.requesterEmail().isBlank() ? null
				: draft.requesterEmail().strip().toLowerCase(Locale.ROOT);
		if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
			throw new InvalidInputException("requesterEmail is not an e-mail address");
		}
		String name = optional("requesterName", draft.requesterName(), 300);
		Requester requester = requester(ws, email, name);
		Long accountId = requester.accountId();
		if (draft.accountExternalId() != null && !draft.accountExternalId().isBlank()) {
			accountId = accounts.account(ws, draft.accountExternalId()).id();
		}
		long id = tickets.insert(ws, accountId, requester.contactId(), email, name, subject, "new", priority, type,
				tags, channel, null, Instant.now());
		tickets.change(ws, id, actorUserId, "created", null, channel);
		if (body != null && !body.isBlank()) {
			long message = tickets.insertMessage(ws, id, accountId, "customer", null, email, name, List.of(), subject,
					body, null, null, null, List.of(), null, null, List.of(), null, null, null);
			if (!"import".equals(channel)) { // an import announces its texts per batch (SupportExtensions)
				texts.written(ws, List.of(message));
			}
		}
		events.publishEvent(new TicketCreated(ws, id, accountId, channel));
		assignment.assign(ws, id);
		sla.refresh(ws, id);
		return ticket(ws, id);
	}

	/** A phone call logged by an agent: a new ticket unless one is named. */
	@Transactional
	public TicketMessage logCall(WorkspaceId ws, Long ticketId, User agent, String direction, int seconds,
			String summary, TicketDraft newTicket) {
		if (!List.of("inbound", "outbound").contains(direction)) {
			throw new InvalidInputException("direction must be inbound or outbound");
		}
		if (seconds < 0 || seconds > 86_400) {
			throw new InvalidInputException("duration must be between 0 and 86400 seconds");
		}
		String text = required("summary", summary, MAX_BODY);
		long id = ticketId != null ? ticket(ws, ticketId).id()
				: create(ws, new TicketDraft(newTicket.subject(), null, newTicket.requesterEmail(),
						newTicket.requesterName(), newTicket.accountExternalId(), newTicket.priority(), newTicket.type(),
						newTicket.tags(), "phone"), agent.id()).id();
		Ticket ticket = ticket(ws, id);
		long messageId = tickets.insertMessage(ws, id, ticket.accountId(), "call", agent.id(), null,
				agent.displayName(), List.of(), null, text, null, null, null, List.of(), null, null, List.of(),
				direction, seconds, null);
		tickets.touched(ws, id, "agent");
		tickets.change(ws, id, agent.id(), "call", null, direction);
		sla.refresh(ws, id);
		return tickets.findMessage(ws, messageId).orElseThrow();
	}

	@Transactional
	public TicketMessage addNote(WorkspaceId ws, long ticketId, User agent, String body) {
		Ticket ticket = ticket(ws, ticketId);
		String text = required("body", body, MAX_BODY);
		Long author = agent == null ? null : agent.id();
		long id = tickets.insertMessage(ws, ticket.id(), ticket.accountId(), "note", author, null,
				agent == null ? "API" : agent.displayName(), List.of(), null, text, null, null, null, List.of(), null,
				null, List.of(), null, null, null);
		tickets.change(ws, ticketId, author, "note", null, Long.toString(id));
		return tickets.findMessage(ws, id).orElseThrow();
	}

	/**
	 * An agent's reply ({@code agent} null: the API, as the workspace): stored, then sent by the channel's SMTP with our Message-ID, In-Reply-To and References; the
	 * ticket moves to {@code status} (default pending). A failed send is kept with its reason and can be retried.
	 */
	@Transactional
	public TicketMessage reply(WorkspaceId ws, long ticketId, User agent, String body, String status) {
		Ticket ticket = tickets.lock(ws, ticketId).orElseThrow(() -> new NotFoundException("no ticket " + ticketId));
		String text = required("body", body, MAX_BODY);
		String next = choice("status", status, List.of("open", "pending", "on_hold", "solved"), "pending");
		if ("closed".equals(ticket.status())) {
			throw new InvalidInputException("a closed ticket cannot be answered; open a new one");
		}
		List<TicketMessage> thread = tickets.messages(ws, ticketId);
		Optional<TicketMessage> lastCustomer = thread.stream()
			.filter(m -> "customer".equals(m.kind()) && m.automatic() == null && m.fromAddress() != null)
			.reduce((a, b) -> b);
		String to = ticket.requesterEmail() != null ? ticket.requesterEmail()
				: lastCustomer.map(TicketMessage::fromAddress).orElse(null);
		Long channelId = ticket.channelId() != null ? ticket.channelId() : channels.firstOf(ws).orElse(null);
		Optional<Channels.Connection> connection = channelId == null ? Optional.empty()
				: channels.connection(ws, channelId);
		String domain = connection.map(c -> c.channel().address().substring(c.channel().address().indexOf('@') + 1))
			.orElse("kizuna.invalid");
		String mailId = "<kizuna." + ticketId + "." + UUID.randomUUID() + "@" + domain + ">";
		String inReplyTo = lastCustomer.map(TicketMessage::mailMessageId).orElse(null);
		List<String> references = new ArrayList<>(new LinkedHashSet<>(tickets.mailIdsOf(ws, ticketId)));
		if (references.size() > 20) {
			references = new ArrayList<>(references.subList(references.size() - 20, references.size()));
		}
		String subject = replySubject(ticket);
		boolean deliverable = connection.isPresent() && to != null && !machineAddress(to);
		Long author = agent == null ? null : agent.id();
		String agentName = agent == null ? "" : agent.displayName();
		long id = tickets.insertMessage(ws, ticketId, ticket.accountId(), "agent", author,
				connection.map(c -> c.channel().address()).orElse(null), agentName,
				to == null ? List.of() : List.of(to), subject, text, null, mailId, inReplyTo, references, null, null,
				List.of(), null, null, deliverable ? "queued" : null);
		tickets.touched(ws, ticketId, "agent");
		tickets.change(ws, ticketId, author, "reply", null, Long.toString(id));
		if (!next.equals(ticket.status())) {
			changeStatus(ws, ticket, next, author);
		}
		if (ticket.assigneeUserId() == null && agent != null) {
			tickets.set(ws, ticketId, "assignee_user_id", agent.id());
			tickets.change(ws, ticketId, agent.id(), "assignee", null, Long.toString(agent.id()));
		}
		if (deliverable) {
			outbox.enqueue(ws, id, channelId); // sent after the request by the outbox job (ADR 0117)
		}
		sla.refresh(ws, ticketId);
		return tickets.findMessage(ws, id).orElseThrow();
	}

	static boolean machineAddress(String address) {
		String local = address.substring(0, Math.max(0, address.indexOf('@'))).toLowerCase(Locale.ROOT);
		return local.equals("mailer-daemon") || local.equals("postmaster") || local.startsWith("noreply")
				|| local.startsWith("no-reply");
	}

	static String replySubject(Ticket ticket) {
		String subject = ticket.subject().replaceAll("\\s*\\[#\\d{1,18}\\]", "").strip();
		String base = subject.matches("(?i)^re\\s*:.*") ? subject : "Re: " + subject;
		return base + " [#" + ticket.id() + "]";
	}

	@Transactional
	public Ticket update(WorkspaceId ws, long ticketId, TicketUpdate update, Long actorUserId) {
		Ticket ticket = tickets.lock(ws, ticketId).orElseThrow(() -> new NotFoundException("no ticket " + ticketId));
		if (update.status() != null && !update.status().equals(ticket.status())) {
			changeStatus(ws, ticket, choice("status", update.status(), Ticket.STATUSES, null), actorUserId);
		}
		if (update.priority() != null && !update.priority().equals(ticket.priority())) {
			String priority = choice("priority", update.priority(), Ticket.PRIORITIES, null);
			tickets.set(ws, ticketId, "priority", priority);
			tickets.change(ws, ticketId, actorUserId, "priority", ticket.priority(), priority);
		}
		if (update.type() != null && !update.type().equals(ticket.type())) {
			String type = choice("type", update.type(), Ticket.TYPES, null);
			tickets.set(ws, ticketId, "type", type);
			tickets.change(ws, ticketId, actorUserId, "type", ticket.type(), type);
		}
		if (update.tags() != null) {
			List<String> tags = tags(update.tags());
			if (!tags.equals(ticket.tags())) {
				tickets.setTags(ws, ticketId, tags);
				tickets.change(ws, ticketId, actorUserId, "tags", String.join(" ", ticket.tags()), String.join(" ", tags));
			}
		}
		if (update.unassign() && ticket.assigneeUserId() != null) {
			tickets.set(ws, ticketId, "assignee_user_id", null);
			tickets.change(ws, ticketId, actorUserId, "assignee", ticket.assigneeUserId().toString(), null);
		}
		else if (update.assigneeUserId() != null && !update.assigneeUserId().equals(ticket.assigneeUserId())) {
			boolean member = people.users(ws).stream().anyMatch(u -> u.id() == update.assigneeUserId() && !u.disabled());
			if (!member) {
				throw new InvalidInputException("the assignee is not a user of this workspace");
			}
			tickets.set(ws, ticketId, "assignee_user_id", update.assigneeUserId());
			tickets.change(ws, ticketId, actorUserId, "assignee",
					ticket.assigneeUserId() == null ? null : ticket.assigneeUserId().toString(),
					update.assigneeUserId().toString());
		}
		sla.refresh(ws, ticketId);
		return ticket(ws, ticketId);
	}

	private void changeStatus(WorkspaceId ws, Ticket ticket, String status, Long actor) {
		tickets.set(ws, ticket.id(), "status", status);
		tickets.change(ws, ticket.id(), actor, "status", ticket.status(), status);
		events.publishEvent(new TicketStatusChanged(ws, ticket.id(), ticket.status(), status, Instant.now()));
	}

	/**
	 * Merges {@code sourceId} into {@code targetId}: the messages move, the source is closed and points to the
	 * survivor, both histories say so; mail threading to the source lands in the survivor.
	 */
	@Transactional
	public Ticket merge(WorkspaceId ws, long sourceId, long targetId, Long actorUserId) {
		if (sourceId == targetId) {
			throw new InvalidInputException("a ticket cannot be merged into itself");
		}
		Ticket source = tickets.lock(ws, sourceId).orElseThrow(() -> new NotFoundException("no ticket " + sourceId));
		Ticket target = tickets.lock(ws, targetId).orElseThrow(() -> new NotFoundException("no ticket " + targetId));
		if (source.mergedIntoId() != null || target.mergedIntoId() != null) {
			throw new InvalidInputException("a merged ticket cannot be merged again");
		}
		List<Long> moved = tickets.messages(ws, sourceId).stream().map(TicketMessage::id).toList();
		tickets.moveMessages(ws, sourceId, targetId);
		tickets.set(ws, sourceId, "merged_into_id", targetId);
		tickets.change(ws, sourceId, actorUserId, "merged_into", null, Long.toString(targetId));
		tickets.change(ws, targetId, actorUserId, "merged_from", null, Long.toString(sourceId));
		if (!"closed".equals(source.status())) {
			changeStatus(ws, source, "closed", actorUserId);
		}
		if (target.accountId() == null && source.accountId() != null) {
			tickets.set(ws, targetId, "account_id", source.accountId());
		}
		List<String> tags = new ArrayList<>(new LinkedHashSet<>(concat(target.tags(), source.tags())));
		if (!tags.equals(target.tags())) {
			tickets.setTags(ws, targetId, tags(tags.size() > MAX_TAGS ? tags.subList(0, MAX_TAGS) : tags));
		}
		sla.refresh(ws, List.of(sourceId, targetId));
		// the moved customer text now belongs to the survivor (its link and account): announced again
		texts.written(ws, moved);
		return ticket(ws, targetId);
	}

	/**
	 * Splits one customer message (with its attachments) out of a ticket into a new ticket for the same requester,
	 * contact and account: the subject is the original's with a note in the workspace's language, both histories
	 * point to each other (split_into, split_from), and the new ticket is opened like any other (TicketCreated,
	 * assignment, its own SLA clocks from now). The moved text is announced again, as it now links to the new ticket.
	 * Refused for an agent's reply, a note or a call, for the ticket's only customer message, and in a chat.
	 */
	@Transactional
	public Ticket split(WorkspaceId ws, long ticketId, long messageId, Long actorUserId) {
		Ticket source = tickets.lock(ws, ticketId).orElseThrow(() -> new NotFoundException("no ticket " + ticketId));
		TicketMessage message = message(ws, ticketId, messageId);
		if (!"customer".equals(message.kind())) {
			throw new SplitRefused("not_customer", "only a customer's message can be split into a new ticket");
		}
		if ("chat".equals(source.channel())) {
			throw new SplitRefused("chat", "a chat conversation cannot be split; it is one conversation with the visitor");
		}
		List<TicketMessage> thread = tickets.messages(ws, ticketId);
		List<Long> customer = thread.stream().filter(m -> "customer".equals(m.kind())).map(TicketMessage::id).toList();
		if (customer.size() < 2) {
			throw new SplitRefused("only_message", "the ticket's only customer message cannot be split off");
		}
		Locale locale = "en".equals(workspaces.get(ws).locale().getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
		String subject = truncate(messages.getMessage("support.split.subject",
				new Object[] { source.subject(), Long.toString(ticketId) }, locale), MAX_SUBJECT);
		String type = Ticket.TYPES.subList(0, 4).contains(source.type()) ? source.type() : "question";
		long id = tickets.insert(ws, source.accountId(), source.requesterContactId(), source.requesterEmail(),
				source.requesterName(), subject, "new", source.priority(), type, source.tags(), source.channel(),
				source.channelId(), Instant.now());
		tickets.change(ws, id, actorUserId, "created", null, source.channel());
		tickets.moveMessage(ws, messageId, ticketId, id);
		tickets.change(ws, id, actorUserId, "split_from", null, Long.toString(ticketId));
		tickets.change(ws, ticketId, actorUserId, "split_into", null, Long.toString(id));
		tickets.touched(ws, ticketId, "");
		// the moved text links to its new ticket; the original's first remaining message may now carry the subject
		texts.written(ws, List.of(messageId, customer.get(customer.get(0) == messageId ? 1 : 0)));
		events.publishEvent(new TicketCreated(ws, id, source.accountId(), source.channel()));
		assignment.assign(ws, id);
		sla.refresh(ws, List.of(ticketId, id));
		return ticket(ws, id);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** Closes the tickets solved more than the workspace's N days ago (default 7); returns how many. */
	@Transactional
	public int autoClose(WorkspaceId ws) {
		int days = tickets.autoCloseDays(ws);
		List<Long> due = tickets.solvedBefore(ws, days);
		for (long id : due) {
			tickets.find(ws, id).ifPresent(t -> changeStatus(ws, t, "closed", null));
		}
		sla.refresh(ws, due);
		return due.size();
	}

	List<Long> workspacesWithSolved() {
		return tickets.workspacesWithSolved();
	}

	// ---- validation ------------------------------------------------------------------------------------------------

	static String required(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field + " is required");
		}
		return optional(field, value, max);
	}

	static String optional(String field, String value, int max) {
		if (value == null) {
			return null;
		}
		if (value.length() > max) {
			throw new InvalidInputException(field + ": at most " + max + " characters");
		}
		return value.replace("\u0000", "");
	}

	static String choice(String field, String value, List<String> allowed, String fallback) {
		if (value == null || value.isBlank()) {
			if (fallback == null) {
				throw new InvalidInputException(field + " is required");
			}
			return fallback;
		}
		if (!allowed.contains(value)) {
			throw new InvalidInputException(field + " must be one of " + String.join(", ", allowed));
		}
		return value;
	}

	static List<String> tags(List<String> tags) {
		if (tags == null) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (String tag : tags) {
			String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
			if (t.isEmpty()) {
				continue;
			}
			if (!TAG.matcher(t).matches()) {
				throw new InvalidInputException("a tag has letters, digits, - and _ only, at most 40");
			}
			if (!out.contains(t)) {
				out.add(t);
			}
		}
		if (out.size() > MAX_TAGS) {
			throw new InvalidInputException("at most " + MAX_TAGS + " tags");
		}
		return out;
	}

	static String truncate(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, Object> map(Object... pairs) {
		Map<String, Object> m = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put((String) pairs[i], pairs[i + 1]);
		}
		return m;
	}
}

package io.kizuna.support;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.PublicVisit;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public channels' facade (ADR 0120): the web form and the chat widget a workspace turns on, their article
 * suggestions, the form's deflection, and the chat conversation as a ticket on both sides. Every input is bounded; a
 * conversation is reached only with its workspace and its visitor's token.
 */
@Service
public class PublicChannels {

	public static final int MAX_NAME = 200;

	public static final int MAX_EMAIL = 320;

	public static final int MAX_SUBJECT = 200;

	public static final int MAX_BODY = 10_000;

	public static final int MAX_CHAT_LINE = 2_000;

	public static final int MAX_ORIGINS = 20;

	static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"(),;:]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");


	static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]{1,253}(:\\d{1,5})?");

	private final PublicChannelStore store;

	private final Tickets tickets;

	private final SupportDesk desk;

	private final Assignment assignment;

	private final SupportTexts texts;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<ArticleSuggestions> suggestions;

	PublicChannels(PublicChannelStore store, Tickets tickets, SupportDesk desk, Assignment assignment,
			SupportTexts texts, ApplicationEventPublisher events, ObjectProvider<ArticleSuggestions> suggestions) {
		this.store = store;
		this.tickets = tickets;
		this.desk = desk;
		this.assignment = assignment;
		this.texts = texts;
		this.events = events;
		this.suggestions = suggestions;
	}

	// ---- settings ---------------------------------------------------------------------------------------------------

	public PublicChannelSettings settings(WorkspaceId ws) {
		return store.settings(ws).orElseGet(PublicChannelSettings::defaults);
	}

	/** Saves the settings; origins are checked (scheme, host and port only, at most 20), questions at most 300. */
	@Transactional
	public PublicChannelSettings save(WorkspaceId ws, PublicChannelSettings settings) {
		List<String> errors = new ArrayList<>();
		LinkedHashSet<String> origins = new LinkedHashSet<>();
		for (String origin : settings.chatOrigins()) {
			String o = origin == null ? "" : origin.strip();
			if (o.endsWith("/")) {
				o = o.substring(0, o.length() - 1);
			}
			if (o.isEmpty()) {
				continue;
			}
			if (!ORIGIN.matcher(o).matches()) {
				errors.add("origin");
			}
			origins.add(o.toLowerCase(Locale.ROOT));
		}
		if (origins.size() > MAX_ORIGINS) {
			errors.add("origins");
		}
		if (!PublicChannelSettings.SCALES.contains(settings.csatScale())) {
			errors.add("scale");
		}
		String ja = blank(settings.csatQuestionJa());
		String en = blank(settings.csatQuestionEn());
		if (ja != null && ja.length() > 300 || en != null && en.length() > 300) {
			errors.add("question");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The public channel settings are not valid: " + String.join(", ", errors),
					errors);
		}
		PublicChannelSettings checked = new PublicChannelSettings(settings.formEnabled(), settings.chatEnabled(),
				List.copyOf(origins), settings.csatEnabled(), settings.csatScale(), ja, en);
		store.save(ws, checked);
		return checked;
	}

	// ---- suggestions ------------------------------------------------------------------------------------------------

	/** Help articles for what the customer (publicOnly) or the agent has written; nothing without a knowledge base. */
	public ArticleSuggestions.Suggestions suggest(WorkspaceId ws, String text, boolean publicOnly, String session,
			int limit) {
		ArticleSuggestions source = suggestions.getIfAvailable();
		if (source == null || text == null || text.isBlank()) {
			return ArticleSuggestions.Suggestions.none();
		}
		return source.suggest(ws, text.length() > 500 ? text.substring(0, 500) : text, publicOnly,
				PublicVisit.valid(session), limit);
	}

	/** A public article's text for a reply (empty without a knowledge base, or for an article a customer may not see). */
	public java.util.Optional<String> articleText(WorkspaceId ws, long articleId, String language) {
		ArticleSuggestions source = suggestions.getIfAvailable();
		return source == null ? java.util.Optional.empty()
				: source.publicText(ws, articleId, "en".equals(language) ? "en" : "ja");
	}

	/** Suggestions for a ticket: its subject and the customer's first words. */
	public ArticleSuggestions.Suggestions suggestFor(WorkspaceId ws, long ticketId, int limit) {
		Ticket ticket = desk.ticket(ws, ticketId);
		String first = tickets.messages(ws, ticketId).stream()
			.filter(m -> "customer".equals(m.kind()) && m.automatic() == null)
			.map(TicketMessage::bodyText)
			.filter(b -> b != null && !b.isBlank())
			.findFirst()
			.orElse("");
		// the subject and the first words: enough to find the topic, short enough for a bounded query
		return suggest(ws, ticket.subject() + " " + (first.length() > 40 ? first.substring(0, 40) : first), false,
				null, limit);
	}

	// ---- the web form -----------------------------------------------------------------------------------------------

	public boolean formOpen(WorkspaceId ws) {
		return settings(ws).formEnabled();
	}

	/** A new visit's id: random, not a person; it names the form's suggestion searches and the deflection row. */
	public static String newSession() {
		return io.kizuna.shared.PublicVisit.newId();
	}

	/**
	 * Opens a ticket from the form (channel web); empty when the honeypot was filled (a bot: nothing is stored, and it
	 * is told nothing else). Errors name the fields: name, email, subject, body.
	 */
	@Transactional
	public Optional<Ticket> submit(WorkspaceId ws, FormSubmission form) {
		if (!formOpen(ws)) {
			throw new NotFoundException("no web form");
		}
		if (form.website() != null && !form.website().isEmpty()) {
			return Optional.empty();
		}
		List<String> errors = new ArrayList<>();
		String name = blank(form.name());
		if (name != null && name.length() > MAX_NAME) {
			errors.add("name");
		}
		String email = blank(form.email());
		if (email == null || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
			errors.add("email");
		}
		String subject = blank(form.subject());
		if (subject == null || subject.length() > MAX_SUBJECT || subject.contains("\n")) {
			errors.add("subject");
		}
		String body = blank(form.body());
		if (body == null || body.length() > MAX_BODY) {
			errors.add("body");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The form is not complete: " + String.join(", ", errors), errors);
		}
		Ticket ticket = desk.create(ws, new TicketDraft(clean(subject), clean(body), email, clean(name), null, null,
				null, List.of(), "web"), null);
		String session = PublicVisit.valid(form.session());
		if (session != null) {
			store.submitted(ws, session, ticket.id());
		}
		String visitor = PublicVisit.valid(form.visitor());
		events.publishEvent(new WebFormSubmitted(ws, ticket.id(), ticket.accountId(), ticket.requesterEmail(), session,
				visitor, ticket.createdAt()));
		return Optional.of(ticket);
	}

	/** The visitor opened a suggested article from the form (counted for the form's deflection). */
	@Transactional
	public void articleOpened(WorkspaceId ws, String session) {
		if (PublicVisit.valid(session) != null && formOpen(ws)) {
			store.opened(ws, session);
		}
	}

	/** The form's deflection per month, the last {@code months} months in the zone. */
	public List<FormDeflection> deflection(WorkspaceId ws, ZoneId zone, int months) {
		Instant from = ZonedDateTime.now(zone).withDayOfMonth(1).toLocalDate()
			.minusMonths(Math.max(0, Math.min(months, 36) - 1)).atStartOfDay(zone).toInstant();
		return store.deflection(ws, zone.getId(), from);
	}

	// ---- the chat ---------------------------------------------------------------------------------------------------

	/** Whether a page of {@code origin} may use the workspace's chat. */
	public boolean chatAllows(WorkspaceId ws, String origin) {
		return settings(ws).allows(origin == null ? null : origin.toLowerCase(Locale.ROOT));
	}

	/** A visitor opens a conversation with their first line: a new ticket of channel chat. */
	@Transactional
	public ChatStarted startChat(WorkspaceId ws, String origin, String name, String email, String text) {
		return startChat(ws, origin, name, email, text, null, null);
	}

	/**
	 * Opens a conversation from the widget; {@code session} and {@code visitor} are the widget's visit ids (ignored
	 * unless well formed), the ones its article suggestions were searched with.
	 */
	@Transactional
	public ChatStarted startChat(WorkspaceId ws, String origin, String name, String email, String text, String session,
			String visitor) {
		if (!settings(ws).chatEnabled()) {
			throw new NotFoundException("no chat");
		}
		List<String> errors = new ArrayList<>();
		String who = blank(name);
		if (who != null && who.length() > MAX_NAME) {
			errors.add("name");
		}
		String address = blank(email);
		if (address != null && (address.length() > MAX_EMAIL || !EMAIL.matcher(address).matches())) {
			errors.add("email");
		}
		String line = line(text, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The chat message is not valid: " + String.join(", ", errors), errors);
		}
		address = address == null ? null : address.toLowerCase(Locale.ROOT);
		SupportDesk.Requester requester = desk.requester(ws, address, clean(who));
		String subject = line.length() > 80 ? line.substring(0, 80) + "…" : line;
		long ticketId = tickets.insert(ws, requester.accountId(), requester.contactId(), address, clean(who),
				subject.replace('\n', ' '), "new", "normal", "question", List.of(), "chat", null, Instant.now());
		tickets.change(ws, ticketId, null, "created", null, "chat");
		String token = newSession() + newSession();
		store.insertChat(ws, ticketId, requester.accountId(), SupportDesk.sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
				origin == null ? null : origin.length() > 300 ? origin.substring(0, 300) : origin);
		long message = tickets.insertMessage(ws, ticketId, requester.accountId(), "customer", null, address,
				clean(who), List.of(), null, line, null, null, null, List.of(), null, null, List.of(), null, null, null);
		texts.written(ws, List.of(message));
		events.publishEvent(new TicketCreated(ws, ticketId, requester.accountId(), "chat"));
		events.publishEvent(new ChatOpened(ws, ticketId, requester.accountId(), PublicVisit.valid(session),
				PublicVisit.valid(visitor), Instant.now()));
		assignment.assign(ws, ticketId);
		return new ChatStarted(ticketId, token);
	}

	/** The visitor's next line; a solved or pending conversation opens again. */
	@Transactional
	public ChatLine visitorSays(WorkspaceId ws, long ticketId, String token, String text) {
		Ticket ticket = conversation(ws, ticketId, token);
		List<String> errors = new ArrayList<>();
		String line = line(text, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The chat message is not valid: " + String.join(", ", errors), errors);
		}
		if ("closed".equals(ticket.status())) {
			throw new InvalidInputException("This conversation is closed; start a new one.", List.of("closed"));
		}
		long message = tickets.insertMessage(ws, ticketId, ticket.accountId(), "customer", null,
				ticket.requesterEmail(), ticket.requesterName(), List.of(), null, line, null, null, null, List.of(), null,
				null, List.of(), null, null, null);
		tickets.touched(ws, ticketId, "customer");
		store.visitorSeen(ws, ticketId);
		texts.written(ws, List.of(message));
		if (List.of("pending", "solved").contains(ticket.status())) {
			desk.update(ws, ticketId, new TicketUpdate("open", null, null, null, null, false), null);
		}
		return lines(ws, ticketId, message - 1).get(0);
	}

	/** The conversation after line {@code after}, for the visitor (token checked). */
	public List<ChatLine> visitorLines(WorkspaceId ws, long ticketId, String token, long after) {
		conversation(ws, ticketId, token);
		return lines(ws, ticketId, after);
	}

	/** The same, for an agent of the workspace (the ticket page). */
	public List<ChatLine> agentLines(WorkspaceId ws, long ticketId, long after) {
		if (!store.isChat(ws, desk.ticket(ws, ticketId).id())) {
			throw new NotFoundException("ticket " + ticketId + " is not a chat");
		}
		return lines(ws, ticketId, after);
	}

	public boolean isChat(WorkspaceId ws, long ticketId) {
		return store.isChat(ws, ticketId);
	}

	/** An agent answers in the chat (shown to the visitor at once; not mailed). */
	@Transactional
	public ChatLine agentSays(WorkspaceId ws, long ticketId, User agent, String text) {
		Ticket ticket = tickets.lock(ws, ticketId).orElseThrow(() -> new NotFoundException("no ticket " + ticketId));
		if (!store.isChat(ws, ticketId)) {
			throw new InvalidInputException("Ticket " + ticketId + " is not a chat; answer with a reply.", List.of("notChat"));
		}
		List<String> errors = new ArrayList<>();
		String line = line(text, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The chat message is not valid: " + String.join(", ", errors), errors);
		}
		long message = tickets.insertMessage(ws, ticketId, ticket.accountId(), "agent", agent.id(), null,
				agent.displayName(), List.of(), null, line, null, null, null, List.of(), null, null, List.of(), null,
				null, null);
		tickets.touched(ws, ticketId, "agent");
		tickets.change(ws, ticketId, agent.id(), "reply", null, Long.toString(message));
		if ("new".equals(ticket.status())) {
			desk.update(ws, ticketId, new TicketUpdate("open", null, null, null, null, false), agent.id());
		}
		if (ticket.assigneeUserId() == null) {
			desk.update(ws, ticketId, new TicketUpdate(null, null, null, null, agent.id(), false), agent.id());
		}
		return lines(ws, ticketId, message - 1).get(0);
	}

	/** A notice from the desk into the chat (e.g. the CSAT question). */
	void systemSays(WorkspaceId ws, Ticket ticket, String text) {
		tickets.insertMessage(ws, ticket.id(), ticket.accountId(), "system", null, null, null, List.of(), null, text,
				null, null, null, List.of(), null, null, List.of(), null, null, null);
	}

	List<ChatLine> lines(WorkspaceId ws, long ticketId, long after) {
		return store.lines(ws, ticketId, Math.max(0, after), 200);
	}

	private Ticket conversation(WorkspaceId ws, long ticketId, String token) {
		byte[] expected = store.chatToken(ws, ticketId).orElseThrow(() -> new NotFoundException("no conversation"));
		byte[] given = SupportDesk.sha256((token == null ? "" : token).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		if (!java.security.MessageDigest.isEqual(expected, given)) {
			throw new NotFoundException("no conversation");
		}
		return desk.ticket(ws, ticketId);
	}

	private static String line(String text, List<String> errors) {
		String line = blank(text);
		if (line == null || line.length() > MAX_CHAT_LINE) {
			errors.add("message");
			return "";
		}
		return clean(line);
	}

	/** Drops NUL and other control characters but line breaks and tabs. */
	static String clean(String value) {
		return value == null ? null : value.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}

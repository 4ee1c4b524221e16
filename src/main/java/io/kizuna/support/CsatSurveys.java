package io.kizuna.support;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CSAT (ADR 0121): when a ticket is solved the customer gets one question, by e-mail (the ticket's mailbox) or in the
 * chat, with a link holding a single-use token; the page records one answer (a rating and an optional comment) and
 * the link is spent. Results per month and agent for the reports, per account for the account panel.
 */
@Service
public class CsatSurveys {

	private static final Logger log = LoggerFactory.getLogger(CsatSurveys.class);

	public static final int MAX_COMMENT = 2000;

	private final JdbcClient jdbc;

	private final Tickets tickets;

	private final Channels channels;

	private final MailSender sender;

	private final PublicChannels publicChannels;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final String publicUrl;

	CsatSurveys(JdbcClient jdbc, Tickets tickets, Channels channels, MailSender sender, PublicChannels publicChannels,
			WorkspaceManagement workspaces, MessageSource messages, ApplicationEventPublisher events,
			@Value("${kizuna.support.public-url:${kizuna.messaging.public-url:http://localhost:8080}}") String publicUrl) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.channels = channels;
		this.sender = sender;
		this.publicChannels = publicChannels;
		this.workspaces = workspaces;
		this.messages = messages;
		this.events = events;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	@ApplicationModuleListener
	void on(TicketStatusChanged changed) {
		if ("solved".equals(changed.to())) {
			send(changed.workspaceId(), changed.ticketId());
		}
	}

	/**
	 * Sends the survey of a solved ticket once (a ticket solved again is not asked again): by chat for a chat, else by
	 * mail when the ticket has an address and the workspace a mailbox. Answers the link, or empty when CSAT is off or
	 * was sent before.
	 */
	@Transactional
	public Optional<String> send(WorkspaceId ws, long ticketId) {
		PublicChannelSettings settings = publicChannels.settings(ws);
		Ticket ticket = tickets.find(ws, ticketId).orElse(null);
		if (!settings.csatEnabled() || ticket == null || ticket.mergedIntoId() != null
				|| !List.of("question", "incident", "problem", "task").contains(ticket.type())) {
			return Optional.empty();
		}
		String token = PublicChannels.newSession() + PublicChannels.newSession();
		boolean chat = publicChannels.isChat(ws, ticketId);
		Optional<Long> channelId = ticket.channelId() != null ? Optional.of(ticket.channelId()) : channels.firstOf(ws);
		Optional<Channels.Connection> connection = channelId.flatMap(id -> channels.connection(ws, id));
		boolean mail = !chat && ticket.requesterEmail() != null && connection.isPresent()
				&& !SupportDesk.machineAddress(ticket.requesterEmail());
		int inserted = jdbc.sql("""
				insert into support_csat (workspace_id, ticket_id, account_id, agent_user_id, token_sha256, scale, sent_by)
				values (:ws, :ticket, :account, :agent, :sha, :scale, :by) on conflict do nothing""")
			.param("ws", ws.value()).param("ticket", ticketId).param("account", ticket.accountId())
			.param("agent", ticket.assigneeUserId()).param("sha", sha(token)).param("scale", settings.csatScale())
			.param("by", chat ? "chat" : mail ? "email" : "none")
			.update();
		if (inserted == 0) {
			return Optional.empty();
		}
		String link = publicUrl + "/csat/" + token;
		Workspace workspace = workspaces.get(ws);
		Locale locale = workspace.locale().getLanguage().equals("en") ? Locale.ENGLISH : Locale.JAPANESE;
		String question = question(settings, locale);
		if (chat) {
			publicChannels.systemSays(ws, ticket, question + "\n" + link);
		}
		else if (mail) {
			String text = mailText(ticket, question, link, settings.csatScale(), locale);
			String subject = messages.getMessage("support.csat.mailSubject", new Object[] { ticket.subject() }, locale)
				+ " [#" + ticket.id() + "]";
			try {
				String domain = connection.get().channel().address().substring(connection.get().channel().address().indexOf('@') + 1);
				sender.send(connection.get(), new MailSender.Outgoing(workspace.name(), ticket.requesterEmail(), subject,
						text, "<kizuna.csat." + ticketId + "." + UUID.randomUUID() + "@" + domain + ">", null, List.of()));
			}
			catch (jakarta.mail.MessagingException | RuntimeException ex) {
				log.warn("CSAT survey of ticket {} not sent: {}", ticketId, ex.getClass().getSimpleName());
				jdbc.sql("update support_csat set sent_by = 'none' where workspace_id = :ws and ticket_id = :ticket")
					.param("ws", ws.value()).param("ticket", ticketId).update();
			}
		}
		return Optional.of(link);
	}

	String question(PublicChannelSettings settings, Locale locale) {
		String custom = locale.getLanguage().equals("en") ? settings.csatQuestionEn() : settings.csatQuestionJa();
		return custom != null ? custom : messages.getMessage("support.csat.question", null, locale);
	}

	private String mailText(Ticket ticket, String question, String link, String scale, Locale locale) {
		StringBuilder text = new StringBuilder();
		if (ticket.requesterName() != null) {
			text.append(messages.getMessage("support.csat.mailGreeting", new Object[] { ticket.requesterName() }, locale))
				.append("\n\n");
		}
		text.append(messages.getMessage("support.csat.mailIntro", new Object[] { ticket.subject() }, locale))
			.append("\n\n").append(question).append("\n\n");
		List<Integer> ratings = "binary".equals(scale) ? List.of(5, 1) : List.of(5, 4, 3, 2, 1);
		for (int rating : ratings) {
			text.append(messages.getMessage("support.csat.rating." + scale + "." + rating, null, locale)).append(": ")
				.append(link).append("?rating=").append(rating).append('\n');
		}
		return text.append('\n').append(messages.getMessage("support.csat.mailFooter", null, locale)).toString();
	}

	/** The survey a link names; a spent link still shows its answer. */
	public CsatSurvey survey(String token, Locale locale) {
		return jdbc.sql("""
				select c.workspace_id, c.ticket_id, t.subject, c.scale, c.rating, c.comment, c.answered_at
				from support_csat c join support_ticket t on t.workspace_id = c.workspace_id and t.ticket_id = c.ticket_id
				where c.token_sha256 = :sha""")
			.param("sha", sha(token))
			.query((rs, n) -> {
				int rating = rs.getInt("rating");
				Integer r = rs.wasNull() ? null : rating;
				PublicChannelSettings settings = publicChannels.settings(new WorkspaceId(rs.getLong("workspace_id")));
				return new CsatSurvey(rs.getLong("ticket_id"), rs.getString("subject"), rs.getString("scale"),
						question(settings, locale), r, rs.getString("comment"), Tickets.instant(rs, "answered_at"));
			})
			.optional()
			.orElseThrow(() -> new NotFoundException("no survey"));
	}

	/** Records the one answer a link allows; a second one is refused (ConflictException), the first is kept. */
	@Transactional
	public CsatSurvey answer(String token, int rating, String comment, Locale locale) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{32,128}")) {
			throw new NotFoundException("no survey");
		}
		CsatSurvey survey = survey(token, locale);
		boolean binary = "binary".equals(survey.scale());
		if (binary ? rating != 1 && rating != 5 : rating < 1 || rating > 5) {
			throw new InvalidInputException(binary ? "rating: 5 (good) or 1 (bad)" : "rating: 1 to 5", List.of("rating"));
		}
		String text = comment == null || comment.isBlank() ? null : PublicChannels.clean(comment);
		if (text != null && text.length() > MAX_COMMENT) {
			throw new InvalidInputException("comment: at most 2,000 characters", List.of("comment"));
		}
		record Answered(long workspace, long ticket, Long account, Long agent) {
		}
		Optional<Answered> answered = jdbc.sql("""
				update support_csat set rating = :rating, good = :good, comment = :comment, answered_at = now()
				where token_sha256 = :sha and answered_at is null
				returning workspace_id, ticket_id, account_id, agent_user_id""")
			.param("rating", rating).param("good", rating >= 4).param("comment", text).param("sha", sha(token))
			.query((rs, n) -> new Answered(rs.getLong(1), rs.getLong(2), Tickets.longOrNull(rs, "account_id"),
					Tickets.longOrNull(rs, "agent_user_id")))
			.optional();
		if (answered.isEmpty()) {
			throw new ConflictException("This survey has been answered already.");
		}
		Answered a = answered.get();
		WorkspaceId ws = new WorkspaceId(a.workspace());
		tickets.change(ws, a.ticket(), null, "csat", null, Integer.toString(rating));
		events.publishEvent(new CsatAnswered(ws, a.ticket(), a.account(), a.agent(), rating, rating >= 4));
		return survey(token, locale);
	}

	/** A ticket's answered survey: its scale ({@code five}, {@code binary}), rating and comment (null without one). */
	record Answer(String scale, int rating, String comment) {
	}

	Optional<Answer> answerOf(WorkspaceId ws, long ticketId) {
		return jdbc.sql("""
				select scale, rating, comment from support_csat
				where workspace_id = :ws and ticket_id = :ticket and answered_at is not null""")
			.param("ws", ws.value()).param("ticket", ticketId)
			.query((rs, n) -> new Answer(rs.getString("scale"), rs.getInt("rating"), rs.getString("comment")))
			.optional();
	}

	/** The share of good answers of the account in the last 90 days (0-100, one decimal), null without answers. */
	public Optional<Double> accountPercent(WorkspaceId ws, long accountId) {
		return jdbc.sql("select csat_percent from support_v_account_csat where workspace_id = :ws and account_id = :account")
			.param("ws", ws.value()).param("account", accountId).query(Double.class).optional();
	}

	/** Per month (in the zone) for the last {@code months} months, and per agent over the same period. */
	public CsatReport report(WorkspaceId ws, ZoneId zone, int months) {
		Instant from = ZonedDateTime.now(zone).withDayOfMonth(1).toLocalDate()
			.minusMonths(Math.max(0, Math.min(months, 36) - 1)).atStartOfDay(zone).toInstant();
		String rows = """
				select %s as key, count(*) as sent, count(answered_at) as answered,
				       count(*) filter (where good) as good
				from support_csat where workspace_id = :ws and sent_at >= :from
				group by 1 order by 1""";
		List<CsatReport.Row> monthly = jdbc.sql(rows.formatted("to_char(date_trunc('month', sent_at at time zone :zone), 'YYYY-MM')"))
			.param("ws", ws.value()).param("from", Timestamp.from(from)).param("zone", zone.getId())
			.query((rs, n) -> row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
		List<CsatReport.Row> agents = jdbc.sql(rows.formatted("cast(agent_user_id as text)"))
			.param("ws", ws.value()).param("from", Timestamp.from(from))
			.query((rs, n) -> row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
		long sent = monthly.stream().mapToLong(CsatReport.Row::sent).sum();
		long answered = monthly.stream().mapToLong(CsatReport.Row::answered).sum();
		long good = monthly.stream().mapToLong(CsatReport.Row::good).sum();
		return new CsatReport(monthly, agents, row(null, sent, answered, good));
	}

	private static CsatReport.Row row(String key, long sent, long answered, long good) {
		return new CsatReport.Row(key, sent, answered, good,
				answered == 0 ? null : Math.round(1000.0 * good / answered) / 10.0);
	}

	private static byte[] sha(String token) {
		return SupportDesk.sha256((token == null ? "" : token).getBytes(StandardCharsets.US_ASCII));
	}
}

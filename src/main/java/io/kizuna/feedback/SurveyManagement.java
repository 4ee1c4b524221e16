package io.kizuna.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.workspace.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Surveys (ADR 0101): defining them, sending them to a segment or a list of contacts under the fatigue rules, and
 * the personal links a host app asks for. Sending only queues deliveries, set-based; {@link SurveyDelivery} hands
 * them to the messaging outbox in batches, sends the reminders and runs the schedules.
 */
@Service
public class SurveyManagement {

	public static final int MAX_SURVEYS = 200;

	public static final int MAX_LIST = 10_000;

	static final int MAX_QUESTIONS = 20;

	static final int MAX_OPTIONS = 20;

	static final int MAX_TEXT = 1000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SurveyStore store;

	private final SupportDesk support;

	private final AuditTrail audit;

	SurveyManagement(SurveyStore store, SupportDesk support, AuditTrail audit) {
		this.store = store;
		this.support = support;
		this.audit = audit;
	}

	public List<Survey> surveys(WorkspaceId ws) {
		return store.surveys(ws);
	}

	public Survey survey(WorkspaceId ws, long id) {
		return store.survey(ws, id).orElseThrow(() -> new NotFoundException("no survey " + id));
	}

	public SurveySettings settings(WorkspaceId ws) {
		return store.settings(ws);
	}

	@Transactional
	public SurveySettings saveSettings(WorkspaceId ws, SurveySettings settings) {
		if (settings == null || settings.minGapDays() < 0 || settings.minGapDays() > 3650) {
			throw new InvalidInputException("invalid survey settings", List.of("minGapDays: 0 to 3650"));
		}
		store.saveSettings(ws, settings);
		audit.record(ws, "feedback.survey_settings_changed", "surveys",
				Map.of("minGapDays", settings.minGapDays(), "skipOpenTickets", settings.skipOpenTickets()));
		return settings;
	}

	/** The standard questions of a kind, in ja and en; what the new-survey form starts from. */
	public static Survey.Definition template(String kind) {
		return SurveyTemplates.of(kind);
	}

	@Transactional
	public Survey create(WorkspaceId ws, SurveyDraft draft) {
		Checked c = check(ws, draft);
		if (store.surveys(ws).size() >= MAX_SURVEYS) {
			throw new InvalidInputException("invalid survey", List.of("at most " + MAX_SURVEYS + " surveys"));
		}
		long id = store.jdbc.sql("""
				insert into feedback_survey (workspace_id, kind, name, default_language, definition, repeat_days,
				    reminder_days, max_reminders, expires_days, schedule_days, schedule_segment_id, next_run_at)
				values (:ws, :kind, :name, :lang, cast(:definition as jsonb), :repeat, :remind, :reminders, :expires,
				        :schedule, :segment, case when :schedule::int is null then null else now() end)
				returning survey_id""")
			.param("ws", ws.value()).param("kind", draft.kind()).params(c.params()).query(Long.class).single();
		audit.record(ws, "feedback.survey_created", Long.toString(id), Map.of("kind", draft.kind()));
		return survey(ws, id);
	}

	@Transactional
	public Survey update(WorkspaceId ws, long id, SurveyDraft draft) {
		Survey before = survey(ws, id);
		if (draft != null && draft.kind() != null && !draft.kind().equals(before.kind())) {
			throw new InvalidInputException("invalid survey", List.of("kind: cannot change once created"));
		}
		SurveyDraft same = draft == null ? null : new SurveyDraft(before.kind(), draft.name(), draft.defaultLanguage(),
				draft.definition(), draft.repeatDays(), draft.reminderDays(), draft.maxReminders(), draft.expiresDays(),
				draft.scheduleDays(), draft.scheduleSegmentId());
		Checked c = check(ws, same);
		store.jdbc.sql("""
				update feedback_survey set name = :name, default_language = :lang, definition = cast(:definition as jsonb),
				    repeat_days = :repeat, reminder_days = :remind, max_reminders = :reminders, expires_days = :expires,
				    schedule_days = :schedule, schedule_segment_id = :segment,
				    next_run_at = case when :schedule::int is null then null else coalesce(next_run_at, now()) end,
				    updated_at = now()
				where workspace_id = :ws and survey_id = :id""")
			.param("ws", ws.value()).param("id", id).params(c.params()).update();
		audit.record(ws, "feedback.survey_changed", Long.toString(id), Map.of());
		return survey(ws, id);
	}

	/** Closes (no more sending, links stop working) or reopens a survey. */
	@Transactional
	public Survey setStatus(WorkspaceId ws, long id, String status) {
		if (!"active".equals(status) && !"closed".equals(status)) {
			throw new InvalidInputException("invalid status", List.of("status: active or closed"));
		}
		survey(ws, id);
		store.jdbc.sql("update feedback_survey set status = ?, updated_at = now() where workspace_id = ? and survey_id = ?")
			.params(status, ws.value(), id).update();
		audit.record(ws, "feedback.survey_" + status, Long.toString(id), Map.of());
		return survey(ws, id);
	}

	private record Checked(Map<String, Object> params) {
	}

	private Checked check(WorkspaceId ws, SurveyDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("a survey is required");
		}
		List<String> errors = new ArrayList<>();
		if (draft.kind() == null || !Survey.KINDS.contains(draft.kind())) {
			errors.add("kind: one of " + String.join(", ", Survey.KINDS));
		}
		if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 200) {
			errors.add("name: required, at most 200 characters");
		}
		String language = draft.defaultLanguage() == null ? "ja" : draft.defaultLanguage();
		if (!"ja".equals(language) && !"en".equals(language)) {
			errors.add("defaultLanguage: ja or en");
		}
		Survey.Definition definition = draft.definition() == null && draft.kind() != null
				&& Survey.KINDS.contains(draft.kind()) ? SurveyTemplates.of(draft.kind()) : draft.definition();
		if (definition == null) {
			errors.add("definition: questions are required");
		}
		else {
			SurveyTemplates.check(draft.kind(), definition, errors);
		}
		int repeat = range(draft.repeatDays(), 90, 0, 3650, "repeatDays", errors);
		int remind = range(draft.reminderDays(), 3, 1, 60, "reminderDays", errors);
		int reminders = range(draft.maxReminders(), 1, 0, 5, "maxReminders", errors);
		int expires = range(draft.expiresDays(), 14, 1, 365, "expiresDays", errors);
		Integer schedule = draft.scheduleDays() == null ? null : range(draft.scheduleDays(), 90, 1, 3650, "scheduleDays", errors);
		if (draft.scheduleSegmentId() != null && store.jdbc.sql(
				"select count(*) from segments_v_segment where workspace_id = ? and segment_id = ?")
			.params(ws.value(), draft.scheduleSegmentId()).query(Long.class).single() == 0) {
			errors.add("scheduleSegmentId: no such segment");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid survey", errors);
		}
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("name", draft.name().strip());
		params.put("lang", language);
		params.put("definition", store.json.writeValueAsString(definition));
		params.put("repeat", repeat);
		params.put("remind", remind);
		params.put("reminders", reminders);
		params.put("expires", expires);
		params.put("schedule", schedule);
		params.put("segment", draft.scheduleSegmentId());
		return new Checked(params);
	}

	private static int range(Integer value, int fallback, int min, int max, String name, List<String> errors) {
		int v = value == null ? fallback : value;
		if (v < min || v > max) {
			errors.add(name + ": " + min + " to " + max);
		}
		return v;
	}

	// --- sending

	/**
	 * Queues the survey for the contacts of a segment or a list (external ids or email addresses, at most
	 * {@link #MAX_LIST}), leaving out those the fatigue rules protect: anyone surveyed within the workspace's
	 * minimum gap, anyone who got this survey within its repeat days or still has it pending, and, if the workspace
	 * chose so, anyone with an open ticket. One statement whatever the size.
	 */
	@Transactional
	public SurveySendResult send(WorkspaceId ws, long surveyId, Long segmentId, List<String> contacts) {
		Survey survey = survey(ws, surveyId);
		if (!"active".equals(survey.status())) {
			throw new InvalidInputException("invalid send", List.of("survey: closed"));
		}
		if ((segmentId == null) == (contacts == null || contacts.isEmpty())) {
			throw new InvalidInputException("invalid send", List.of("a segment or a list of contacts, not both"));
		}
		String[] refs = refs(contacts);
		int unknown = 0;
		String filter;
		if (segmentId != null) {
			if (store.jdbc.sql("select count(*) from segments_v_segment where workspace_id = ? and segment_id = ?")
				.params(ws.value(), segmentId).query(Long.class).single() == 0) {
				throw new NotFoundException("no segment " + segmentId);
			}
			filter = "c.account_id in (select account_id from segments_v_member where workspace_id = :ws and segment_id = :segment)";
		}
		else {
			filter = "(c.external_id = any(:refs) or lower(c.email) = any(:refs))";
		}
		return queue(ws, survey, filter, segmentId, refs, "email", refs.length);
	}

	private static String[] refs(List<String> contacts) {
		if (contacts == null) {
			return new String[0];
		}
		if (contacts.size() > MAX_LIST) {
			throw new InvalidInputException("invalid send", List.of("contacts: at most " + MAX_LIST));
		}
		Set<String> refs = new HashSet<>();
		for (String c : contacts) {
			if (c != null && !c.isBlank() && c.length() <= 320) {
				refs.add(c.strip().contains("@") ? c.strip().toLowerCase(java.util.Locale.ROOT) : c.strip());
			}
		}
		return refs.toArray(String[]::new);
	}

	SurveySendResult queue(WorkspaceId ws, Survey survey, String filter, Long segmentId, String[] refs, String channel,
			int asked) {
		SurveySettings settings = store.settings(ws);
		Long[] ticketContacts = settings.skipOpenTickets() ? openTicketContacts(ws) : new Long[0];
		int[] counts = store.jdbc.sql("""
				with c as (
				    select c.contact_id, c.account_id, c.email from accounts_v_contact c where c.workspace_id = :ws and %s
				), r as (
				    select c.contact_id, c.account_id, coalesce(c.email, '') = '' as no_email,
				           exists (select 1 from feedback_survey_delivery d
				                   where d.workspace_id = :ws and d.contact_id = c.contact_id
				                     and (d.created_at > now() - make_interval(days => :gap)
				                          or (d.survey_id = :survey and (d.status = 'queued'
				                              or d.created_at > now() - make_interval(days => :repeat))))) as recent,
				           c.contact_id = any(:tickets) as ticket
				    from c
				), ins as (
				    insert into feedback_survey_delivery (workspace_id, survey_id, contact_id, account_id, channel, language)
				    select :ws, :survey, contact_id, account_id, :channel, :lang from r
				    where not no_email and not recent and not ticket
				    returning 1
				)
				select (select count(*) from ins)::int, (count(*) filter (where recent and not no_email))::int,
				       (count(*) filter (where ticket and not recent and not no_email))::int,
				       (count(*) filter (where no_email))::int, count(*)::int
				from r""".formatted(filter))
			.param("ws", ws.value()).param("segment", segmentId).param("refs", refs)
			.param("gap", settings.minGapDays()).param("survey", survey.id()).param("repeat", survey.repeatDays())
			.param("tickets", ticketContacts).param("channel", channel).param("lang", survey.defaultLanguage())
			.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5) })
			.single();
		int unknown = refs.length == 0 ? 0 : Math.max(0, asked - counts[4]);
		audit.record(ws, "feedback.survey_sent", Long.toString(survey.id()),
				Map.of("queued", counts[0], "skipped", counts[1] + counts[2] + counts[3]));
		return new SurveySendResult(counts[0], counts[1], counts[2], counts[3], unknown);
	}

	/** The contacts who asked something still open: only accounts with open tickets are read, from support. */
	private Long[] openTicketContacts(WorkspaceId ws) {
		List<Long> accounts = store.jdbc.sql(
				"select account_id from support_v_account_tickets where workspace_id = ? and open_tickets > 0")
			.param(ws.value()).query(Long.class).list();
		Set<Long> contacts = new HashSet<>();
		for (long account : accounts) {
			for (Ticket t : support.accountTickets(ws, account, true, 500)) {
				if (t.requesterContactId() != null) {
					contacts.add(t.requesterContactId());
				}
			}
		}
		return contacts.toArray(Long[]::new);
	}

	/**
	 * A personal link for one contact, for the host app to show (the embed): the same fatigue rules apply, so the
	 * answer is empty when the contact must not be asked now.
	 */
	@Transactional
	public Optional<String> link(WorkspaceId ws, long surveyId, String contact, String publicUrl) {
		Survey survey = survey(ws, surveyId);
		if (!"active".equals(survey.status())) {
			throw new InvalidInputException("invalid link", List.of("survey: closed"));
		}
		if (contact == null || contact.isBlank()) {
			throw new InvalidInputException("invalid link", List.of("contact: an external id or email is required"));
		}
		String[] refs = refs(List.of(contact));
		SurveySendResult result = queue(ws, survey, "(c.external_id = any(:refs) or lower(c.email) = any(:refs))", null,
				refs, "link", 1);
		if (result.unknownContacts() > 0) {
			throw new NotFoundException("no contact " + contact);
		}
		if (result.queued() == 0) {
			return Optional.empty();
		}
		long delivery = store.jdbc.sql("""
				select max(delivery_id) from feedback_survey_delivery
				where workspace_id = ? and survey_id = ? and channel = 'link' and status = 'queued'""")
			.params(ws.value(), surveyId).query(Long.class).single();
		String token = issue(ws, delivery, survey.expiresDays());
		return Optional.of(publicUrl + "/s/" + token);
	}

	/** Gives a delivery its token and marks it sent; returns the token, which is kept only hashed and sealed. */
	String issue(WorkspaceId ws, long deliveryId, int expiresDays) {
		String token = newToken();
		store.jdbc.sql("""
				update feedback_survey_delivery set token_hash = ?, status = 'sent', sent_at = now(),
				    expires_at = ? where workspace_id = ? and delivery_id = ?""")
			.params(hash(token), Timestamp.from(Instant.now().plus(Duration.ofDays(expiresDays))), ws.value(), deliveryId)
			.update();
		return token;
	}

	static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Delivery counts by status, for the survey page's progress. */
	public Map<String, Long> deliveryCounts(WorkspaceId ws, long surveyId) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String s : List.of("queued", "sent", "answered", "suppressed", "failed")) {
			counts.put(s, 0L);
		}
		store.jdbc.sql("""
				select status, count(*) from feedback_survey_delivery where workspace_id = ? and survey_id = ?
				group by status""").params(ws.value(), surveyId)
			.query(rs -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

	/** One delivery as the API shows it. */
	public record Delivery(long id, long contactId, String contactEmail, Long accountId, String channel, String status,
			Instant createdAt, Instant sentAt, Instant expiresAt, int remindersSent, Instant answeredAt) {
	}

	public List<Delivery> deliveries(WorkspaceId ws, long surveyId, String status, Long before, int limit) {
		survey(ws, surveyId);
		return store.jdbc.sql("""
				select d.delivery_id, d.contact_id, c.email, d.account_id, d.channel, d.status, d.created_at, d.sent_at,
				       d.expires_at, d.reminders_sent, d.answered_at
				from feedback_survey_delivery d
				left join accounts_v_contact c on c.workspace_id = d.workspace_id and c.contact_id = d.contact_id
				where d.workspace_id = :ws and d.survey_id = :survey and (:status = '' or d.status = :status)
				  and (:before::bigint is null or d.delivery_id < :before)
				order by d.delivery_id desc limit :limit""")
			.param("ws", ws.value()).param("survey", surveyId).param("status", status == null ? "" : status)
			.param("before", before).param("limit", Math.max(1, Math.min(limit, 500)))
			.query((rs, n) -> new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4),
					rs.getString(5), rs.getString(6), SurveyStore.instant(rs.getTimestamp(7)),
					SurveyStore.instant(rs.getTimestamp(8)), SurveyStore.instant(rs.getTimestamp(9)), rs.getInt(10),
					SurveyStore.instant(rs.getTimestamp(11))))
			.list();
	}
}
